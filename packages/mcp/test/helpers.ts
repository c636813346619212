// The built `noiz-voices-mcp`, driven by the SDK's real MCP Client, against the fake of @noiz-voices/testing.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createFakeVoices, type FakeVoices } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";

const here = dirname(fileURLToPath(import.meta.url));
/** The command as npm links it: the committed shim, which runs dist/cli.js. */
export const BIN = resolve(here, "../bin/noiz-voices-mcp.mjs");
/** A 3 s WAV, the repository's fixture. */
export const SAMPLE_WAV = resolve(here, "../../../tools/fixtures/sample.wav");
/** A key with characters that change when URL-encoded or JSON-escaped, so that every form is looked for. */
export const KEY = 'sk-test/key+MCP="secret"';

/** The forms a leaked key could take. */
export const keyForms = (key: string) => [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)];

/** A fake service on loopback, accepting `KEY`. */
export async function startFake(): Promise<{ fake: FakeVoices; server: FakeServer }> {
  const fake = createFakeVoices({ apiKey: KEY });
  return { fake, server: await startFakeServer(fake) };
}

/** A temporary folder, removed by `cleanup`. */
export async function tempFolder(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `noiz-mcp-${prefix}-`));
}

export const cleanup = (...folders: string[]) =>
  Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));

/** The environment of the server: the key, a config folder of its own, nothing else of ours. */
export function serverEnv(extra: Record<string, string> = {}, configDir?: string): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", NOIZ_API_KEY: KEY, ...extra };
  if (configDir) env.NOIZ_CONFIG_DIR = configDir;
  return env;
}

/** A connected client and everything the server wrote to stderr. */
export interface Session {
  client: Client;
  stderr(): string;
  pid: number | undefined;
  close(): Promise<void>;
}

function collect(stream: Readable | null | undefined): () => string {
  let text = "";
  stream?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return () => text;
}

/** Starts the built bin over stdio with `args` and connects the SDK's Client to it. */
export async function connectStdio(
  args: string[],
  env: Record<string, string>,
  clientOptions: ClientOptions = {},
  setup?: (client: Client) => void,
): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, ...args], env, stderr: "pipe" });
  const stderr = collect(transport.stderr as Readable);
  const client = new Client({ name: "noiz-mcp-test", version: "1.0.0" }, clientOptions);
  setup?.(client);
  await client.connect(transport);
  return { client, stderr, pid: transport.pid ?? undefined, close: () => client.close() };
}

/** Runs the bin to its end (for start-up errors and --help): exit code and output. */
export function runBin(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    child.stdin.end();
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout: stdout(), stderr: stderr() }));
  });
}

/** The bin with `--http --port 0`, once it printed its URL on its first stderr line. */
export async function startHttp(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stderr(): string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, "--http", "--port", "0", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = collect(child.stderr);
  const stdout = collect(child.stdout);
  const firstLine = await new Promise<string>((resolvePromise, reject) => {
    const onData = () => {
      const text = stderr();
      if (text.includes("\n")) {
        child.stderr?.off("data", onData);
        resolvePromise(text.slice(0, text.indexOf("\n")));
      }
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${stderr()}`)));
  });
  const url = /(http:\/\/\S+\/mcp)/.exec(firstLine)?.[1];
  if (!url) throw new Error(`no URL on the first stderr line: ${firstLine}`);
  return {
    url,
    child,
    stderr: () => stderr() + stdout(),
    stop: () =>
      new Promise<void>((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise();
        child.once("exit", () => resolvePromise());
        child.kill("SIGTERM");
      }),
  };
}

/** The SDK's Client over Streamable HTTP. */
export async function connectHttp(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "noiz-mcp-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** The text of a tool result's first content block. */
export function textOf(result: object): string {
  const [first] = ((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>;
  return first?.type === "text" ? (first.text ?? "") : "";
}

/**
 * A TCP pass-through to `target` (the fake) that counts its open connections: a request the server
 * aborts closes its socket, one left hanging keeps it open. Only an observer; the fake answers.
 */
export async function startTcpObserver(
  target: string,
): Promise<{ url: string; open(): number; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createTcpServer((incoming) => {
    sockets.add(incoming);
    const outgoing = connect(Number(port), hostname);
    incoming.pipe(outgoing).pipe(incoming);
    const end = () => {
      sockets.delete(incoming);
      incoming.destroy();
      outgoing.destroy();
    };
    incoming.on("close", end).on("error", end);
    outgoing.on("close", end).on("error", end);
  });
  await new Promise<void>((resolvePromise) => server.listen(0, "127.0.0.1", resolvePromise));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolvePromise());
      }),
  };
}
