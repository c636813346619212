// The `noiz-voices` command against a server whose every string carries terminal escapes (OSC 52
// clipboard write, ESC[2J, a bare C1 CSI, BEL, CR, LF, bidi overrides, NUL): no output path (tables,
// details, results, sample messages, error lines, --json, --debug) lets one reach the terminal raw.
// --json stays valid JSON that parses back to the exact strings. A result nested 100k levels deep
// is a clear error, not a stack overflow. Each case checks the requests the server saw.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FaultServer, type Step, type StepContext, startFaultServer } from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { wavBytes } from "../helpers.js";

const KEY = "sk-noiz-CLIESCAPE-73be20";
/** Everything a terminal could act on, in one string. */
const EVIL = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m\r\nnext line\u202etxt.exe\u2028\0end";
/** Raw characters that must never reach the terminal (a newline is allowed: it is ours). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(join(tmpdir(), "noiz-cli-escapes-"));
let server: FaultServer;
let base: string;
/** `METHOD path` of every request since the test began, in order. */
const seenNow = () => server.requests.map(({ method, url }) => `${method} ${new URL(url, base).pathname}`);

const voice = (id: string) => ({
  voice_id: `${id}${EVIL}`,
  display_name: `name${EVIL}`,
  voice_type: "custom",
  labels: `label${EVIL}`,
  create_time: 1738664823,
  sample: `${base}/sample/${id}.wav`,
  url: `https://cdn.example/${EVIL}`,
  meta: { text: `transcript${EVIL}` },
});

const ok = (data: unknown) => ({ code: 0, message: "success", data });

