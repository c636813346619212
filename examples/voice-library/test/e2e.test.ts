// End to end: the built app, served by `vite preview` with its backend in front of the fake Voices API
// of @noiz-voices/testing (the backend's default), driven in Debian's Chromium through playwright-core.
// The test holds the fake: it resets it before each test, reads its state (a clone or a delete really
// happened) and injects faults with failNext.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createFakeVoices, makeWav } from "@noiz-voices/testing";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_VOICES, voicesBackend } from "../backend/voices-backend.js";

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(exampleDir, "../..");
const resultsDir = resolve(exampleDir, "test-results");

interface ChromiumTools {
  ensureChromium(): string;
  chromiumArgs: string[];
}

/** The backend's default fake (the demo voices), held here to read its state and inject faults. */
const fake = createFakeVoices({ voices: DEMO_VOICES });
let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let appUrl: string;
/** Requests the page tried to send off this machine (all aborted). */
const offMachine: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(exampleDir, "dist/index.html"))) {
    throw new Error("examples/voice-library/dist is missing: run `pnpm --filter voice-library build` first.");
  }
  mkdirSync(resultsDir, { recursive: true });
  const tools: ChromiumTools = await import(pathToFileURL(resolve(repoRoot, "tools/scripts/ensure-chromium.mjs")).href);
  const executablePath = tools.ensureChromium();
  // The built app in dist/, served as vite.config.ts serves it, with the backend on this test's fake.
  server = await preview({
    root: exampleDir,
    configFile: false,
    plugins: [voicesBackend({ fake })],
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview did not listen on a port");
  appUrl = `http://127.0.0.1:${address.port}/`;
  browser = await chromium.launch({ executablePath, args: tools.chromiumArgs, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  fake.reset();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // Nothing leaves the machine: the API and the samples are all on 127.0.0.1, anything else is aborted.
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      offMachine.push(route.request().url());
      return route.abort();
    },
  );
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

const voiceRow = (name: string) => page.getByRole("button", { name: new RegExp(`^${name}`) });
const listRequest = (predicate: (url: URL) => boolean) => (request: Request) => {
  const url = new URL(request.url());
  return request.method() === "GET" && url.pathname === "/api/voices" && predicate(url);
};
/** The id the fake gave a voice, by its name. */
const idOf = (name: string) => {
  const voice = fake.voices.find((v) => v.display_name === name);
  if (!voice) throw new Error(`the fake holds no voice named ${name}`);
  return voice.voice_id;
};
const wav = (seconds = 1) => ({ name: "me.wav", mimeType: "audio/wav", buffer: Buffer.from(makeWav({ seconds })) });

describe("voice library in Chromium", () => {
  it("loads the list and says where the data comes from", async () => {
    const firstList = page.waitForRequest(listRequest(() => true));
    await page.goto(appUrl);
    const sent = new URL((await firstList).url());
    expect(Object.fromEntries(sent.searchParams)).toEqual({ voice_type: "custom", limit: "10", skip: "0" });
    await voiceRow("My Custom Voice").waitFor();
    await voiceRow("Podcast Host").waitFor();
    expect(await page.getByText("2 custom voices").isVisible()).toBe(true);
    const banner = await page.getByRole("note").textContent();
    expect(banner).toMatch(/local fake of the Voices API/);
    expect(banner).not.toMatch(/don't stick/);
    expect(await page.getByText("Select a voice to see its details").isVisible()).toBe(true);
    await page.screenshot({ path: resolve(resultsDir, "list.png"), fullPage: true });
  });

  it("searches by keyword: the service filters, and the page shows what came back", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    const searched = page.waitForRequest(listRequest((url) => url.searchParams.get("keyword") === "narration"));
    await page.getByRole("searchbox", { name: "Search voices" }).fill("narration");
    await searched;
    // Only one of the two custom voices has "narration" among its labels.
    await page.getByText("1 custom voice match “narration”").waitFor();
    expect(await voiceRow("Podcast Host").count()).toBe(0);

    await page.getByRole("searchbox", { name: "Search voices" }).fill("zzz");
    await page.getByText("No custom voices match “zzz”").waitFor();
    expect(await voiceRow("My Custom Voice").count()).toBe(0);
    expect(fake.requests.filter((r) => r.operation === "listVoices").map((r) => r.query.keyword)).toEqual([
      undefined,
      "narration",
      "zzz",
    ]);
  });

  it("filters by type, and loads more pages until total_count is reached", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    const builtIn = page.waitForRequest(listRequest((url) => url.searchParams.get("voice_type") === "built-in"));
    await page.getByText("Built-in", { exact: true }).click();
    await builtIn;
    await voiceRow("Aria").waitFor();
    expect(await voiceRow("My Custom Voice").count()).toBe(0);
    // The fake has 12 built-in voices: a page of 10, then the last 2.
    expect(await page.getByText("12 built-in voices", { exact: true }).isVisible()).toBe(true);
    const more = page.getByRole("button", { name: "Load more (10 of 12 shown)" });
    const next = page.waitForRequest(listRequest((url) => url.searchParams.get("skip") === "1"));
    await more.click();
    await next;
    await voiceRow("Leo").waitFor();
    await more.waitFor({ state: "detached" });
    expect(await page.getByText("All 12 shown.").isVisible()).toBe(true);
  });

  it("shows a voice's details, and its sample plays from the fake in an <audio> element", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").click();
    await page.getByRole("heading", { name: /My Custom Voice/ }).waitFor();
    expect(await page.getByText("“The quick brown fox jumps over the lazy dog.”").isVisible()).toBe(true);
    expect(await page.getByText("warm, narration").count()).toBeGreaterThan(0);
    const audio = page.getByLabel("Sample of My Custom Voice");
    expect(await audio.evaluate((el) => el.tagName)).toBe("AUDIO");
    expect(await audio.getAttribute("preload")).toBe("none");
    const src = await audio.getAttribute("src");
    expect(src).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/__fake/samples/${idOf("My Custom Voice")}\\.wav$`));
    await page.screenshot({ path: resolve(resultsDir, "details.png"), fullPage: true });

    // Chromium loads and decodes it: the fake served real WAV audio.
    const duration = await audio.evaluate(
      (el: HTMLAudioElement) =>
        new Promise<number>((done) => {
          el.addEventListener("loadedmetadata", () => done(el.duration), { once: true });
          el.addEventListener("error", () => done(-1), { once: true });
          el.preload = "auto";
          el.load();
        }),
    );
    expect(duration).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.operation === null).map((r) => `${r.method} ${r.path} ${r.status}`)).toContain(
      `GET /__fake/samples/${idOf("My Custom Voice")}.wav 200`,
    );
  });

  it("shows ValidationError messages next to their fields, before anything is sent", async () => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    const form = page.locator("form");

    await page.getByRole("button", { name: "Clone voice" }).click();
    const fileError = page.locator("#clone-file-error");
    await fileError.waitFor();
    expect(await fileError.textContent()).toMatch(/A clone needs file/);
    expect(await page.locator("#clone-file").getAttribute("aria-invalid")).toBe("true");

    await page
      .locator("#clone-file")
      .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await page.getByRole("button", { name: "Clone voice" }).click();
    await page
      .locator("#clone-file-error")
      .getByText(/is not WAV, MP3 or M4A/)
      .waitFor();

    await form.getByText("From a URL").click();
    await page.getByLabel("Audio URL").fill("not a url");
    await page.getByRole("button", { name: "Clone voice" }).click();
    const urlError = page.locator("#clone-url-error");
    await urlError.waitFor();
    expect(await urlError.textContent()).toMatch(/^voice_url must be an? .*http\(s\) URL/);
    await page.screenshot({ path: resolve(resultsDir, "clone-errors.png"), fullPage: true });
    expect(posts).toEqual([]);
  });

  it("clones from a file and from a URL: the new voices are listed, shown, and still there after a reload", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    await page.locator("#clone-file").setInputFiles(wav(2));
    await page.getByLabel("Name (optional)").fill("Studio Voice");
    await page.getByLabel("Language").selectOption("en");
    await page.getByLabel("Reduce background noise").check();
    const post = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/voices");
    await page.getByRole("button", { name: "Clone voice" }).click();
    const body = (await post).postData() ?? "";
    expect(body).toMatch(/name="file"; filename="me.wav"/);
    expect(body).toMatch(/name="display_name"\r\n\r\nStudio Voice/);
    expect(body).toMatch(/name="denoise"\r\n\r\ntrue/);
    const notice = page.getByText(/^Cloned “Studio Voice”/);
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Cloned “Studio Voice” (${idOf("Studio Voice")}).`);
    // The lists were refreshed: the new voice is in this one, with the count.
    await voiceRow("Studio Voice").waitFor();
    expect(await page.getByText("3 custom voices", { exact: true }).isVisible()).toBe(true);
    // What reached the service through the backend: the form as the page sent it.
    expect(fake.requests.find((r) => r.operation === "cloneVoice")?.form).toMatchObject({
      display_name: "Studio Voice",
      language: "en",
      denoise: "true",
      file: { filename: "me.wav", type: "audio/wav", size: makeWav({ seconds: 2 }).byteLength },
    });
    await page.getByRole("button", { name: "Show it" }).click();
    await page.getByRole("heading", { name: /Studio Voice/ }).waitFor();
    await page.getByLabel("Sample of Studio Voice").waitFor();

    // And from a URL: the form sends voice_url instead of a file.
    await page.locator("form").getByText("From a URL").click();
    await page.getByLabel("Audio URL").fill("https://example.com/me.wav");
    await page.getByLabel("Name (optional)").fill("Voice From URL");
    const byUrl = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/voices");
    await page.getByRole("button", { name: "Clone voice" }).click();
    const urlBody = (await byUrl).postData() ?? "";
    expect(urlBody).toMatch(/name="voice_url"\r\n\r\nhttps:\/\/example\.com\/me\.wav/);
    expect(urlBody).not.toMatch(/name="file"/);
    const byUrlNotice = page.getByText(/^Cloned “Voice From URL”/);
    await byUrlNotice.waitFor();
    expect(await byUrlNotice.textContent()).toContain(`Cloned “Voice From URL” (${idOf("Voice From URL")}).`);
    await voiceRow("Voice From URL").waitFor();

    // They stuck: a fresh page load lists all four.
    await page.reload();
    await voiceRow("Voice From URL").waitFor();
    await voiceRow("Studio Voice").waitFor();
    expect(await page.getByText("4 custom voices", { exact: true }).isVisible()).toBe(true);
  });

  it("deletes after a confirmation: the row goes at once, and the voice stays deleted after a reload", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route("**/api/voices/*", async (route) => {
      if (route.request().method() !== "DELETE") return route.fallback();
      await held;
      return route.continue();
    });
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").click();
    await page.getByRole("button", { name: "Delete voice…" }).click();
    await page.getByText("Delete “My Custom Voice”?").waitFor();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    // The DELETE is still held in the browser: the row is gone (optimistic), the count says 1.
    await voiceRow("My Custom Voice").waitFor({ state: "detached" });
    expect(await page.getByText("1 custom voice", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Deleting “My Custom Voice”…").isVisible()).toBe(true);
    expect(fake.requests.filter((r) => r.operation === "deleteVoice")).toEqual([]);
    release();
    await page.getByText("Deleted “My Custom Voice”.").waitFor();
    // The refetch after the delete agrees with the optimistic list, and so does a fresh page load.
    expect(fake.voices.find((v) => v.display_name === "My Custom Voice")?.delete_time).toBeGreaterThan(0);
    await page.reload();
    await voiceRow("Podcast Host").waitFor();
    expect(await voiceRow("My Custom Voice").count()).toBe(0);
    expect(await page.getByText("1 custom voice", { exact: true }).isVisible()).toBe(true);
  });

  it("puts the voice back and says why when the delete fails", async () => {
    // A 503 on every attempt (the client retries twice; Retry-After: 0, so at once).
    fake.failNext("deleteVoice", { status: 503, retryAfter: 0, times: 3 });
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").click();
    await page.getByRole("button", { name: "Delete voice…" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    const alert = page.getByRole("alert").getByText(`Couldn't delete ${idOf("My Custom Voice")}`);
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/HTTP 503.*It is back in the list/);
    await voiceRow("My Custom Voice").waitFor();
    expect(fake.requests.filter((r) => r.operation === "deleteVoice").map((r) => r.status)).toEqual([503, 503, 503]);
    // Nothing was deleted: a fresh page load still lists it.
    await page.reload();
    await voiceRow("My Custom Voice").waitFor();
  });

  it("explains a failed list and offers to try again", async () => {
    fake.failNext("listVoices", { status: 401 });
    await page.goto(appUrl);
    const alert = page.getByRole("alert");
    await alert.getByText("Couldn't load the voices.").waitFor();
    expect(await alert.textContent()).toMatch(/refused the backend's API key/);
    await alert.getByRole("button", { name: "Try again" }).click();
    await voiceRow("My Custom Voice").waitFor();
    expect(fake.requests.filter((r) => r.operation === "listVoices").map((r) => r.status)).toEqual([401, 200]);
  });

  it("keeps the key on the backend: the bundle and the browser's requests never hold it", async () => {
    const authorizations = new Set<string>();
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/voices")) {
        authorizations.add(request.headers().authorization ?? "(none)");
      }
    });
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    // The page sends no key at all; the backend adds its own, which the fake accepted.
    expect([...authorizations]).toEqual(["(none)"]);
    expect(fake.requests.map((r) => r.status)).toEqual([200]);

    // A build made where the key is in the environment still does not contain it.
    const outDir = mkdtempSync(resolve(tmpdir(), "voice-library-build-"));
    const sentinel = "sk-e2e-sentinel-4b1d";
    process.env.NOIZ_API_KEY = sentinel;
    process.env.VITE_NOIZ_API_KEY = sentinel;
    try {
      await build({
        root: exampleDir,
        configFile: resolve(exampleDir, "vite.config.ts"),
        logLevel: "silent",
        build: { outDir, emptyOutDir: true },
      });
      const files = readdirSync(outDir, { recursive: true, encoding: "utf8" }).map((f) => resolve(outDir, f));
      const js = files.filter((f) => f.endsWith(".js"));
      expect(js.length).toBeGreaterThan(0);
      for (const file of files.filter((f) => statSync(f).isFile())) {
        const text = readFileSync(file, "utf8");
        expect(text, file).not.toContain(sentinel);
        expect(text, file).not.toContain(fake.apiKey);
      }
    } finally {
      delete process.env.NOIZ_API_KEY;
      delete process.env.VITE_NOIZ_API_KEY;
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("sent nothing off this machine", () => {
    expect(offMachine).toEqual([]);
  });
});
