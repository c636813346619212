// The fetch variant on every runtime: the built package and the client, bundled into one ES module
// (test/runtimes/main.ts), run in Node (code generation from strings disallowed), Bun, Deno (no
// permissions at all) and Chromium (a page whose CSP forbids eval). A runtime that cannot be
// installed fails with its reason; none is skipped.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../src/server.js";
import { ensureRuntime, RUNTIMES } from "./runtimes/ensure-runtime.js";
import { expected } from "./runtimes/scenario.js";

const run = promisify(execFile);
const pkg = resolve(import.meta.dirname, "..");
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "noiz-testing-runtimes-"));
  await build({
    entryPoints: { main: join(pkg, "test/runtimes/main.ts"), cors: join(pkg, "test/runtimes/cors.ts") },
    outdir: out,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    // What users install: the built package, not its sources.
    alias: { "@noiz-voices/testing": join(pkg, "dist/index.js") },
    logLevel: "error",
  });
}, 60_000);
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** Runs `command` and reads the scenario's one line of output. */
async function scenarioIn(command: string[], args: string[]): Promise<unknown> {
  // As in a user's project: the package manager's NODE_PATH (which would find this repository's
  // msw) is not there.
  const { NODE_PATH: _, ...env } = process.env;
  const { stdout } = await run(command[0] as string, [...command.slice(1), ...args], {
    cwd: out,
    timeout: 60_000,
    env: { ...env, NO_COLOR: "1" },
  });
  const line = stdout.split("\n").find((text) => /^(RESULT|ERROR) /.test(text)) ?? `no result in: ${stdout}`;
  if (!line.startsWith("RESULT ")) throw new Error(line);
  return JSON.parse(line.slice("RESULT ".length));
}

describe("the fetch variant runs on every runtime", () => {
  it("the bundle holds no Node built-in, no msw and no eval", async () => {
    const bundle = await readFile(join(out, "main.mjs"), "utf8");
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["']node:/);
    expect(bundle).not.toMatch(/\beval\(|new Function\(/);
    expect(bundle).not.toContain("mswjs");
  });

  it("Node, with code generation from strings disallowed", async () => {
    const result = await scenarioIn([process.execPath], ["--disallow-code-generation-from-strings", "main.mjs"]);
    expect(result).toEqual(expected);
  });

  it(`Bun ${RUNTIMES.bun}`, async () => {
    // --no-install: without a node_modules folder, Bun would fetch msw from npm by itself.
    expect(await scenarioIn(ensureRuntime("bun"), ["--no-install", "main.mjs"])).toEqual(expected);
  }, 360_000);

  it(`Deno ${RUNTIMES.deno}, with no permissions`, async () => {
    expect(await scenarioIn(ensureRuntime("deno"), ["run", "--no-prompt", "main.mjs"])).toEqual(expected);
  }, 360_000);

  describe("Chromium", () => {
    let site: Server;
    let siteUrl: string;
    let browser: import("playwright-core").Browser;

    beforeAll(async () => {
      const chromium = (await import(join(pkg, "../../tools/scripts/ensure-chromium.mjs"))) as {
        ensureChromium(): string;
        chromiumArgs: string[];
      };
      const executablePath = chromium.ensureChromium();
      // No 'unsafe-eval': the fake must work where eval and new Function are forbidden.
      site = createServer(async (request, response) => {
        const path = new URL(request.url ?? "/", "http://x").pathname;
        if (path === "/main.mjs" || path === "/cors.mjs") {
          response.writeHead(200, { "content-type": "text/javascript" });
          response.end(await readFile(join(out, path.slice(1))));
          return;
        }
        const script = path === "/cors.html" ? "/cors.mjs" : "/main.mjs";
        response.writeHead(200, {
          "content-type": "text/html",
          "content-security-policy": "default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:*",
        });
        response.end(`<!doctype html><title>runtime</title><script type="module" src="${script}"></script>`);
      });
      await new Promise<void>((done) => site.listen(0, "127.0.0.1", done));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      const { chromium: playwright } = await import("playwright-core");
      browser = await playwright.launch({ executablePath, args: chromium.chromiumArgs });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => site?.close(done));
    });

    async function resultOf(url: string): Promise<{ result: unknown; violations: string[] }> {
      const page = await browser.newPage();
      try {
        const violations: string[] = [];
        page.on("console", (message) => {
          if (/Content Security Policy|unsafe-eval/i.test(message.text())) violations.push(message.text());
        });
        await page.goto(url);
        const line = String(
          await (
            await page.waitForFunction(() => (globalThis as { __result?: string }).__result, null, {
              timeout: 30_000,
            })
          ).jsonValue(),
        );
        if (!line.startsWith("RESULT ")) throw new Error(line);
        return { result: JSON.parse(line.slice("RESULT ".length)), violations };
      } finally {
        await page.close();
      }
    }

    it("runs the scenario on a page whose CSP forbids eval", async () => {
      const { result, violations } = await resultOf(`${siteUrl}/`);
      expect(violations).toEqual([]);
      expect(result).toEqual({ ...expected, handlers: "Error: names msw" });
    }, 60_000);

    it("calls the fake server on another loopback origin (CORS with Authorization), samples included", async () => {
      const server = await startFakeServer();
      try {
        const { result, violations } = await resultOf(`${siteUrl}/cors.html?api=${encodeURIComponent(server.url)}`);
        expect(violations).toEqual([]);
        expect(result).toEqual({
          origin: true,
          list: ["From a page"],
          sample: [200, 44 + 16_000 * 2, true],
          control: 204,
          failed: true,
        });
        expect(server.fake.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
          "POST /voices 200",
          "GET /voices/fake00000001 200",
          `GET /__fake/samples/fake00000001.wav 200`,
          "GET /voices 503",
          "GET /voices 200",
        ]);
      } finally {
        await server.close();
      }
    }, 60_000);
  });
});