/** Every answer, by route. */
const answer = async ({ req: request, res: response, readBody }: StepContext) => {
  await readBody();
  const url = new URL(request.url ?? "/", base);
  const id = decodeURIComponent(url.pathname.split("/")[2] ?? "");
  response.setHeader("content-type", "application/json");
  // A header can carry bytes 0x80-0xff: read back as Latin-1, 0x9b is the C1 CSI.
  response.setHeader("x-request-id", "req\x9b2J");
  if (url.pathname.startsWith("/sample/")) {
    if (id === "missing.wav") return response.writeHead(404, { "content-type": "text/plain" }).end(`no ${EVIL}`);
    return response.writeHead(200, { "content-type": "audio/wav" }).end(wavBytes(2048));
  }
  if (id === "gone") {
    return response.writeHead(404).end(JSON.stringify({ code: 40400, message: `gone ${EVIL}`, data: null }));
  }
  if (id === "deep") {
    // {"voice_id":"deep","meta":[[[[...]]]]}: 100,000 levels, built as text (no recursion here either).
    const depth = 100_000;
    const data = `{"voice_id":"deep","display_name":"d","voice_type":"custom","meta":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    return response.end(`{"code":0,"message":"success","data":${data}}`);
  }
  if (request.method === "GET" && url.pathname === "/voices") {
    return response.end(JSON.stringify(ok({ total_count: 1, voices: [voice("listed")] })));
  }
  if (request.method === "POST") {
    return response.end(
      JSON.stringify(ok({ voice_id: `cloned${EVIL}`, voice_display_name: `name${EVIL}`, language: `en${EVIL}` })),
    );
  }
  if (request.method === "DELETE") {
    return response.end(
      JSON.stringify(ok({ voice_id: `${id}${EVIL}`, display_name: `name${EVIL}`, delete_time: 1738664823 })),
    );
  }
  if (id === "nosample")
    return response.end(JSON.stringify(ok({ ...voice(id), sample: `${base}/sample/missing.wav` })));
  return response.end(JSON.stringify(ok(voice(id))));
};

/** The fault server's step for each request. */
const route: Step = async (ctx) => {
  await answer(ctx);
};

beforeAll(async () => {
  server = await startFaultServer({ hardTimeoutMs: 600_000, fallback: route });
  base = server.url;
});

beforeEach(() => {
  // No scripted steps: every request takes `route`; the record starts empty.
  server.script([]);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(["--base-url", base, ...args], { NOIZ_API_KEY: KEY });

/** No raw control character in either stream, and never the key. */
function expectSafe({ stdout, stderr }: { stdout: string; stderr: string }) {
  expect(stdout).not.toMatch(RAW);
  expect(stderr).not.toMatch(RAW);
  expect(stdout + stderr).not.toContain(KEY);
}

/** The escape sequences, made visible: `\u001b]52;c;...` as text. */
const VISIBLE =
  "\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u001b[2J\\u009b31m\\u000d\\u000anext line\\u202etxt.exe\\u2028\\u0000end";
/**
 * EVIL as an error's message quotes a server's sentence: on one line, each run of control characters
 * a space (the whole text stays in the error's body); the command then makes the bidi control visible.
 */
const ONE_LINE = " ]52;c;cm0gLXJmIH4= [2J 31m next line\u202etxt.exe end";
const ONE_LINE_VISIBLE = " ]52;c;cm0gLXJmIH4= [2J 31m next line\\u202etxt.exe end";

describe("the noiz-voices command makes server escapes visible", () => {
  it("in the list table, with and without --all", async () => {
    const [page, all] = await Promise.all([cli("list"), cli("list", "--all")]);
    for (const result of [page, all]) {
      expect(result.code, result.stderr).toBe(0);
      expectSafe(result);
      // Each voice stays on one row: the header, one row, a blank line and the summary.
      expect(result.stdout.split("\n")[1]).toMatch(/^listed\\u001b\]52;c;/);
      expect(result.stdout.trimEnd().split("\n")).toHaveLength(4);
    }
    expect(seenNow()).toEqual(["GET /voices", "GET /voices"]);
  });

  it("in get's details, every field", async () => {
    const result = await cli("get", "one");
    expect(result.code, result.stderr).toBe(0);
    expectSafe(result);
    for (const field of ["id", "name", "labels", "transcript", "url"]) {
      expect(result.stdout).toMatch(new RegExp(`^${field} .*\\\\u001b\\]52;c;`, "m"));
    }
    expect(result.stdout).toContain(VISIBLE);
    expect(seenNow()).toEqual(["GET /voices/one"]);
  });

  it("in clone and delete results", async () => {
    const [cloned, deleted] = await Promise.all([
      cli("clone", "https://example.com/me.mp3"),
      cli("delete", "gone-soon", "--yes"),
    ]);
    for (const result of [cloned, deleted]) {
      expect(result.code, result.stderr).toBe(0);
      expectSafe(result);
    }
    expect(cloned.stdout).toContain(`cloned${VISIBLE} ("name${VISIBLE}")`);
    expect(deleted.stdout).toMatch(/^Deleted gone-soon\\u001b\]52;c;.* \("name\\u001b/);
    expect(seenNow().sort()).toEqual(["DELETE /voices/gone-soon", "POST /voices"]);
  });

  it("in sample's messages: the saved path and the failed download", async () => {
    const out = join(dir, `out\x1b[2J.wav`);
    const [saved, failed] = await Promise.all([
      cli("sample", "one", "--out", out),
      cli("sample", "nosample", "--out", join(dir, "never.wav")),
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    expectSafe(saved);
    expect(saved.stdout).toContain(`Saved the sample of one${VISIBLE} to ${join(dir, "out\\u001b[2J.wav")} (2.0 KiB)`);
    expect(failed.code).toBe(1);
    expectSafe(failed);
    expect(failed.stderr).toMatch(/^noiz-voices: .*404/);
    expect(readdirSync(dir)).toEqual([`out\x1b[2J.wav`]);
    expect(seenNow().sort()).toEqual([
      "GET /sample/missing.wav",
      "GET /sample/one.wav",
      "GET /voices/nosample",
      "GET /voices/one",
    ]);
  });

  it("in error lines, plain, with --debug and with --json (message and request id)", async () => {
    const [plain, debug, json] = await Promise.all([
      cli("get", "gone"),
      cli("get", "gone", "--debug"),
      cli("get", "gone", "--json"),
    ]);
    for (const result of [plain, debug, json]) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expectSafe(result);
    }
    expect(plain.stderr).toBe(
      `noiz-voices: GET /voices/gone failed with HTTP 404: gone ${ONE_LINE_VISIBLE} (code 40400). Check the <voice_id> (\`noiz-voices list\` shows them). (request id req\\u009b2J)\n`,
    );
    expect(debug.stderr.split("\n")[0]).toBe(plain.stderr.trimEnd());
    // One JSON object on one line, which parses back to the message's exact text.
    expect(json.stderr.trimEnd().split("\n")).toHaveLength(1);
    const { error } = JSON.parse(json.stderr);
    expect(error).toMatchObject({ name: "NotFoundError", status: 404, code: 40400, requestId: "req\x9b2J" });
    expect(error.message).toContain(`gone ${ONE_LINE}`);
    expect(seenNow()).toEqual(["GET /voices/gone", "GET /voices/gone", "GET /voices/gone"]);
  });

  it("--json output is valid JSON, escapes C1 and bidi controls too, and parses back to the exact strings", async () => {
    const [page, one, cloned] = await Promise.all([
      cli("list", "--json"),
      cli("get", "one", "--json"),
      cli("clone", "https://example.com/me.mp3", "--json"),
    ]);
    for (const result of [page, one, cloned]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe("");
      expectSafe(result);
    }
    expect(JSON.parse(page.stdout).voices[0].display_name).toBe(`name${EVIL}`);
    expect(JSON.parse(one.stdout).meta.text).toBe(`transcript${EVIL}`);
    expect(JSON.parse(cloned.stdout).voice_id).toBe(`cloned${EVIL}`);
    expect(one.stdout).toContain('"name\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u001b[2J\\u009b31m\\r\\nnext line\\u202e');
    expect(seenNow().sort()).toEqual(["GET /voices", "GET /voices/one", "POST /voices"]);
  });
});

describe("a result nested 100,000 levels deep", () => {
  it("is a clear error with --json (exit 1), and the plain output shows the fields it prints", async () => {
    const [json, plain] = await Promise.all([cli("get", "deep", "--json"), cli("get", "deep")]);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe("");
    expect(JSON.parse(json.stderr).error).toMatchObject({
      name: "InvalidResponseError",
      message: expect.stringContaining("nested more than 256 levels deep"),
    });
    expect(json.stderr).not.toMatch(/call stack/i);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^id\s+deep$/m);
    expect(seenNow()).toEqual(["GET /voices/deep", "GET /voices/deep"]);
  });
});
