// The built bin over stdio, with the SDK's Client, against the fake: every tool, the folders, the
// errors, cancellation, and the key never in any output.
import { copyFile, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, ListRootsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { createFakeVoices, type FakeVoices } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generatedTools } from "../src/generated/tools.gen.js";
import {
  cleanup,
  connectStdio,
  KEY,
  keyForms,
  runBin,
  SAMPLE_WAV,
  type Session,
  serverEnv,
  startFake,
  startTcpObserver,
  tempFolder,
  textOf,
} from "./helpers.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const TOOL_NAMES = Object.keys(generatedTools);

let fake: FakeVoices;
let server: FakeServer;
let allowed: string;
let outside: string;
let config: string;
/** Every text the servers of this file wrote or answered, checked for the key at the end. */
const outputs: string[] = [];

beforeAll(async () => {
  ({ fake, server } = await startFake());
  [allowed, outside, config] = await Promise.all([tempFolder("allowed"), tempFolder("outside"), tempFolder("config")]);
  await copyFile(SAMPLE_WAV, join(allowed, "me.wav"));
  await copyFile(SAMPLE_WAV, join(outside, "secret.wav"));
});

afterAll(async () => {
  await server.close();
  await cleanup(allowed, outside, config);
});

const sessions: Session[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) {
    await session.close();
    outputs.push(session.stderr());
  }
  fake.reset();
});

async function start(
  args: string[] = [],
  options: Parameters<typeof connectStdio>[2] = {},
  setup?: (c: Client) => void,
) {
  const session = await connectStdio(["--base-url", server.url, ...args], serverEnv({}, config), options, setup);
  sessions.push(session);
  return session.client;
}

/** Calls a tool and keeps what it answered for the key check. */
async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options?: Parameters<Client["callTool"]>[2],
) {
  const result = await client.callTool({ name, arguments: args }, undefined, options);
  outputs.push(JSON.stringify(result));
  return result;
}

function expectValid(name: string, structured: unknown) {
  const validate = ajv.compile(generatedTools[name as keyof typeof generatedTools].outputSchema);
  expect(validate(structured), JSON.stringify(validate.errors)).toBe(true);
}

describe("the tools", () => {
  it("lists five tools with the spec's schemas, titles, descriptions and annotations", async () => {
    const client = await start(["--allow-dir", allowed]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      const generated = generatedTools[tool.name as keyof typeof generatedTools];
      expect(tool.inputSchema).toEqual(generated.inputSchema);
      expect(tool.outputSchema).toEqual(generated.outputSchema);
      expect(tool.title).toBeTruthy();
      expect(tool.description).toContain(generated.specDescription);
    }
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.list_voices?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get_voice?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.delete_voice?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.clone_voice?.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: false });
    expect(byName.list_voices?.description).toMatch(/page number, not an offset/);
    expect(byName.delete_voice?.description).toMatch(/Built-in voices cannot be deleted/);
    expect(byName.clone_voice?.description).toMatch(/WAV, MP3 or M4A/);
  });

  it("clones from a file (with progress), lists, gets, downloads the sample and deletes, each result valid", async () => {
    const client = await start(["--allow-dir", allowed]);
    const progress: Array<{ progress: number; total?: number }> = [];
    const cloned = await call(
      client,
      "clone_voice",
      { file_path: join(allowed, "me.wav"), display_name: "MCP voice", language: "en" },
      { onprogress: (update) => progress.push(update) },
    );
    expect(cloned.isError).toBeFalsy();
    expectValid("clone_voice", cloned.structuredContent);
    const voiceId = (cloned.structuredContent as { voice_id: string }).voice_id;
    expect(textOf(cloned)).toContain(voiceId);
    const size = (await stat(SAMPLE_WAV)).size;
    const clonePart = fake.requests.find((request) => request.operation === "cloneVoice")?.form?.file;
    expect(clonePart).toMatchObject({ size, type: "audio/wav" });
    expect(progress.at(-1)).toMatchObject({ progress: expect.any(Number), total: expect.any(Number) });
    expect(progress.at(-1)?.progress).toBe(progress.at(-1)?.total);

    const page = await call(client, "list_voices", { keyword: "MCP voice", skip: 0, limit: 5 });
    expectValid("list_voices", page.structuredContent);
    expect((page.structuredContent as { voices: Array<{ voice_id: string }> }).voices.map((v) => v.voice_id)).toEqual([
      voiceId,
    ]);
    expect(fake.requests.at(-1)?.query).toMatchObject({ keyword: "MCP voice", skip: "0", limit: "5" });

    const voice = await call(client, "get_voice", { voice_id: voiceId });
    expectValid("get_voice", voice.structuredContent);
    expect(voice.structuredContent).toMatchObject({ voice_id: voiceId, display_name: "MCP voice" });

    const dest = join(allowed, "sample-copy.wav");
    const saved = await call(client, "download_voice_sample", { voice_id: voiceId, dest_path: dest });
    expectValid("download_voice_sample", saved.structuredContent);
    expect(saved.structuredContent).toMatchObject({ voice_id: voiceId, path: dest, bytes: size });
    expect((await readFile(dest)).equals(await readFile(SAMPLE_WAV))).toBe(true);

    const deleted = await call(client, "delete_voice", { voice_id: voiceId });
    expectValid("delete_voice", deleted.structuredContent);
    const gone = await call(client, "get_voice", { voice_id: voiceId });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(/NotFoundError \(HTTP 404\)/);
  });

  it("lists built-in voices, and clones from a voice_url", async () => {
    const client = await start();
    const page = await call(client, "list_voices", { voice_type: "built-in", limit: 3 });
    expectValid("list_voices", page.structuredContent);
    expect((page.structuredContent as { voices: unknown[] }).voices).toHaveLength(3);
    const cloned = await call(client, "clone_voice", { voice_url: `${server.url}/__fake/samples/none.wav` });
    expect(fake.requests.at(-1)?.operation).toBe("cloneVoice");
    expect(fake.requests.at(-1)?.form).toMatchObject({ voice_url: `${server.url}/__fake/samples/none.wav` });
    expect(cloned.isError).toBeFalsy();
  });
});

