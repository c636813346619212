// cloneVoiceFromFile: the form on the wire (parsed by a local server), the contract (Prism), and failures.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join } from "node:path";
import {
  AuthenticationError,
  ConnectionError,
  createVoicesClient,
  ValidationError,
  type VoicesClient,
} from "@noiz-voices/client";
import { afterEach, describe, expect, inject, it } from "vitest";
import { cloneVoiceFromFile } from "../src/index.js";
import { audio, tempDir } from "./helpers.js";

const KEY = "clone-test-key-7f3a9c";

interface Part {
  headers: string;
  body: Buffer;
}

/** Splits a multipart body on its boundary (enough for what this client sends). */
function parseMultipart(body: Buffer, contentType: string): Part[] {
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

interface Received {
  headers: IncomingMessage["headers"];
  length: number;
  parts: Part[];
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local API that records each clone request and answers like the service. */
async function startApi(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    received.push({
      headers: request.headers,
      length: body.length,
      parts: parseMultipart(body, request.headers["content-type"] ?? ""),
    });
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ code: 0, message: "success", data: { voice_id: "new-voice" } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("cloneVoiceFromFile on the wire", () => {
  it("sends the file's exact bytes and the fields as multipart, with the key and an exact Content-Length", async () => {
    const api = await startApi();
    const client = createVoicesClient({ apiKey: KEY, baseUrl: api.url });
    // Several MiB of random bytes: any mix-up in the reused read buffers would change the hash.
    const content = Buffer.concat([audio.wav(0), randomBytes(5 * 1024 * 1024 + 12_345)]);
    const path = join(await tempDir(), "my voice.wav");
    await writeFile(path, content);
    const progress: [number, number][] = [];

    const cloned = await cloneVoiceFromFile(
      client,
      path,
      { display_name: 'Zoë "quoted"', denoise: true, language: "en" },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );

    expect(cloned.voice_id).toBe("new-voice");
    const [request] = api.received;
    expect(request?.headers.authorization).toBe(KEY);
    expect(request?.headers["content-length"]).toBe(String(request?.length));
    expect(request?.headers["transfer-encoding"]).toBeUndefined();
    const [file, ...fields] = request!.parts;
    expect(file?.headers).toContain('Content-Disposition: form-data; name="file"; filename="my voice.wav"');
    expect(file?.headers).toContain("Content-Type: audio/wav");
    expect(sha(file!.body)).toBe(sha(content));
    expect(fields.map((p) => [/name="([^"]+)"/.exec(p.headers)?.[1], p.body.toString("utf8")])).toEqual([
      ["display_name", 'Zoë "quoted"'],
      ["denoise", "true"],
      ["language", "en"],
    ]);
    // Progress runs from 0 to the body's full length, never backwards.
    expect(progress[0]).toEqual([0, request!.length]);
    expect(progress.at(-1)).toEqual([request!.length, request!.length]);
    expect(progress.every(([sent], i) => i === 0 || sent >= progress[i - 1]![0])).toBe(true);
  });

  it("checks the file before any request: nothing reaches the server", async () => {
    const api = await startApi();
    const client = createVoicesClient({ apiKey: KEY, baseUrl: api.url });
    const path = join(await tempDir(), "notes.wav");
    await writeFile(path, "not audio");
    await expect(cloneVoiceFromFile(client, path)).rejects.toBeInstanceOf(ValidationError);
    await expect(cloneVoiceFromFile(client, join(path, "..", "missing.wav"))).rejects.toBeInstanceOf(ValidationError);
    await expect(
      cloneVoiceFromFile(client, await writeAudio(), { display_name: 7 as unknown as string }),
    ).rejects.toMatchObject({ field: "display_name" });
    expect(api.received).toHaveLength(0);
  });

  it("sends through options.fetch instead when one is given", async () => {
    const client = createVoicesClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
    const seen: Request[] = [];
    const cloned = await cloneVoiceFromFile(client, await writeAudio(), undefined, {
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ code: 0, message: "success", data: { voice_id: "via-fetch" } });
      },
    });
    expect(cloned.voice_id).toBe("via-fetch");
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("maps an answer given before the upload finished (a 401) to its error, without a connection error", async () => {
    const server = createServer((request, response) => {
      // Answers at once and never reads the body, as a server that rejects the key may.
      response.writeHead(401, { "content-type": "application/json", connection: "close" });
      response.end(JSON.stringify({ code: 40100, message: "invalid api key", data: null }));
      request.resume();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = createVoicesClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    const path = join(await tempDir(), "big.wav");
    await writeFile(path, Buffer.concat([audio.wav(0), Buffer.alloc(8 * 1024 * 1024)]));
    const error = await cloneVoiceFromFile(client, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(KEY);
  });

  it("stops uploading soon after an early answer (a 401 sent before the body was read)", async () => {
    // A raw server: answers 401 as soon as the request starts, then reads slowly and never closes.
    let received = 0;
    let hungUp: () => void = () => {};
    const clientHungUp = new Promise<void>((resolve) => {
      hungUp = resolve;
    });
    const raw = createNetServer((socket) => {
      socket.once("data", () => {
        const body = JSON.stringify({ code: 40100, message: "invalid api key", data: null });
        socket.write(
          `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
      });
      socket.on("data", (chunk) => {
        received += chunk.length;
        socket.pause();
        setTimeout(() => socket.resume(), 5);
      });
      socket.on("error", () => {});
      socket.once("close", hungUp);
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    try {
      const client = createVoicesClient({
        apiKey: KEY,
        baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
      });
      const path = join(await tempDir(), "big.wav");
      const size = 64 * 1024 * 1024;
      await writeFile(path, Buffer.concat([audio.wav(0), Buffer.alloc(size)]));
      await expect(cloneVoiceFromFile(client, path)).rejects.toBeInstanceOf(AuthenticationError);
      // The client hung up long before sending the whole file (reading it all would take this server ~25 s).
      await clientHungUp;
      expect(received).toBeLessThan(size / 2);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("reports a refused connection as a ConnectionError that never reached the server", async () => {
    const client = createVoicesClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
    const error = await cloneVoiceFromFile(client, await writeAudio()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: false });
  });

  it("stops when the file changes during the upload", async () => {
    const server = createServer(async (request, response) => {
      try {
        for await (const _ of request) {
          // drain slowly enough for the file to change mid-way
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } catch {
        return; // the client gave up: expected here
      }
      response.end(JSON.stringify({ code: 0, message: "success", data: { voice_id: "x" } }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = createVoicesClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      maxRetries: 0,
    });
    const path = join(await tempDir(), "growing.wav");
    await writeFile(path, Buffer.concat([audio.wav(0), Buffer.alloc(4 * 1024 * 1024)]));
    const cloning = cloneVoiceFromFile(client, path, undefined, {
      onProgress: (sent) => {
        if (sent > 1024 * 1024 && sent < 2 * 1024 * 1024) void appendFile(path, "more");
      },
    });
    const error = await cloning.catch((e: unknown) => e);
    // The client passes an SDK error raised while the body is sent on as it is (issue 10).
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as Error).message)).toContain("changed or disappeared while it was being uploaded");
  });
});

async function writeAudio(content: Buffer = audio.wav()): Promise<string> {
  const path = join(await tempDir(), "voice.wav");
  await writeFile(path, content);
  return path;
}

describe("cloneVoiceFromFile against the contract (Prism)", () => {
  let client: VoicesClient;
  it.each([
    ["voice.wav", audio.wav(4096)],
    ["voice.mp3", audio.mp3WithId3(4096)],
    ["voice.m4a", audio.m4a(4096)],
  ])("Prism accepts the form for %s", async (name, content) => {
    client ??= createVoicesClient({ apiKey: KEY, baseUrl: inject("mockUrl"), maxRetries: 0 });
    const path = join(await tempDir(), name);
    await writeFile(path, content);
    const cloned = await cloneVoiceFromFile(client, path, { display_name: "Mine", denoise: false, language: "en" });
    expect(cloned).toMatchObject({ voice_id: "abc123def456", language: "en" });
  });
});
