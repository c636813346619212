// Runs the scenarios in headless Chromium (Debian's), driven by playwright-core. The page comes
// from a second loopback server, so every API call is cross-origin and needs the fake's CORS.
// Usage: node chromium.mjs <playwright-core cache folder> <ESM bundle> <fake url> <chromium path>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { chromiumArgs } from "../../../scripts/ensure-chromium.mjs";
import { importFrom, report } from "./load.mjs";

const [dir, bundlePath, baseUrl, executablePath] = process.argv.slice(2);
const bundle = readFileSync(bundlePath);
const page = `<!doctype html><meta charset="utf-8"><title>ecosystem</title>
<script type="module">import { runScenarios } from "./scenario.js"; window.runScenarios = runScenarios;</script>`;
const server = createServer((req, res) => {
  const [type, body] = req.url === "/scenario.js" ? ["text/javascript", bundle] : ["text/html", page];
  res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;

const { chromium } = await importFrom(dir, "playwright-core");
// Playwright adds its own --headless; ours would clash.
const args = chromiumArgs.filter((arg) => !arg.startsWith("--headless"));
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on("pageerror", (error) => errors.push(error.message));
  await tab.goto(pageUrl);
  await tab
    .waitForFunction(() => typeof window.runScenarios === "function", undefined, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`the page did not load the scenario bundle: ${errors.join("; ") || "no page error"}`);
    });
  report(
    await tab.evaluate(
      (url) => window.runScenarios({ baseUrl: url, webPage: true }).then((r) => JSON.stringify(r)),
      baseUrl,
    ),
  );
} finally {
  await browser.close();
  server.close();
}
