// Cloning from disk on the Node client: `clone({ file: await fileFromPath(p) })` end to end (the core's form,
// streamed from disk by the undici adapter), `cloneVoiceFromFile` as its shorthand, early answers, and Prism.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { AuthenticationError, ConnectionError, ValidationError } from "@noiz-voices/client";
import { makeWav } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";
import { describe, expect, inject, it } from "vitest";
import { cloneVoiceFromFile, createVoicesClient, fileFromPath } from "../src/index.js";
import { audio, parseMultipart, readBody, serve, tempDir } from "./helpers.js";

const KEY = "clone-test-key-7f3a9c";
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const CLONED = JSON.stringify({ code: 0, message: "success", data: { voice_id: "new-voice" } });

/** A local API that records each clone request and answers like the service. */
async function startApi() {
  const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
  const { url } = await serve(async (request, response) => {
    received.push({ headers: request.headers, body: await readBody(request) });
    response.writeHead(200, { "content-type": "application/json" }).end(CLONED);
  });
  return { url, received };
}

async function writeAudio(content: Buffer = audio.wav(), name = "voice.wav"): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, content);
  return path;
}

describe("clone from disk on the Node client", () => {
  it("sends the core's form with the file's bytes from disk, the key, an exact length and upload progress", async () => {
    const api = await startApi();
    const client = createVoicesClient({ apiKey: KEY, baseUrl: api.url });
    // Several MiB of random bytes: any mix-up in the reused read buffers would change the hash.
    const content = Buffer.concat([audio.wav(0), randomBytes(5 * 1024 * 1024 + 12_345)]);
    const path = await writeAudio(content, "my voice.wav");
    const progress: [number, number][] = [];

    const cloned = await client.voices.clone(
      { file: await fileFromPath(path), display_name: 'Zoë "quoted"', denoise: true, language: "en" },
      { onUploadProgress: (sent, total) => progress.push([sent, total]) },
    );

    expect(cloned.voice_id).toBe("new-voice");
    const [request] = api.received;
    expect(api.received).toHaveLength(1);
    expect(request?.headers.authorization).toBe(KEY);
    expect(request?.headers["content-length"]).toBe(String(request?.body.length));
    const parts = parseMultipart(request!.body, String(request?.headers["content-type"]));
    // The core's order (the spec's fields, then the file), encoded as it is.
    expect(parts.map((part) => /name="([^"]+)"/.exec(part.headers)?.[1])).toEqual([
      "display_name",
      "denoise",
      "language",
      "file",
    ]);
    expect(parts[0]?.body.toString()).toBe('Zoë "quoted"');
    const file = parts[3];
    expect(file?.headers).toContain('filename="my voice.wav"');
    expect(file?.headers).toContain("Content-Type: audio/wav");
    expect(sha(file!.body)).toBe(sha(content));
    expect(progress.at(-1)).toEqual([request!.body.length, request!.body.length]);
  });

  it("cloneVoiceFromFile is that clone in one call; bad input fails before any request", async () => {
    const api = await startApi();
    const client = createVoicesClient({ apiKey: KEY, baseUrl: api.url });
    expect(await cloneVoiceFromFile(client, await writeAudio(), { display_name: "Mine" })).toMatchObject({
      voice_id: "new-voice",
    });
    expect(api.received).toHaveLength(1);

    const notAudio = await writeAudio(Buffer.from("not audio"), "notes.wav");
    await expect(cloneVoiceFromFile(client, notAudio)).rejects.toMatchObject({ field: "path" });
    await expect(cloneVoiceFromFile(client, join(notAudio, "..", "missing.wav"))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      cloneVoiceFromFile(client, await writeAudio(), { display_name: 7 as unknown as string }),
    ).rejects.toMatchObject({ field: "display_name" });
    // A display name passed in place of fields: it was spread into { 0: "M", … } and dropped silently.
    for (const fields of ["My voice", ["My voice"]]) {
      await expect(cloneVoiceFromFile(client, await writeAudio(), fields as never)).rejects.toMatchObject({
        name: "ValidationError",
        field: "fields",
        operation: "cloneVoice",
      });
    }
    expect(api.received).toHaveLength(1);
  });

  it("maps an answer given before the upload finished (a 401) to its error", async () => {
    let requests = 0;
    const { url } = await serve((request, response) => {
      requests++;
      // Answers at once and never reads the body, as a server that rejects the key may.
      response.writeHead(401, { "content-type": "application/json", connection: "close" });
      response.end(JSON.stringify({ code: 40100, message: "invalid api key", data: null }));
      request.resume();
    });
    const client = createVoicesClient({ apiKey: KEY, baseUrl: url });
    const path = await writeAudio(Buffer.concat([audio.wav(0), Buffer.alloc(8 * 1024 * 1024)]));
    const error = await client.voices.clone({ file: await fileFromPath(path) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(requests).toBe(1);
  });

  it("stops uploading after an early answer (a 401 sent before the body was read)", async () => {
    // A raw server: answers 401 as soon as the request starts, then reads nothing more and never
    // closes. The 64 MiB upload cannot go through; only the client hanging up ends the connection.
    let received = 0;
    let hungUp: () => void = () => {};
    const clientHungUp = new Promise<void>((resolve) => {
      hungUp = resolve;
    });
    const raw = createNetServer((socket) => {
      socket.once("data", (chunk) => {
        received += chunk.length;
        socket.pause();
        const body = JSON.stringify({ code: 40100, message: "invalid api key", data: null });
        socket.write(
          `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
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
      const size = 64 * 1024 * 1024;
      const path = await writeAudio(Buffer.concat([audio.wav(0), Buffer.alloc(size)]));
      await expect(cloneVoiceFromFile(client, path)).rejects.toBeInstanceOf(AuthenticationError);
      // The client hung up (the test times out otherwise), having sent the server one chunk of the file.
      await clientHungUp;
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(size);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("reports a refused connection as a ConnectionError that never reached the server", async () => {
    const { url, server } = await serve(() => {});
    server.close();
    const client = createVoicesClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
    const error = await cloneVoiceFromFile(client, await writeAudio()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: false });
  });

  it("a file that changes mid-upload is the ValidationError naming it, not retried", async () => {
    let requests = 0;
    const { url } = await serve(async (request) => {
      requests++;
      try {
        for await (const _ of request) await new Promise((resolve) => setImmediate(resolve));
      } catch {
        // the client gave up: expected here
      }
    });
    const client = createVoicesClient({ apiKey: KEY, baseUrl: url, maxRetries: 2 });
    const path = await writeAudio(Buffer.concat([audio.wav(0), Buffer.alloc(4 * 1024 * 1024)]), "growing.wav");
    let grown = false;
    const error = await cloneVoiceFromFile(client, path, undefined, {
      onUploadProgress: (sent) => {
        if (sent > 1024 * 1024 && !grown) {
          grown = true;
          void appendFile(path, "more");
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: "path" });
    expect(String((error as Error).message)).toContain("changed or disappeared while it was being uploaded");
    expect(requests).toBe(1);
  });
});

describe("clone from disk against the contract (Prism)", () => {
  it.each([
    ["voice.wav", audio.wav(4096)],
    ["voice.mp3", audio.mp3WithId3(4096)],
    ["voice.m4a", audio.m4a(4096)],
  ])("Prism accepts the streamed form for %s", async (name, content) => {
    const client = createVoicesClient({ apiKey: KEY, baseUrl: inject("mockUrl"), maxRetries: 0 });
    // A form that broke the spec would be answered 4xx, and rejected. Prism echoes nothing: what comes
    // back is its example, so only its shape is checked.
    const cloned = await cloneVoiceFromFile(client, await writeAudio(content, name), {
      display_name: "Mine",
      denoise: false,
      language: "en",
    });
    expect(cloned).toMatchObject({ voice_id: expect.any(String) });
  });
});

describe("clone from disk against @noiz-voices/testing's fake server (it keeps what it is sent)", () => {
  it("the streamed form's fields and audio arrive: the clone is named, has the WAV's duration, and stays", async () => {
    const server = await startFakeServer();
    try {
      const client = createVoicesClient({ apiKey: server.fake.apiKey, baseUrl: server.url, maxRetries: 0 });
      const wav = Buffer.from(makeWav({ seconds: 3 }));
      const cloned = await cloneVoiceFromFile(client, await writeAudio(wav, "mine.wav"), {
        display_name: "Mine",
        denoise: false,
        language: "de",
      });
      expect(cloned).toMatchObject({ voice_display_name: "Mine", language: "de", duration: 3 });
      expect(await client.voices.get(cloned.voice_id)).toMatchObject({ display_name: "Mine", voice_type: "custom" });
      expect(server.fake.requests.map((request) => request.operation)).toEqual(["cloneVoice", "getVoice"]);
      // The fake serves back the very bytes that were streamed from disk.
      const sample = await fetch(`${server.url}/__fake/samples/${cloned.voice_id}.wav`);
      expect(sha(Buffer.from(await sample.arrayBuffer()))).toBe(sha(wav));
    } finally {
      await server.close();
    }
  });
});
