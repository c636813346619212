// Opens the built site (`pnpm docs:build`) in headless Chromium with the network cut off: every
// request that does not go to the loopback server is blocked and fails the test. Screenshots go to
// tools/docs/test-results/.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, ensureChromium } from "../../scripts/ensure-chromium.mjs";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { SITE_OUT as site, siteBase } from "../src/site.mjs";
import { type StaticServer, serveDirectory } from "./static-server.js";

const results = resolve(import.meta.dirname, "../test-results");

// The spec's four operations: summary, method and path as Redoc shows them.
const OPERATIONS = [
  { summary: "Get user voices or system voices", method: "GET", path: "/voices" },
  { summary: "Clone a voice", method: "POST", path: "/voices" },
  { summary: "Get voice details", method: "GET", path: "/voices/{voice_id}" },
  { summary: "Delete a voice (soft delete)", method: "DELETE", path: "/voices/{voice_id}" },
];
/** The page's h1 once it reads `expected` (a page reached by a link is rendered by the router), without VitePress's permalink. */
async function titleOf(page: Page, expected: string): Promise<string> {
  const heading = page.locator("main h1").filter({ hasText: expected });
  await heading.first().waitFor({ timeout: 10_000 });
  return (await rendered(heading.first())).replace(/\u200b/g, "").trim();
}
/** The text as rendered: hidden elements and collapsed sections do not count. */
function rendered(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what this test is about
  return locator.innerText();
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the built docs site, offline in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(site, "index.html")))
      throw new Error("tools/docs/dist is missing: run `pnpm docs:build` first");
    await mkdir(results, { recursive: true });
    server = await serveDirectory(site, siteBase());
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
    await page.goto(`${server.url}${siteBase()}${path}`, { waitUntil: "networkidle" });
    return page;
  }

  it("a guide: highlighted code with a copy button, the sidebar, an edit link, dark mode", async () => {
    const page = await open("getting-started.html");
    const block = page.locator("div.language-ts").first();
    await block.waitFor();
    // Shiki colours each token: a highlighted block has many differently coloured spans.
    const colours = await block.evaluate(
      (element) => new Set([...element.querySelectorAll("pre span")].map((span) => getComputedStyle(span).color)).size,
    );
    expect(colours).toBeGreaterThan(3);
    await expect(block.locator("button.copy").count()).resolves.toBe(1);
    await expect(rendered(page.locator(".VPSidebar"))).resolves.toContain("Node and the CLI");
    await expect(page.locator("a.edit-link-button").getAttribute("href")).resolves.toMatch(
      /\/edit\/main\/docs\/getting-started\.md$/,
    );
    await page.screenshot({ path: join(results, "guide.png") });
    await page.locator(".VPNavBarAppearance button").click();
    await expect(page.evaluate(() => document.documentElement.classList.contains("dark"))).resolves.toBe(true);
    await page.screenshot({ path: join(results, "guide-dark.png") });
    await page.locator(".VPNavBarAppearance button").click();
    await page.close();
  }, 60_000);

  it("the landing page shows every package, and each leads to its SDK reference", async () => {
    const page = await open("index.html");
    const main = await rendered(page.locator("main"));
    for (const pkg of publishedPackages()) expect(main).toContain(pkg.name);
    await page.getByRole("link", { name: "@noiz-voices/client", exact: true }).first().click();
    await page.waitForURL(/\/reference\/client\/$/);
    await expect(titleOf(page, "@noiz-voices/client")).resolves.toBe("@noiz-voices/client");
    await page.close();
  }, 60_000);

  it("the SDK reference page of createVoicesClient, reached from the sidebar", async () => {
    const page = await open("reference/client/");
    const link = page.locator('.VPSidebar a[href$="/client/functions/createVoicesClient.html"]');
    await link.evaluate((element) => (element as HTMLElement).click());
    await page.waitForURL(/createVoicesClient\.html$/);
    await expect(titleOf(page, "Function: createVoicesClient()")).resolves.toBe("Function: createVoicesClient()");
    const text = await rendered(page.locator("main"));
    expect(text).toContain("function createVoicesClient(clientOptions?): VoicesClient;");
    expect(text).toContain("Creates a client.");
    expect(text).toContain("VoicesClientOptions");
    await page.screenshot({ path: join(results, "sdk-reference.png") });
    await page.close();
  }, 60_000);

  it("the HTTP API page: the site's layout around Redoc, all four operations render", async () => {
    const page = await open("http-api.html");
    await expect(titleOf(page, "HTTP API reference")).resolves.toBe("HTTP API reference");
    await expect(rendered(page.locator(".VPSidebar"))).resolves.toContain("Getting started and authentication");
    const redoc = page.frameLocator("iframe.http-api-reference");
    // Redoc shows one operation at a time: open the tag, then each operation from its sidebar.
    await redoc.getByText("Voices", { exact: true }).first().click();
    for (const { summary, method, path } of OPERATIONS) {
      await redoc
        .getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}`) })
        .first()
        .click();
      const heading = redoc.locator("h2").filter({ hasText: new RegExp(`^\\s*${escapeRegExp(summary)}\\s*$`) });
      await heading.first().waitFor({ state: "visible", timeout: 10_000 });
      const text = await rendered(redoc.locator("body"));
      expect(text, summary).toMatch(new RegExp(`${method}\\s*${escapeRegExp(path)}`));
      if (method === "POST") await page.screenshot({ path: join(results, "http-api.png") });
    }
    await page.close();
  }, 60_000);

  it("search finds listAll, and its result opens the page", async () => {
    const page = await open("index.html");
    await page.locator("#local-search button").click();
    const input = page.locator(".VPLocalSearchBox input");
    await input.fill("listAll");
    const results_ = page.locator(".VPLocalSearchBox .result");
    await results_.first().waitFor({ timeout: 10_000 });
    const text = await rendered(page.locator(".VPLocalSearchBox .results"));
    expect(text).toContain("listAll");
    expect(text).toContain("Pagination");
    await page.screenshot({ path: join(results, "search.png") });
    await results_.first().click();
    await page.waitForURL((url) => !url.pathname.endsWith("/index.html"));
    await expect(rendered(page.locator("main"))).resolves.toContain("listAll");
    await page.close();
  }, 60_000);

  it("no request left the machine and no page threw", () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
