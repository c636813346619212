// The built `noiz-voices` command, spawned as a process against @noiz-voices/testing's fake server
// (behaviour: the fake keeps what it is sent and serves the samples itself). The contract is Prism's,
// in contract.test.ts. Each group that changes the fake's state (clone, delete) has a fake of its own.
import { spawn } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFakeVoices, type SeedVoice } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audio, outputOf, type ProcessOutput, tempDir } from "./helpers.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SAMPLE_WAV = fileURLToPath(new URL("../../../tools/fixtures/sample.wav", import.meta.url));
const KEY = "cli-secret-key-8d2f1b7e";
const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The global options of every command that talks to the service, in the order help lists them. */
const NETWORK_COMMAND_OPTIONS = [
  "--api-key",
  "--api-key-file",
  "--profile",
  "--base-url",
  "--timeout",
  "--json",
  "--log-level",
  "--debug",
];

/** Every output of every run, to check at the end that the key never appeared. */
const outputs: string[] = [];

interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  key?: boolean;
  /** Written to the command's stdin (otherwise it is empty). */
  input?: string;
  /** Called once the process has started, with it. */
  started?: (child: ReturnType<typeof spawn>) => void;
}

/** The config folder of every run that names none: never the real home's. */
const configDir = await tempDir();

async function run(args: string[], options: RunOptions = {}): Promise<ProcessOutput> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", NOIZ_CONFIG_DIR: configDir, ...options.env };
  if (options.key !== false) env.NOIZ_API_KEY ??= KEY;
  // stdin a pipe that ends at once (or after `input`): never a terminal.
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end(options.input);
  options.started?.(child);
  const result = await outputOf(child);
  outputs.push(result.stdout, result.stderr);
  return result;
}

/**
 * Runs the command on a pseudo-terminal (util-linux `script`). Once the screen shows `prompt`,
 * `input` is typed; without a prompt, stdin just ends. The terminal's output is `stdout`.
 */
function runOnTty(args: string[], answer?: { prompt: string; input: string }, env: Record<string, string> = {}) {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise<ProcessOutput>((resolve, reject) => {
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", NOIZ_API_KEY: KEY, NOIZ_CONFIG_DIR: configDir, TERM: "dumb", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let answered = !answer;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!answered && stdout.includes(answer!.prompt)) {
        answered = true;
        child.stdin.write(answer!.input);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      outputs.push(stdout);
      resolve({ code, stdout, stderr: "" });
    });
    if (!answer) child.stdin.end();
  });
}