describe("--read-only", () => {
  it("offers only list_voices and get_voice; the others are unknown tools", async () => {
    const client = await start(["--read-only", "--allow-dir", allowed]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["get_voice", "list_voices"]);
    await expect(call(client, "delete_voice", { voice_id: "abc" })).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    });
    expect(fake.requests).toEqual([]);
  });
});

describe("files only inside the allowed folders", () => {
  it("refuses `..`, a symlink out, an absolute path elsewhere and a relative path, naming --allow-dir; nothing is sent", async () => {
    await symlink(join(outside, "secret.wav"), join(allowed, "link.wav")).catch(() => {});
    const client = await start(["--allow-dir", allowed]);
    for (const file_path of [
      join(allowed, "..", "outside", "secret.wav"),
      `${allowed}/../${outside.split("/").at(-1)}/secret.wav`,
      join(allowed, "link.wav"),
      join(outside, "secret.wav"),
      "me.wav",
    ]) {
      const result = await call(client, "clone_voice", { file_path });
      expect(result.isError, file_path).toBe(true);
      expect(textOf(result)).toMatch(/--allow-dir/);
      expect(textOf(result)).toMatch(/file_path/);
    }
    const dest = await call(client, "download_voice_sample", {
      voice_id: "builtin-aria",
      dest_path: join(outside, "x.wav"),
    });
    expect(dest.isError).toBe(true);
    expect(textOf(dest)).toMatch(/dest_path .*--allow-dir/s);
    expect(fake.requests).toEqual([]);
    expect(await readdir(outside)).toEqual(["secret.wav"]);
  });

  it("with no --allow-dir, says how to allow a folder", async () => {
    const client = await start();
    const result = await call(client, "clone_voice", { file_path: join(allowed, "me.wav") });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/start it with --allow-dir DIR/);
    expect(fake.requests).toEqual([]);
  });

  it("treats the client's roots as allowed folders", async () => {
    const client = await start([], { capabilities: { roots: { listChanged: true } } }, (c) =>
      c.setRequestHandler(ListRootsRequestSchema, async () => ({
        roots: [{ uri: `file://${allowed}`, name: "work" }],
      })),
    );
    const cloned = await call(client, "clone_voice", { file_path: join(allowed, "me.wav") });
    expect(cloned.isError).toBeFalsy();
    const refused = await call(client, "clone_voice", { file_path: join(outside, "secret.wav") });
    expect(textOf(refused)).toMatch(/outside the allowed folders/);
  });
});

