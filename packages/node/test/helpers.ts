// Shared test helpers: audio headers of each format, temporary directories, loopback servers, multipart.
import type { ChildProcessByStdio } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { afterAll, afterEach } from "vitest";

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

/** The first bytes of each accepted format, padded with `body` bytes of audio-ish data. */
export const audio = {
  wav: (body = 256) => bytes("RIFF", [0, 0, 0, 0], "WAVE", "fmt ", Buffer.alloc(body, 1)),
  mp3WithId3: (body = 256) => bytes("ID3", [4, 0, 0, 0, 0, 0, 0], Buffer.alloc(body, 2)),
  mp3Frame: (body = 256) => bytes([0xff, 0xfb, 0x90, 0x64], Buffer.alloc(body, 3)),
  m4a: (body = 256) => bytes([0, 0, 0, 0x20], "ftyp", "M4A ", [0, 0, 0, 0], Buffer.alloc(body, 4)),
};

const dirs: string[] = [];
// After the file, not each test: tests that run concurrently share this list.
afterAll(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed once the test file is done. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "noiz-node-test-"));
  dirs.push(dir);
  return dir;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback HTTP server on a free port, closed after the test; resolves with its base URL. */
export async function serve(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** One part of a multipart body as a server sees it. */
export interface Part {
  headers: string;
  body: Buffer;
}

/** Splits a multipart body on its boundary (enough for what this package sends). */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    const raw = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = raw.indexOf("\r\n\r\n");
    parts.push({ headers: raw.subarray(0, split).toString("utf8"), body: raw.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/** The request bodies a server received. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What a child process printed, and how it ended. */
export interface ProcessOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a spawned process's stdout and stderr until it closes. */
export function outputOf(child: ChildProcessByStdio<Writable | null, Readable, Readable>): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
