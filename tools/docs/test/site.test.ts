// Opens the built site (`pnpm docs`) in headless Chromium with the network cut off: every request
// that does not go to the loopback server is blocked and fails the test.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, ensureChromium } from "../../scripts/ensure-chromium.mjs";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { GUIDES, htmlName } from "../src/pages.mjs";
import { type StaticServer, serveDirectory } from "./static-server.js";

const site = join(repoRoot, "docs/dist");
const results = resolve(import.meta.dirname, "../test-results");

// The spec's four operations: summary, method and path as Redoc shows them.
const OPERATIONS = [
  { summary: "Get user voices or system voices", method: "GET", path: "/voices" },
  { summary: "Clone a voice", method: "POST", path: "/voices" },
  { summary: "Get voice details", method: "GET", path: "/voices/{voice_id}" },
  { summary: "Delete a voice (soft delete)", method: "DELETE", path: "/voices/{voice_id}" },
];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CLIENT_SYMBOLS = [
  "createVoicesClient",
  "VoicesClient",
  "VoicesClientOptions",
  "VoicesResource",
  "RequestOptions",
  "VoicesError",
  "ApiError",
  "NotFoundError",
  "RateLimitError",
  "ValidationError",
  "Voice",
  "CloneVoiceBody",
];

describe("the built docs site, offline in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(site, "index.html"))) throw new Error("docs/dist is missing: run `pnpm docs` first");
    await mkdir(results, { recursive: true });
    server = await serveDirectory(site);
    browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === "http:" && url.hostname === "127.0.0.1") return route.continue();
      blocked.push(url.href);
      return route.abort("internetdisconnected");
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(`${server.url}/${path}`, { waitUntil: "networkidle" });
    return page;
  }

  it("landing page: what the SDK is, the quick start, every package, links that resolve", async () => {
    const page = await open("index.html");
    await expect(page.title()).resolves.toBe("NOIZ Voices SDK");
    const text = await visibleText(page.locator("main"));
    expect(text).toContain("Quick start");
    expect(text).toContain("createVoicesClient");
    for (const pkg of publishedPackages()) expect(text).toContain(pkg.name);
    for (const href of ["api/index.html", "reference/index.html"]) {
      const response = await page.request.get(`${server.url}/${href}`);
      expect(response.status(), href).toBe(200);
    }
    await page.screenshot({ path: join(results, "landing.png"), fullPage: true });
  }, 60_000);

  it.each(["index.html", ...GUIDES.map((guide) => htmlName(guide.file))])(
    "%s at 1280 px: every line of code can be read (wrapped, never cut off)",
    async (path) => {
      const page = await open(path);
      const cutOff = await page.evaluate(() =>
        [...document.querySelectorAll("main pre, main table")]
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map((element) => `${element.tagName}: ${element.textContent?.slice(0, 60)}`),
      );
      expect(cutOff).toEqual([]);
      // The layout fits the window: nothing makes the page itself scroll sideways.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(1280);
      expect(await visibleText(page.locator("main h1"))).not.toBe("");
      if (path === "node-and-cli.html") {
        await page.locator("#command-reference").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(results, "cli-reference.png") });
      }
      await page.close();
    },
    60_000,
  );

  it("HTTP API reference: all four operations render", async () => {
    const page = await open("api/index.html");
    // Redoc shows one operation at a time: open the tag, then each operation from the sidebar.
    await page.getByText("Voices", { exact: true }).first().click();
    for (const { summary, method, path } of OPERATIONS) {
      await page
        .getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}`) })
        .first()
        .click();
      await page
        .locator("h2")
        .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(summary)}\\s*$`) })
        .first()
        .waitFor({ state: "visible", timeout: 10_000 });
      const text = await visibleText(page.locator("main, body").first());
      expect(text, summary).toMatch(new RegExp(`${method}\\s*${escapeRegExp(path)}`));
      if (method === "POST") await page.screenshot({ path: join(results, "http-api.png") });
    }
  }, 60_000);

  it("SDK reference: the client's main symbols render, and createVoicesClient has its page", async () => {
    const page = await open("reference/index.html");
    const navigation = await visibleText(page.locator("body"));
    for (const pkg of publishedPackages()) expect(navigation).toContain(pkg.name);
    const client = await open(await linkTo(page, "createVoicesClient"));
    const text = await visibleText(client.locator("body"));
    for (const symbol of CLIENT_SYMBOLS) expect(text, symbol).toContain(symbol);
    expect(text).toContain("Creates a client.");
    await client.screenshot({ path: join(results, "sdk-reference.png") });
  }, 60_000);

  it("no request left the machine and no page threw", () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** The site-relative path of the first reference page that links to `symbol`'s own page. */
async function linkTo(page: Page, symbol: string): Promise<string> {
  const href = await page.evaluate((name) => {
    const anchors = [...document.querySelectorAll("a")];
    return anchors.find((a) => a.textContent?.trim() === name)?.getAttribute("href") ?? null;
  }, symbol);
  if (!href) throw new Error(`no link to ${symbol} on ${page.url()}`);
  return new URL(href, page.url()).pathname.slice(1);
}

/** The text as rendered: hidden elements and collapsed sections do not count as "rendered". */
function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what this test is about
  return locator.innerText();
}