const json = (result: ProcessOutput) => {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

/** A usage or API error: the exit code, and one line on stderr with no stack trace. */
function expectOneLineError(result: ProcessOutput, code: number, text?: string) {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^noiz-voices: .+\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  if (text) expect(result.stderr).toContain(text);
}

/** The custom voices every fake here starts with (beside the fake's built-in ones). */
const SEEDS: SeedVoice[] = [
  {
    voice_id: "abc123def456",
    display_name: "My Custom Voice",
    labels: "warm, narration",
    create_time: 1738664000,
  },
  { voice_id: "fed654cba321", display_name: "Podcast Voice", labels: "warm, calm", create_time: 1738664100 },
  // A sample on a host this machine cannot reach.
  { voice_id: "far-away", display_name: "Far Away", sample: "https://cdn.noiz.ai/samples/far-away.wav" },
];

const servers: FakeServer[] = [];
/** A fake server of its own, seeded with SEEDS, taking any key (as Prism does); closed after the file. */
async function startFake(): Promise<FakeServer> {
  const server = await startFakeServer(createFakeVoices({ voices: SEEDS, acceptAnyKey: true }));
  servers.push(server);
  return server;
}
/** The sample bytes the fake serves for a voice: its `sample` URL as the server answers it, fetched. */
async function sampleOf(server: FakeServer, voiceId: string): Promise<Buffer> {
  const answer = await fetch(`${server.url}/voices/${voiceId}`, { headers: { Authorization: KEY } });
  const { data } = (await answer.json()) as { data: { sample: string } };
  return Buffer.from(await (await fetch(data.sample)).arrayBuffer());
}

/** The fake that read-only groups share (list, get, sample, usage). */
let shared: FakeServer;
let api: string;
beforeAll(async () => {
  shared = await startFake();
  api = shared.url;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  // Not one output of any run carried the key.
  expect(outputs.length).toBeGreaterThan(0);
  for (const output of outputs) expect(output).not.toContain(KEY);
});

describe.concurrent("help and version", () => {
  it("--help and --version exit 0", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: noiz-voices");
    for (const command of ["list", "get", "clone", "sample", "delete", "login", "logout", "completion"])
      expect(help.stdout).toContain(command);
    expect(help.stdout).toMatch(/Exit codes: 0 success .*, 1 API, network or response error,\s+2 usage/);
    const shown = await run(["--version"]);
    expect(shown).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("each command's help lists only the global options it uses, and the key's sources in the order tried", async () => {
    /** The options listed in a help's "Global Options" section (its examples may name others). */
    const globals = (help: string) =>
      [...(/\nGlobal Options:\n([\s\S]*?)(?:\n\n|\n?$)/.exec(help)?.[1] ?? "").matchAll(/^ {2}(--[a-z-]+)/gm)].map(
        (m) => m[1],
      );
    const mock = await run(["mock", "--help"]);
    expect(mock.code).toBe(0);
    expect(globals(mock.stdout)).toEqual(["--json", "--debug"]);
    expect(globals((await run(["completion", "--help"])).stdout)).toEqual(["--debug"]);
    expect(globals((await run(["logout", "--help"])).stdout)).toEqual(["--profile", "--json", "--debug"]);
    const list = await run(["list", "--help"]);
    expect(globals(list.stdout)).toEqual(NETWORK_COMMAND_OPTIONS);
    expect(list.stdout).not.toContain("see below");
    const sources = [
      "1. --api-key KEY, or --api-key - to read it from stdin",
      "2. --api-key-file PATH",
      "3. the key stored for --profile NAME",
      "4. NOIZ_API_KEY\n",
      "5. NOIZ_API_KEY_FILE",
      '6. the key stored by `noiz-voices login` (profile "default")',
    ];
    const at = sources.map((source) => list.stdout.indexOf(source));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const login = await run(["login", "--help"]);
    expect(login.stdout).toContain("--no-verify");
  });

  it.each(["list", "get", "clone", "sample", "delete"])(
    "%s --help shows its usage and the global options",
    async (command) => {
      const help = await run([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: noiz-voices ${command}`);
      for (const option of NETWORK_COMMAND_OPTIONS) expect(help.stdout).toContain(option);
    },
  );
});

describe.concurrent("list", () => {
  it("prints a table of id, name, type, labels and created", async () => {
    const result = await run(["list", "--base-url", api]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const [header, first] = result.stdout.split("\n");
    expect(header).toMatch(/^ID\s+NAME\s+TYPE\s+LABELS\s+CREATED$/);
    expect(first).toMatch(/^abc123def456\s+My Custom Voice\s+custom\s+warm, narration\s+2025-02-04 10:13 UTC$/);
    expect(result.stdout).toContain("3 voices in all");
  });

  it("--json is the page, parsed as is", async () => {
    const page = json(
      await run(["list", "--json", "--keyword", "warm", "--page", "0", "--limit", "10", "--base-url", api]),
    );
    // The fake filters as the service does: "warm" is in the labels of two of the three custom voices.
    expect(page.total_count).toBe(2);
    expect(page.voices.map((v: { voice_id: string }) => v.voice_id)).toEqual(["abc123def456", "fed654cba321"]);
  });

  it("--type built-in lists built-in voices", async () => {
    const page = json(await run(["list", "--type", "built-in", "--json", "--base-url", api]));
    expect(page.total_count).toBe(12);
    expect(page.voices[0]).toMatchObject({ voice_id: "builtin-aria", voice_type: "built-in" });
    expect(page.voices.every((v: { voice_type: string }) => v.voice_type === "built-in")).toBe(true);
  });

  it("--all walks every page, each voice once", async () => {
    const all = json(await run(["list", "--all", "--limit", "1", "--json", "--base-url", api]));
    expect(all.voices.map((v: { voice_id: string }) => v.voice_id)).toEqual([
      "abc123def456",
      "fed654cba321",
      "far-away",
    ]);
    expect(all.total_count).toBe(3);
  });

  it("takes the key from --api-key as well", async () => {
    const result = await run(["list", "--api-key", KEY, "--json", "--base-url", api], { key: false });
    expect(json(result).total_count).toBe(3);
  });
});

describe.concurrent("get", () => {
  it("shows one voice, or its JSON", async () => {
    const human = await run(["get", "abc123def456", "--base-url", api]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^id\s+abc123def456$/m);
    expect(human.stdout).toMatch(/^name\s+My Custom Voice$/m);
    // sample and url can hold the same URL: each line says what it is (the spec's descriptions).
    expect(human.stdout).toMatch(/^sample\s+\S+ {2}\(sample audio of the voice\)$/m);
    expect(human.stdout).toMatch(/^url\s+\S+ {2}\(the voice's reference audio\)$/m);
    const voice = json(await run(["get", "abc123def456", "--json", "--base-url", api]));
    expect(voice).toMatchObject({ voice_id: "abc123def456", display_name: "My Custom Voice", voice_type: "custom" });
  });
});

describe.concurrent("clone", () => {
  /** The fake the clones land in. */
  let cloning: FakeServer;
  const held = (voiceId: string) => cloning.fake.voices.find((voice) => voice.voice_id === voiceId);
  beforeAll(async () => {
    cloning = await startFake();
  });

  it("clones the sample WAV; piped, it prints nothing but the result", async () => {
    const cloned = json(
      await run([
        "clone",
        SAMPLE_WAV,
        "--name",
        "Demo",
        "--language",
        "en",
        "--denoise",
        "--json",
        "--base-url",
        cloning.url,
      ]),
    );
    expect(cloned).toMatchObject({ voice_id: expect.any(String), language: "en" });
    expect(held(cloned.voice_id)).toMatchObject({ display_name: "Demo", voice_type: "custom" });
    const human = await run(["clone", SAMPLE_WAV, "--base-url", cloning.url]);
    expect(human.code).toBe(0);
    expect(human.stderr).toBe("");
    const id = /^Cloned\s+(\S+)/.exec(human.stdout)?.[1];
    expect(held(id as string)).toBeDefined();
  });

  it("clones from an http(s) URL", async () => {
    const cloned = json(await run(["clone", "https://example.com/me.mp3", "--json", "--base-url", cloning.url]));
    expect(held(cloned.voice_id)).toMatchObject({ voice_type: "custom" });
  });

  it.each([
    ["a missing file", async () => join(await tempDir(), "missing.wav"), "no such file"],
    ["a directory", async () => tempDir(), "is a directory"],
    ["an empty file", async () => writeTemp("empty.wav", Buffer.alloc(0)), "is empty"],
    ["another format", async () => writeTemp("notes.wav", Buffer.from("hello")), "is not a WAV, MP3 or M4A"],
  ])("%s is a usage error (exit 2)", async (_what, makePath, text) => {
    expectOneLineError(await run(["clone", await makePath(), "--base-url", api]), 2, text);
  });

  it("shows an upload progress bar on a terminal", async () => {
    const big = await writeTemp("big.wav", audio.wav(1024 * 1024));
    const result = await runOnTty(["clone", big, "--base-url", cloning.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Uploading");
    expect(result.stdout).toContain("Cloned");
  });
});

describe.concurrent("sample", () => {
  it("downloads the sample to --out, whole", async () => {
    const dir = await tempDir();
    const out = join(dir, "aria.wav");
    const saved = json(await run(["sample", "abc123def456", "--out", out, "--json", "--base-url", api]));
    const expected = await sampleOf(shared, "abc123def456");
    expect(saved).toEqual({ voice_id: "abc123def456", path: out, bytes: expected.length, content_type: "audio/wav" });
    expect((await readFile(out)).equals(expected)).toBe(true);
    expect(await readdir(dir)).toEqual(["aria.wav"]);
  });

  it("names the file after the voice by default, in the current directory", async () => {
    const dir = await tempDir();
    const result = await run(["sample", "abc123def456", "--base-url", api], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Saved the sample of abc123def456");
    expect((await stat(join(dir, "abc123def456.wav"))).size).toBe((await sampleOf(shared, "abc123def456")).length);
  });

  it("by default, names the file after the id typed and an audio extension, never after the server's words", async () => {
    // The server answers for `abc` with another voice_id and a sample URL ending in .json: together
    // they would name ./package.json, and replace it.
    const server = createServer((request, response) => {
      if (request.url?.startsWith("/x.json")) {
        response.setHeader("content-type", "audio/wav");
        response.end(audio.wav());
        return;
      }
      const sample = `http://${request.headers.host}/x.json`;
      const data = { voice_id: "package", display_name: "x", voice_type: "custom", sample };
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ code: 0, message: "success", data }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = await tempDir();
    await writeFile(join(dir, "package.json"), "{}");
    const result = await run(["sample", "abc", "--base-url", url], { cwd: dir });
    await new Promise((resolve) => server.close(resolve));
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["abc.wav", "package.json"]);
    expect(await readFile(join(dir, "package.json"), "utf8")).toBe("{}");
  });

  it("a sample that cannot be fetched is exit 1 and leaves no file", async () => {
    const dir = await tempDir();
    // Its sample is on cdn.noiz.ai, unreachable from here.
    const result = await run(["sample", "far-away", "--out", join(dir, "x.wav"), "--base-url", api]);
    expectOneLineError(result, 1, "cdn.noiz.ai");
    // The sample's host is not the API: the hint names what to do about a sample URL, not --base-url.
    expect(result.stderr).not.toContain("--base-url");
    expect(result.stderr).toContain("get the voice again");
    expect(await readdir(dir)).toEqual([]);
  });

  it("shows a download progress bar on a terminal", async () => {
    const dir = await tempDir();
    const result = await runOnTty(["sample", "abc123def456", "--out", join(dir, "s.wav"), "--base-url", api]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Saved the sample");
  });
});

describe.concurrent("delete", () => {
  /** The fake the deletions happen in: each test deletes a voice of its own. */
  let deleting: FakeServer;
  const deletedAt = (voiceId: string) => deleting.fake.voices.find((voice) => voice.voice_id === voiceId)?.delete_time;
  beforeAll(async () => {
    deleting = await startFake();
  });

  it("deletes with --yes, and prints the JSON", async () => {
    const deleted = json(await run(["delete", "abc123def456", "--yes", "--json", "--base-url", deleting.url]));
    expect(deleted).toEqual({
      voice_id: "abc123def456",
      display_name: "My Custom Voice",
      delete_time: deletedAt("abc123def456"),
    });
    expect(deleted.delete_time).toEqual(expect.any(Number));
  });

  it("does not ask when not on a terminal (scripts)", async () => {
    const result = await run(["delete", "fed654cba321", "--base-url", deleting.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Deleted fed654cba321/);
    expect(deletedAt("fed654cba321")).toEqual(expect.any(Number));
  });

  it("asks on a terminal: no keeps the voice (exit 0, nothing deleted), yes deletes it", async () => {
    // The question names the voice (one GET first), so a person knows what they are deleting.
    const prompt = 'Delete voice far-away ("Far Away")? [y/N]';
    const declined = await runOnTty(["delete", "far-away", "--base-url", deleting.url], { prompt, input: "n\n" });
    expect(declined.stdout).toContain("Nothing was deleted: voice far-away is kept.");
    expect(declined.stdout).not.toContain("Deleted");
    expect(declined.code).toBe(0);
    expect(deletedAt("far-away")).toBeUndefined();
    const accepted = await runOnTty(["delete", "far-away", "--base-url", deleting.url], { prompt, input: "y\n" });
    expect(accepted.stdout).toContain("Deleted far-away");
    expect(accepted.code).toBe(0);
    expect(deletedAt("far-away")).toEqual(expect.any(Number));
  });
});

describe.concurrent("usage errors exit 2 with one line on stderr", () => {
  it("an unknown command reads as one clean line: commander's line break is not escaped as server text", async () => {
    const result = await run(["lst"]);
    expect(result).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "noiz-voices: unknown command 'lst' (Did you mean list?) (see --help)\n",
    });
    // What was typed is still escaped: it reaches the terminal too.
    const typed = await run(["l\u001b[2Jst"]);
    expect(typed.stderr).toContain("unknown command 'l\\u001b[2Jst'");
  });

  it.each([
    [[]],
    [["frobnicate"]],
    [["list", "--bogus"]],
    [["list", "--limit", "0"]],
    [["list", "--limit", "ten"]],
    [["list", "--page", "-1"]],
    [["list", "--type", "robot"]],
    [["list", "--timeout", "soon"]],
    [["get"]],
    [["get", "a", "b"]],
    [["clone"]],
    [["sample"]],
    [["delete"]],
  ])("noiz-voices %j", async (args) => {
    const result = await run([...args, "--base-url", api]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/noiz-voices|Usage/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("names the problem with the command's flags: no key, bad base URL, bad voice id", async () => {
    expectOneLineError(
      await run(["list", "--base-url", api], { key: false, env: { NOIZ_CONFIG_DIR: await tempDir() } }),
      2,
      "No API key: use --api-key-file PATH, --api-key - (stdin), NOIZ_API_KEY, NOIZ_API_KEY_FILE or `noiz-voices login`.",
    );
    const baseUrl = await run(["list", "--base-url", "ftp://nowhere"]);
    expectOneLineError(
      baseUrl,
      2,
      "baseUrl must be an http(s) URL without credentials, query or fragment. Set it with --base-url or NOIZ_BASE_URL.",
    );
    expectOneLineError(await run(["get", "..", "--base-url", api]), 2, "voice_id");
  });
});

describe.concurrent("API and network errors exit 1 with one line on stderr", () => {
  let server: Server;
  let failing: string;
  beforeAll(async () => {
    // Answers 404 for get, and a 401 that echoes the key it received (the key must still never show).
    server = createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.url?.startsWith("/voices/")) {
        response.writeHead(404).end(JSON.stringify({ code: 40400, message: "voice not found", data: null }));
      } else {
        response
          .writeHead(401)
          .end(
            JSON.stringify({ code: 40100, message: `invalid api key ${request.headers.authorization}`, data: null }),
          );
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    failing = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("404 is exit 1 and says so", async () => {
    expectOneLineError(await run(["get", "nope", "--base-url", failing]), 1, "voice not found");
  });

  it("401 is exit 1, names the key's flags and where this key came from, and never shows the key", async () => {
    const result = await run(["list", "--base-url", failing]);
    expectOneLineError(result, 1, "401");
    expect(result.stderr).toContain(
      "Check --api-key / --api-key-file / NOIZ_API_KEY / NOIZ_API_KEY_FILE, or run `noiz-voices login`. The key came from NOIZ_API_KEY.",
    );
    expect(result.stderr).not.toContain("apiKey");
    const debug = await run(["list", "--debug", "--base-url", failing]);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /); // the stack, only with --debug
    expect(debug.stderr).not.toContain(KEY);
  });

  it("a refused connection is exit 1", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expectOneLineError(await run(["get", "abc", "--base-url", `http://127.0.0.1:${port}`]), 1, "ECONNREFUSED");
  });
});

describe.concurrent("a server that echoes the key in its answers", () => {
  // A key with characters that URL-encoding changes, and a server that puts it in voice names:
  // URL-encoded, and raw past the width at which the table cuts a name.
  const key = "cli/secret+key=8d2f1b7e";
  const padding = "x".repeat(30);
  let server: Server;
  let echoing: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const sent = request.headers.authorization ?? "";
      const voice = (voice_id: string, display_name: string) => ({ voice_id, display_name, voice_type: "custom" });
      const voices = [voice("encoded", `name ${encodeURIComponent(sent)}`), voice("cut", `${padding}${sent}`)];
      const data = request.url?.startsWith("/voices/") ? voices[0] : { total_count: voices.length, voices };
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ code: 0, message: "success", data }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    echoing = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each(["list", "list --json", "get encoded", "get encoded --json"])(
    "%s shows neither the key, nor its URL-encoded form, nor a cut-off start of it",
    async (command) => {
      const result = await run([...command.split(" "), "--base-url", echoing], { env: { NOIZ_API_KEY: key } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("[redacted]");
      for (const form of [key, encodeURIComponent(key), key.slice(0, 8)]) expect(result.stdout).not.toContain(form);
    },
  );
});

describe.concurrent("transport", () => {
  // A self-signed certificate for 127.0.0.1, for tests only, made with:
  // openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 36500 \
  //   -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"
  const tls = fileURLToPath(new URL("./fixtures/tls/", import.meta.url));

  it("lists and uploads over HTTPS (the real service's scheme)", async () => {
    const uploads: number[] = [];
    const server = createHttpsServer(
      { key: await readFile(join(tls, "key.pem")), cert: await readFile(join(tls, "cert.pem")) },
      async (request, response) => {
        let bytes = 0;
        for await (const chunk of request) bytes += (chunk as Buffer).length;
        response.setHeader("content-type", "application/json");
        if (request.method === "POST") {
          uploads.push(bytes);
          response.end(JSON.stringify({ code: 0, message: "success", data: { voice_id: "over-tls" } }));
        } else {
          response.end(JSON.stringify({ code: 0, message: "success", data: { total_count: 0, voices: [] } }));
        }
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const env = { NODE_EXTRA_CA_CERTS: join(tls, "cert.pem") };
      expect(json(await run(["list", "--json", "--base-url", base], { env }))).toEqual({ total_count: 0, voices: [] });
      const file = await writeTemp("tls.wav", audio.wav(300_000));
      expect(json(await run(["clone", file, "--json", "--base-url", base], { env })).voice_id).toBe("over-tls");
      expect(uploads[0]).toBeGreaterThan(300_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("Ctrl-C during a download exits 130 and leaves no file behind", async () => {
    // A voice whose sample trickles in and never ends.
    let sampleSent: () => void;
    const sampleStarted = new Promise<void>((resolve) => {
      sampleSent = resolve;
    });
    const server = createServer((request, response) => {
      if (request.url?.startsWith("/voices/")) {
        const sample = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow.wav`;
        response.setHeader("content-type", "application/json");
        response.end(
          JSON.stringify({
            code: 0,
            message: "success",
            data: { voice_id: "v", display_name: "V", voice_type: "custom", sample },
          }),
        );
        return;
      }
      response.writeHead(200, { "content-type": "audio/wav", "content-length": 10_000_000 });
      response.write(Buffer.alloc(64 * 1024), () => sampleSent());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const dir = await tempDir();
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await run(["sample", "v", "--out", join(dir, "v.wav"), "--base-url", base], {
        // Once the first bytes of the sample are on their way, interrupt the download.
        started: (child) => void sampleStarted.then(() => child.kill("SIGINT")),
      });
      expectOneLineError(result, 130, "Interrupted");
      expect(await readdir(dir)).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.concurrent("the API key: flags, files, stdin, env and stored profiles", () => {
  // Records the Authorization header of each request: which key a run used. Answers an empty page,
  // or a 401 carrying a request id for /voices/denied.
  let server: Server;
  let base: string;
  /** The Authorization of each request, by the run's path prefix (tests run side by side). */
  const seen = new Map<string, string>();
  let runs = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.set(request.url?.split("/")[1] ?? "", request.headers.authorization ?? "");
      response.setHeader("content-type", "application/json");
      if (request.url?.endsWith("/voices/denied")) {
        response.writeHead(401, { "x-request-id": "req_401" });
        response.end(JSON.stringify({ code: 40100, message: "invalid api key", data: null }));
        return;
      }
      response.end(JSON.stringify({ code: 0, message: "success", data: { total_count: 0, voices: [] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // Distinct keys: each test looks for its own in what the server saw.
  const keyOf = (name: string) => `${KEY}-${name}`;
  /** Runs `list --json` and returns the key the server received. */
  async function keyUsed(args: string[], options: RunOptions = {}) {
    const id = `run${++runs}`;
    const result = await run(["list", "--json", "--base-url", `${base}/${id}`, ...args], { key: false, ...options });
    expect(result.code, result.stderr).toBe(0);
    for (const output of [result.stdout, result.stderr]) expect(output).not.toContain(KEY);
    return seen.get(id);
  }

  it("--api-key-file PATH: the file's key, trimmed", async () => {
    const file = await writeTemp("key.txt", Buffer.from(`${keyOf("file")}\n`));
    expect(await keyUsed(["--api-key-file", file])).toBe(keyOf("file"));
  });

  it("--api-key -: the key from stdin", async () => {
    expect(await keyUsed(["--api-key", "-"], { input: `${keyOf("stdin")}\n` })).toBe(keyOf("stdin"));
  });

  it("NOIZ_API_KEY_FILE: the file's key", async () => {
    const file = await writeTemp("key.txt", Buffer.from(keyOf("envfile")));
    expect(await keyUsed([], { env: { NOIZ_API_KEY_FILE: file } })).toBe(keyOf("envfile"));
  });

  it("precedence: flags, then NOIZ_API_KEY, then NOIZ_API_KEY_FILE", async () => {
    const file = await writeTemp("key.txt", Buffer.from(keyOf("file2")));
    const envFile = await writeTemp("key.txt", Buffer.from(keyOf("envfile2")));
    const env = { NOIZ_API_KEY: keyOf("env2"), NOIZ_API_KEY_FILE: envFile };
    expect(await keyUsed(["--api-key-file", file], { env })).toBe(keyOf("file2"));
    expect(await keyUsed(["--api-key", keyOf("flag2")], { env })).toBe(keyOf("flag2"));
    expect(await keyUsed([], { env })).toBe(keyOf("env2"));
  });

  it.each([
    [
      "both flags",
      async () => ["--api-key", "x", "--api-key-file", "y"],
      "Give --api-key or --api-key-file, not both.",
    ],
    ["a missing file", async () => ["--api-key-file", join(await tempDir(), "nope")], "no such file"],
    ["a directory", async () => ["--api-key-file", await tempDir()], "it is a directory"],
    ["an empty file", async () => ["--api-key-file", await writeTemp("k", Buffer.from(" \n"))], "is empty"],
    [
      "a file with more than a key",
      async () => ["--api-key-file", await writeTemp("k", Buffer.from("a b\nc"))],
      "must be one line of text without spaces",
    ],
    ["an empty stdin", async () => ["--api-key", "-"], "The API key from --api-key - is empty."],
  ])("%s is a usage error (exit 2) and nothing is sent", async (_what, makeArgs, text) => {
    const id = `run${++runs}`;
    expectOneLineError(
      await run(["list", "--base-url", `${base}/${id}`, ...(await makeArgs())], { key: false }),
      2,
      text,
    );
    expect(seen.has(id)).toBe(false);
  });

  // A dozen runs in a row (120 s): on a loaded machine that takes longer than one run's usual limit.
  it("login (piped) stores the key 0600 in a 0700 folder; later runs use it; --profile picks another; logout removes", async () => {
    const home = await tempDir();
    // env-paths' own folder: $XDG_CONFIG_HOME/noiz-voices on Linux; no NOIZ_CONFIG_DIR.
    const env = { XDG_CONFIG_HOME: home, HOME: home, NOIZ_CONFIG_DIR: "" };
    const file = join(home, "noiz-voices", "credentials.json");
    // Storage only here (the check with the service has its own test): --no-verify.
    const login = await run(["login", "--json", "--no-verify"], { key: false, env, input: `${keyOf("stored")}\n` });
    expect(json(login)).toEqual({ profile: "default", path: file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, "noiz-voices"))).mode & 0o777).toBe(0o700);
    expect(await keyUsed([], { env })).toBe(keyOf("stored"));

    const work = await run(["login", "--profile", "work", "--no-verify"], { key: false, env, input: keyOf("work") });
    expect(work.code, work.stderr).toBe(0);
    expect(work.stdout).toBe(`Saved the API key of profile work in ${file} (readable by you only).\n`);
    expect(await keyUsed(["--profile", "work"], { env })).toBe(keyOf("work"));
    // NOIZ_API_KEY beats the default profile; an explicit --profile beats NOIZ_API_KEY.
    expect(await keyUsed([], { env: { ...env, NOIZ_API_KEY: keyOf("env3") } })).toBe(keyOf("env3"));
    expect(await keyUsed(["--profile", "work"], { env: { ...env, NOIZ_API_KEY: keyOf("env3") } })).toBe(keyOf("work"));

    const logout = await run(["logout", "--profile", "work"], { key: false, env });
    expect(logout).toMatchObject({ code: 0, stdout: `Removed the API key of profile work from ${file}.\n` });
    expectOneLineError(
      await run(["list", "--profile", "work", "--base-url", base], { key: false, env }),
      2,
      "No key is stored for profile work: run `noiz-voices login --profile work`.",
    );
    expect(await run(["logout"], { key: false, env })).toMatchObject({ code: 0 });
    expect(await readdir(join(home, "noiz-voices"))).toEqual([]);
    const again = await run(["logout"], { key: false, env });
    expect(again).toMatchObject({ code: 0, stdout: "No API key was stored for profile default; nothing to remove.\n" });
    expect(await readFile(file).catch((error: NodeJS.ErrnoException) => error.code)).toBe("ENOENT");
  }, 120_000);

  it("login checks the key with one list call (limit 1): a rejected key is refused and not stored; --no-verify skips the check", async () => {
    const { createFakeVoices } = await import("@noiz-voices/testing");
    const { startFakeServer } = await import("@noiz-voices/testing/server");
    const fake = createFakeVoices({ apiKey: keyOf("good") });
    const server = await startFakeServer(fake);
    try {
      const dir = await tempDir();
      const env = { NOIZ_CONFIG_DIR: dir };
      const login = (args: string[], input: string) =>
        run(["login", "--base-url", server.url, ...args], { key: false, env, input });
      const bad = await login(["--profile", "bad"], "wrong-key-123\n");
      expectOneLineError(bad, 2, "The service rejected the key from Standard input (HTTP 401, code 40100)");
      expect(bad.stderr).toContain("--no-verify");
      expect(await readdir(dir)).toEqual([]);
      expect(fake.requests.map(({ operation, query, status }) => ({ operation, query, status }))).toEqual([
        { operation: "listVoices", query: { limit: "1" }, status: 401 },
      ]);
      fake.reset();
      const good = await login(["--profile", "good"], keyOf("good"));
      expect(good.code, good.stderr).toBe(0);
      expect(fake.requests.map(({ status }) => status)).toEqual([200]);
      fake.reset();
      const offline = await login(["--profile", "offline", "--no-verify"], "wrong-key-456");
      expect(offline.code, offline.stderr).toBe(0);
      expect(fake.requests).toEqual([]);
      const stored = JSON.parse(await readFile(join(dir, "credentials.json"), "utf8")) as { profiles: object };
      expect(Object.keys(stored.profiles).sort()).toEqual(["good", "offline"]);
    } finally {
      await server.close();
    }
  });

  it("login on a terminal reads the key at a hidden prompt: nothing echoes", async () => {
    const dir = await tempDir();
    const prompt = "API key for profile default (input hidden): ";
    // A mistyped character, erased with Backspace, then Enter.
    const input = `${keyOf("typed")}X\u007f\r`;
    const result = await runOnTty(["login", "--no-verify"], { prompt, input }, { NOIZ_CONFIG_DIR: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`Saved the API key of profile default in ${join(dir, "credentials.json")}`);
    expect(result.stdout).not.toContain(keyOf("typed"));
    expect(await keyUsed([], { env: { NOIZ_CONFIG_DIR: dir } })).toBe(keyOf("typed"));
  });

  it("Ctrl-C at the hidden prompt exits 130 and stores nothing", async () => {
    const dir = await tempDir();
    const prompt = "API key for profile default (input hidden): ";
    const result = await runOnTty(["login"], { prompt, input: "abc\u0003" }, { NOIZ_CONFIG_DIR: dir });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain("noiz-voices: Interrupted");
    expect(await readdir(dir)).toEqual([]);
  });

  it("a bad profile name is a usage error", async () => {
    expectOneLineError(await run(["login", "--profile", "../x"], { key: false }), 2, "Expected a profile name");
  });

  it("--log-level debug says where the key came from (never the key); a bad level is a usage error", async () => {
    const file = await writeTemp("key.txt", Buffer.from(keyOf("logged")));
    const logged = await run(["list", "--log-level", "debug", "--base-url", base, "--api-key-file", file], {
      key: false,
    });
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stderr).toContain("noiz-voices [debug] API key from --api-key-file\n");
    // The client's request line, with the CLI's prefix only.
    expect(logged.stderr).toMatch(/^noiz-voices \[info\] GET \S*\/voices → HTTP 200/m);
    expect(logged.stderr).not.toContain("[noiz-voices]");
    expect(logged.stderr).not.toContain(keyOf("logged"));
    const fromEnv = await run(["list", "--json", "--base-url", base], { env: { NOIZ_LOG: "debug" } });
    expect(fromEnv.stderr).toContain('{"log":{"level":"debug","message":"API key from NOIZ_API_KEY"}}\n');
    const quiet = await run(["list", "--log-level", "error", "--base-url", base], { env: { NOIZ_LOG: "debug" } });
    expect(quiet).toMatchObject({ code: 0, stderr: "" });
    expect((await run(["list", "--log-level", "loud", "--base-url", base])).code).toBe(2);
    expectOneLineError(
      await run(["list", "--base-url", base], { env: { NOIZ_LOG: "loud" } }),
      2,
      'NOIZ_LOG must be one of off, error, warn, info, debug; got "loud".',
    );
  });

  it("--json errors are one JSON object on stderr: name, message, status, code, requestId", async () => {
    const denied = await run(["get", "denied", "--json", "--base-url", base]);
    expect(denied).toMatchObject({ code: 1, stdout: "" });
    expect(denied.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(denied.stderr)).toEqual({
      error: {
        name: "AuthenticationError",
        message: expect.stringMatching(/HTTP 401.* Check --api-key \/ --api-key-file.* \(request id req_401\)$/),
        status: 401,
        code: 40100,
        requestId: "req_401",
      },
    });
    for (const args of [["list", "--limit", "0"], ["bogus"], ["list", "--api-key-file", "/nonexistent/key"]]) {
      const usage = await run([...args, "--json", "--base-url", base]);
      expect(usage.code, usage.stderr).toBe(2);
      expect(usage.stdout).toBe("");
      expect(JSON.parse(usage.stderr)).toEqual({
        error: { name: "UsageError", message: expect.any(String), status: null, code: null, requestId: null },
      });
    }
  });
});

describe.concurrent("completion", () => {
  it("bash: a script bash accepts, completing commands, options and choices", async () => {
    const result = await run(["completion", "bash"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const script = await writeTemp("noiz.bash", Buffer.from(result.stdout));
    // Syntax, then the completion function itself, as bash calls it on Tab.
    const complete = (line: string) =>
      new Promise<string>((resolve, reject) => {
        const words = line.split(" ").map((word) => `'${word}'`);
        const probe = `source '${script}'; COMP_WORDS=(${words.join(" ")}); COMP_CWORD=${words.length - 1}; _noiz_voices; echo "\${COMPREPLY[*]}"`;
        const child = spawn("bash", ["-c", probe], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
        });
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`bash exited ${code}`))));
      });
    const syntax = spawn("bash", ["-n", script]);
    expect(await new Promise((resolve) => syntax.on("close", resolve))).toBe(0);
    expect((await complete("noiz-voices ")).split(" ")).toEqual(
      expect.arrayContaining([
        "list",
        "get",
        "clone",
        "sample",
        "delete",
        "login",
        "logout",
        "completion",
        "--api-key-file",
      ]),
    );
    expect(await complete("noiz-voices --base-url http://x l")).toBe("list login logout");
    expect(await complete("noiz-voices list --type ")).toBe("custom built-in");
    expect(await complete("noiz-voices completion ")).toMatch(/^bash zsh fish /);
  });

  it.each(["zsh", "fish"])("%s: a script that lists every command", async (shell) => {
    const result = await run(["completion", shell]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    for (const command of ["list", "get", "clone", "sample", "delete", "login", "logout", "completion"]) {
      expect(result.stdout).toMatch(new RegExp(`['\\s]${command}[:']`));
    }
  });

  it("another shell is a usage error", async () => {
    expect((await run(["completion", "powershell"])).code).toBe(2);
  });
});

async function writeTemp(name: string, content: Buffer): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, content);
  return path;
}
