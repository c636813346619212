// End to end: the built app, served by `vite preview` with its backend (which starts the Prism mock),
// driven in Debian's Chromium through playwright-core.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page, type Request, type Route } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(exampleDir, "../..");
const resultsDir = resolve(exampleDir, "test-results");

interface ChromiumTools {
  ensureChromium(): string;
  chromiumArgs: string[];
}

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
  delete process.env.NOIZ_VOICES_UPSTREAM; // the backend's default: the Prism mock
  server = await preview({
    root: exampleDir,
    configFile: resolve(exampleDir, "vite.config.ts"),
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
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // Nothing leaves the machine: sample URLs point at the service's CDN, so any such request is aborted.
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
/** Adds Prism's `Prefer` header to the app's API calls that match. */
async function prefer(value: string, match: (request: Request) => boolean) {
  await page.route("**/api/voices**", (route: Route) =>
    match(route.request())
      ? route.continue({ headers: { ...route.request().headers(), prefer: value } })
      : route.fallback(),
  );
}
const wav = () => {
  const bytes = Buffer.alloc(64);
  bytes.write("RIFF", 0, "latin1");
  bytes.write("WAVE", 8, "latin1");
  return { name: "me.wav", mimeType: "audio/wav", buffer: bytes };
};

describe("voice library in Chromium", () => {
  it("loads the list and says where the data comes from", async () => {
    const firstList = page.waitForRequest(listRequest(() => true));
    await page.goto(appUrl);
    const sent = new URL((await firstList).url());
    expect(Object.fromEntries(sent.searchParams)).toEqual({ voice_type: "custom", limit: "10", skip: "0" });
    await voiceRow("My Custom Voice").waitFor();
    await voiceRow("Podcast Host").waitFor();
    expect(await page.getByText("2 custom voices").isVisible()).toBe(true);
    expect(await page.getByRole("note").textContent()).toMatch(/Prism mock/);
    expect(await page.getByText("Select a voice to see its details").isVisible()).toBe(true);
    await page.screenshot({ path: resolve(resultsDir, "list.png"), fullPage: true });
  });

  it("searches by keyword: the request carries it, and the page shows what came back", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    const searched = page.waitForRequest(listRequest((url) => url.searchParams.get("keyword") === "narration"));
    await page.getByRole("searchbox", { name: "Search voices" }).fill("narration");
    await searched;
    await page.getByText("2 custom voices match “narration”").waitFor();

    // Prism has an example for "nothing matched": the page shows its empty state.
    await prefer("example=emptyList", (request) => request.url().includes("keyword=zzz"));
    await page.getByRole("searchbox", { name: "Search voices" }).fill("zzz");
    await page.getByText("No custom voices match “zzz”").waitFor();
    expect(await voiceRow("My Custom Voice").count()).toBe(0);
  });

  it("filters by type", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    const builtIn = page.waitForRequest(listRequest((url) => url.searchParams.get("voice_type") === "built-in"));
    await page.getByText("Built-in", { exact: true }).click();
    await builtIn;
    await voiceRow("Aria").waitFor();
    expect(await voiceRow("My Custom Voice").count()).toBe(0);
    expect(await page.getByText("1 built-in voice", { exact: true }).isVisible()).toBe(true);
  });

  it("shows a voice's details with its sample in an <audio> element", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").click();
    await page.getByRole("heading", { name: /My Custom Voice/ }).waitFor();
    const audio = page.getByLabel("Sample of My Custom Voice");
    expect(await audio.evaluate((el) => el.tagName)).toBe("AUDIO");
    expect(await audio.getAttribute("src")).toBe("https://cdn.noiz.ai/samples/abc123def456.wav");
    expect(await audio.getAttribute("preload")).toBe("none");
    expect(await page.getByText("“The quick brown fox jumps over the lazy dog.”").isVisible()).toBe(true);
    expect(await page.getByText("warm, narration").count()).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(resultsDir, "details.png"), fullPage: true });

    // Prism answers every id with that one example; the page says so rather than pass it off as the voice asked for.
    await voiceRow("Podcast Host").click();
    await page
      .getByRole("note")
      .getByText("You selected fed654cba321, but the service answered with abc123def456.")
      .waitFor();
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

  it("clones from a file and from a URL: submits the form, refreshes the list, can show the new voice", async () => {
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").waitFor();
    await page.locator("#clone-file").setInputFiles(wav());
    await page.getByLabel("Name (optional)").fill("My Custom Voice");
    await page.getByLabel("Language").selectOption("en");
    await page.getByLabel("Reduce background noise").check();
    const post = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/voices");
    const refreshed = page.waitForRequest((r) => r.method() === "GET" && new URL(r.url()).pathname === "/api/voices");
    await page.getByRole("button", { name: "Clone voice" }).click();
    const body = (await post).postData() ?? "";
    expect(body).toMatch(/name="file"; filename="me.wav"/);
    expect(body).toMatch(/name="display_name"\r\n\r\nMy Custom Voice/);
    expect(body).toMatch(/name="language"\r\n\r\nen/);
    expect(body).toMatch(/name="denoise"\r\n\r\ntrue/);
    await refreshed;
    await page.getByText("Cloned “My Custom Voice” (abc123def456).").waitFor();
    await page.getByRole("button", { name: "Show it" }).click();
    await page.getByLabel("Sample of My Custom Voice").waitFor();

    // And from a URL: the form sends voice_url instead of a file.
    await page.locator("form").getByText("From a URL").click();
    await page.getByLabel("Audio URL").fill("https://example.com/me.wav");
    const byUrl = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/voices");
    await page.getByRole("button", { name: "Clone voice" }).click();
    const urlBody = (await byUrl).postData() ?? "";
    expect(urlBody).toMatch(/name="voice_url"\r\n\r\nhttps:\/\/example\.com\/me\.wav/);
    expect(urlBody).not.toMatch(/name="file"/);
    await page.getByRole("button", { name: "Clone voice" }).waitFor();
    await page.getByText("Cloned “My Custom Voice” (abc123def456).").waitFor();
  });

  it("deletes after a confirmation: the voice leaves the list at once, before the service answers", async () => {
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
    // Prism answers every detail with its abc123def456 example, so that is the voice deleted here.
    await voiceRow("My Custom Voice").click();
    await page.getByRole("button", { name: "Delete voice…" }).click();
    await page.getByText("Delete “My Custom Voice”?").waitFor();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    // The DELETE is still held: the row is gone (optimistic), the count says 1.
    await voiceRow("My Custom Voice").waitFor({ state: "detached" });
    expect(await page.getByText("1 custom voice", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Deleting “My Custom Voice”…").isVisible()).toBe(true);
    release();
    await page.getByText("Deleted “My Custom Voice”.").waitFor();
  });

  it("puts the voice back and says why when the delete fails", async () => {
    await prefer("code=404", (request) => request.method() === "DELETE");
    await page.goto(appUrl);
    await voiceRow("My Custom Voice").click();
    await page.getByRole("button", { name: "Delete voice…" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByRole("alert").getByText("Couldn't delete abc123def456").waitFor();
    await voiceRow("My Custom Voice").waitFor();
  });

  it("explains a failed list and offers to try again", async () => {
    await prefer("code=401", () => true);
    await page.goto(appUrl);
    const alert = page.getByRole("alert");
    await alert.getByText("Couldn't load the voices.").waitFor();
    expect(await alert.textContent()).toMatch(/refused the backend's API key/);
    await page.unroute("**/api/voices**");
    await alert.getByRole("button", { name: "Try again" }).click();
    await voiceRow("My Custom Voice").waitFor();
  });

  it("loads more pages until total_count is reached", async () => {
    // Prism's examples have 2 voices; this list of 12 is served here, in the spec's shape.
    const voice = (n: number) => ({ voice_id: `voice-${n}`, display_name: `Voice ${n}`, voice_type: "custom" });
    await page.route("**/api/voices?**", (route) => {
      const url = new URL(route.request().url());
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const ids = skip === 0 ? [...Array(10).keys()] : [10, 11];
      return route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ code: 0, message: "success", data: { total_count: 12, voices: ids.map(voice) } }),
      });
    });
    await page.goto(appUrl);
    await voiceRow("Voice 9").waitFor();
    const more = page.getByRole("button", { name: "Load more (10 of 12 shown)" });
    const next = page.waitForRequest(listRequest((url) => url.searchParams.get("skip") === "1"));
    await more.click();
    await next;
    await voiceRow("Voice 11").waitFor();
    await more.waitFor({ state: "detached" });
    expect(await page.getByText("All 12 shown.").isVisible()).toBe(true);
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
    // The placeholder is all the page sends; the backend replaces it with its key ("mock-key" on the mock).
    expect([...authorizations]).toEqual(["kept-by-the-backend"]);

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
        expect(text, file).not.toContain("mock-key");
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