describe("errors", () => {
  it("malformed arguments are a tool error naming the argument; an unknown tool is a protocol error", async () => {
    const client = await start();
    const wrongType = await call(client, "list_voices", { limit: "ten" });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/`limit` must be integer/);
    const outOfEnum = await call(client, "list_voices", { voice_type: "premium" });
    expect(textOf(outOfEnum)).toMatch(
      /`voice_type` must be equal to one of the allowed values: one of custom, built-in/,
    );
    const missing = await call(client, "get_voice", {});
    expect(textOf(missing)).toMatch(/`voice_id` is required/);
    const extra = await call(client, "get_voice", { voice_id: "a", voiceId: "a" });
    expect(textOf(extra)).toMatch(/`voiceId` is not an argument of this tool/);
    const neither = await call(client, "clone_voice", { display_name: "x" });
    expect(neither.isError).toBe(true);
    expect(textOf(neither)).toMatch(/ValidationError/);
    await expect(call(client, "no_such_tool", {})).rejects.toBeInstanceOf(McpError);
    expect(fake.requests).toEqual([]);
  });

  it("a 404 and a 429 of the service are tool errors with the SDK's message", async () => {
    const client = await start();
    const missing = await call(client, "get_voice", { voice_id: "nope" });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^NotFoundError \(HTTP 404\): /);
    fake.failNext("listVoices", { status: 429, times: 3 });
    const limited = await call(client, "list_voices", {});
    expect(limited.isError).toBe(true);
    expect(textOf(limited)).toMatch(/^RateLimitError \(HTTP 429\): /);
    expect(fake.requests.filter((request) => request.operation === "listVoices")).toHaveLength(3);
  });
});

describe("server text", () => {
  it("reaches the client and the log on stderr with terminal controls escaped, in a summary and in an error", async () => {
    // A service whose voice ids and error messages carry escape sequences (a title change, a screen clear).
    const hostile = createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.url?.endsWith("/bad")) {
        response.writeHead(400).end(JSON.stringify({ code: 40000, message: "no\u001b]0;pwned\u0007", data: null }));
        return;
      }
      const voice = { voice_id: "v\u001b[2J\u009b1m", display_name: "x", voice_type: "custom" };
      response.end(JSON.stringify({ code: 0, message: "success", data: voice }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
      const session = await connectStdio(["--base-url", url], serverEnv({ NOIZ_LOG: "debug" }, config));
      sessions.push(session);
      const got = await call(session.client, "get_voice", { voice_id: "v" });
      expect(textOf(got)).toMatch(/^Voice v\\u001b\[2J\\u009b1m \(custom\)\.\n/);
      const failed = await call(session.client, "get_voice", { voice_id: "bad" });
      expect(failed.isError).toBe(true);
      // The core's message already quotes a server's sentence on one line, its controls made spaces.
      expect(textOf(failed)).toContain("]0;pwned");
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
      for (const result of [got, failed]) expect(textOf(result)).not.toMatch(/[\u001b\u0007\u009b]/);
      // The client's log of the failed attempt quotes the message too.
      await vi.waitFor(() => expect(session.stderr()).toContain("]0;pwned"));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
      expect(session.stderr()).not.toMatch(/[\u001b\u0007\u009b]/);
    } finally {
      await new Promise((resolve) => hostile.close(resolve));
    }
  });
});

describe("cancellation", () => {
  it("a cancelled clone aborts its request (its socket closes); the server goes on", async () => {
    const observer = await startTcpObserver(server.url);
    try {
      const session = await connectStdio(["--base-url", observer.url, "--allow-dir", allowed], serverEnv({}, config));
      sessions.push(session);
      fake.failNext("cloneVoice", { hang: true });
      const controller = new AbortController();
      const pending = call(
        session.client,
        "clone_voice",
        { file_path: join(allowed, "me.wav") },
        { signal: controller.signal },
      );
      await vi.waitFor(() => expect(fake.requests.some((request) => request.operation === "cloneVoice")).toBe(true));
      expect(observer.open()).toBe(1);
      controller.abort();
      await expect(pending).rejects.toThrow();
      // Left hanging, the request would hold its socket open forever: it closes only when aborted.
      await vi.waitFor(() => expect(observer.open()).toBe(0));
      expect(fake.voices.filter((voice) => voice.voice_type === "custom")).toEqual([]);
      const page = await call(session.client, "list_voices", {});
      expect((page.structuredContent as { total_count: number }).total_count).toBe(0);
    } finally {
      await observer.close();
    }
  });

  it("a cancelled download ends the request to the sample's host and leaves no partial file", async () => {
    let closed!: () => void;
    const requestClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    // A sample host that sends half of what it announced, then waits.
    const host = createServer((request, response) => {
      response.writeHead(200, { "content-type": "audio/wav", "content-length": "100000" });
      response.write(Buffer.alloc(50_000));
      request.socket.on("close", closed);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const downloads = await tempFolder("downloads");
    const { port } = host.address() as AddressInfo;
    // A fake of its own, with one voice whose sample is on the host above.
    const hosted = createFakeVoices({
      apiKey: KEY,
      voices: [{ voice_id: "hosted1", display_name: "Hosted", sample: `http://127.0.0.1:${port}/me.wav` }],
    });
    const hostedServer = await startFakeServer(hosted);
    try {
      const session = await connectStdio(
        ["--base-url", hostedServer.url, "--allow-dir", downloads],
        serverEnv({}, config),
      );
      sessions.push(session);
      const client = session.client;
      const voiceId = "hosted1";
      const controller = new AbortController();
      const progress = vi.fn();
      const pending = call(
        client,
        "download_voice_sample",
        { voice_id: voiceId, dest_path: join(downloads, "sample.wav") },
        { signal: controller.signal, onprogress: progress },
      );
      await vi.waitFor(() => expect(progress).toHaveBeenCalled());
      controller.abort();
      await expect(pending).rejects.toThrow();
      await requestClosed;
      await vi.waitFor(async () => expect(await readdir(downloads)).toEqual([]));
    } finally {
      await hostedServer.close();
      host.close();
      host.closeAllConnections();
      await cleanup(downloads);
    }
  });
});

describe("start-up", () => {
  it("takes no key on the command line, and says where a key can come from", async () => {
    const flag = await runBin(["--api-key", "sk-given-on-the-command-line"], serverEnv({}, config));
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/takes no key on its command line/);
    expect(flag.stderr).not.toContain("sk-given-on-the-command-line");
    const none = await runBin([], { PATH: process.env.PATH ?? "", NOIZ_CONFIG_DIR: config });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/NOIZ_API_KEY.*NOIZ_API_KEY_FILE.*noiz-voices login/s);
    const missingFolder = await runBin(["--allow-dir", join(outside, "nope")], serverEnv({}, config));
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toMatch(/--allow-dir .*no such folder/);
    for (const run of [flag, none, missingFolder]) {
      expect(run.stdout).toBe("");
      outputs.push(run.stderr);
    }
  });

  it("reads the key stored for --profile", async () => {
    const profiles = await tempFolder("profiles");
    try {
      await writeFile(join(profiles, "credentials.json"), JSON.stringify({ profiles: { work: { apiKey: KEY } } }));
      const session = await connectStdio(["--base-url", server.url, "--profile", "work"], {
        PATH: process.env.PATH ?? "",
        NOIZ_CONFIG_DIR: profiles,
      });
      sessions.push(session);
      const page = await call(session.client, "list_voices", {});
      expect(page.isError).toBeFalsy();
      expect(session.stderr()).toMatch(/key from profile work/);
    } finally {
      await cleanup(profiles);
    }
  });

  it("reads the key from NOIZ_API_KEY_FILE", async () => {
    const keyFile = join(config, "key.txt");
    await writeFile(keyFile, `${KEY}\n`);
    const session = await connectStdio(["--base-url", server.url], {
      PATH: process.env.PATH ?? "",
      NOIZ_API_KEY_FILE: keyFile,
      NOIZ_CONFIG_DIR: config,
    });
    sessions.push(session);
    const page = await call(session.client, "list_voices", {});
    expect(page.isError).toBeFalsy();
    expect(session.stderr()).toMatch(/key from NOIZ_API_KEY_FILE/);
  });
});

describe("the key", () => {
  it("never appears in any result, error or log line of this file's servers", () => {
    expect(outputs.length).toBeGreaterThan(10);
    const all = outputs.join("\n");
    for (const form of keyForms(KEY)) expect(all).not.toContain(form);
  });
});
