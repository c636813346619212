// The undici adapter against loopback servers: the seam's contract (no redirects, a read cap, decoding,
// aborts, errors kept as they are) and multipart bodies streamed with an exact length.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { InvalidResponseError, ValidationError } from "@noiz-voices/client";
import type { AdapterRequest, MultipartBody } from "@noiz-voices/client/adapter";
import { Agent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { createUndiciAdapter } from "../src/adapter.js";
import { fileFromPath } from "../src/index.js";
import { audio, parseMultipart, readBody, serve, tempDir } from "./helpers.js";

const agent = new Agent({ connections: 4, headersTimeout: 0, bodyTimeout: 0 });
afterAll(() => agent.close());
const adapter = createUndiciAdapter(agent);

const attempt = (url: string, more: Partial<AdapterRequest> = {}): AdapterRequest => ({
  method: "GET",
  url,
  headers: new Headers({ accept: "application/json", authorization: "k" }),
  body: null,
  signal: new AbortController().signal,
  maxResponseBytes: 1024 * 1024,
  ...more,
});
const sha = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const text = (body: Uint8Array) => Buffer.from(body).toString("utf8");
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("undici adapter: the exchange", () => {
  it("sends method, path, query and headers, and returns status, headers and the body", async () => {
    const seen: { method?: string; url?: string; headers: Record<string, unknown> }[] = [];
    const api = await serve((request, response) => {
      seen.push({ method: request.method, url: request.url, headers: request.headers });
      response.writeHead(201, [
        ["x-a", "1"],
        ["set-cookie", "a=1"],
        ["set-cookie", "b=2"],
        ["content-type", "application/json"],
      ]);
      response.end('{"ok":true}');
    });
    const got = await adapter(attempt(`${api.url}/voices?skip=1&keyword=a%20b`, { method: "DELETE" }));
    expect(got.status).toBe(201);
    expect(got.headers.get("x-a")).toBe("1");
    expect(got.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(text(got.body)).toBe('{"ok":true}');
    expect(seen).toEqual([
      {
        method: "DELETE",
        url: "/voices?skip=1&keyword=a%20b",
        headers: expect.objectContaining({ authorization: "k" }),
      },
    ]);
  });

  it("keeps the connection alive between calls", async () => {
    let connections = 0;
    const api = await serve((_request, response) => response.end("{}"));
    api.server.on("connection", () => connections++);
    for (let i = 0; i < 6; i++) await adapter(attempt(`${api.url}/voices`));
    // undici frees a socket just after the answer's last byte, so a call made at once may open a second.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it("never follows a redirect: the 3xx comes back with its Location, and the other origin sees nothing", async () => {
    let elsewhere = 0;
    const other = await serve((_request, response) => {
      elsewhere++;
      response.end("{}");
    });
    for (const status of [301, 302, 303, 307, 308]) {
      const api = await serve((_request, response) =>
        response.writeHead(status, { location: `${other.url}/voices` }).end(),
      );
      const got = await adapter(attempt(`${api.url}/voices`, { method: "POST", body: new Uint8Array([1, 2]) }));
      expect(got.status).toBe(status);
      expect(got.headers.get("location")).toBe(`${other.url}/voices`);
    }
    expect(elsewhere).toBe(0);
  });
});

describe("undici adapter: what it reads", () => {
  const page = Buffer.from(JSON.stringify({ code: 0, message: "success", data: { voices: [], total_count: 0 } }));
  it.each([
    ["gzip", gzipSync(page)],
    ["x-gzip", gzipSync(page)],
    ["br", brotliCompressSync(page)],
    ["deflate", deflateSync(page)],
    ["deflate", deflateRawSync(page)],
    ["gzip, br", brotliCompressSync(gzipSync(page))],
    ["identity", page],
  ])("decodes Content-Encoding: %s", async (encoding, wire) => {
    const api = await serve((_request, response) =>
      response.writeHead(200, { "content-encoding": encoding, "content-length": wire.length }).end(wire),
    );
    expect(text((await adapter(attempt(`${api.url}/voices`))).body)).toBe(page.toString());
  });

  it("passes an unknown coding through as it came (the core then finds no JSON)", async () => {
    const api = await serve((_request, response) => response.writeHead(200, { "content-encoding": "zstd" }).end("raw"));
    expect(text((await adapter(attempt(`${api.url}/voices`))).body)).toBe("raw");
  });

  it("stops reading an endless body at maxResponseBytes with InvalidResponseError", async () => {
    let written = 0;
    const api = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length;
        if (!response.destroyed) response.once("drain", pump);
      };
      response.on("close", () => response.removeAllListeners("drain"));
      pump();
    });
    const error = await failure(adapter(attempt(`${api.url}/voices`, { maxResponseBytes: 256 * 1024 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (262144 bytes)");
    // The socket was closed: the server could not write much beyond the cap and its buffers.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the cap without reading it", async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { "content-length": 10_000_000 });
      response.write(Buffer.alloc(1000));
    });
    const error = await failure(adapter(attempt(`${api.url}/voices`, { maxResponseBytes: 1000 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (1000 bytes)");
  });

  it("stops a gzip bomb once its decoded bytes pass the cap", async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024)); // ~32 KiB on the wire
    const api = await serve((_request, response) =>
      response.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length }).end(bomb),
    );
    const error = await failure(adapter(attempt(`${api.url}/voices`, { maxResponseBytes: 1024 * 1024 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (1048576 bytes)");
  });

  it("reports a corrupt encoded body as InvalidResponseError", async () => {
    const api = await serve((_request, response) =>
      response.writeHead(200, { "content-encoding": "gzip" }).end("not gzip"),
    );
    expect(await failure(adapter(attempt(`${api.url}/voices`)))).toBeInstanceOf(InvalidResponseError);
  });
});

describe("undici adapter: failures", () => {
  it("rejects with the signal's reason when aborted before the answer", async () => {
    const api = await serve(() => {}); // never answers
    const controller = new AbortController();
    const pending = failure(adapter(attempt(`${api.url}/voices`, { signal: controller.signal })));
    await new Promise((resolve) => api.server.once("request", resolve));
    const reason = new Error("stop");
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it("rejects with the signal's reason when aborted mid-body, and closes the socket", async () => {
    let serverSawClose: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      serverSawClose = resolve;
    });
    const api = await serve((_request, response) => {
      response.writeHead(200).write("{");
      response.on("close", serverSawClose);
    });
    const controller = new AbortController();
    const pending = failure(adapter(attempt(`${api.url}/voices`, { signal: controller.signal })));
    await new Promise((resolve) => api.server.once("request", resolve));
    controller.abort("reason");
    expect(await pending).toBe("reason");
    await closed; // the server's response closed: the client hung up (the test times out otherwise)
  });

  it("keeps the runtime's error with its code when the connection is refused", async () => {
    const api = await serve(() => {});
    const url = api.url;
    // Closed (its port no longer listens) once the callback runs.
    await new Promise((resolve) => api.server.close(resolve));
    const error = (await failure(adapter(attempt(`${url}/voices`)))) as NodeJS.ErrnoException;
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("keeps undici's error and code when the connection is cut mid-body", async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { "content-length": 100 }).write("{", () => response.socket?.destroy());
    });
    const error = (await failure(adapter(attempt(`${api.url}/voices`)))) as { code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InvalidResponseError);
    expect(error.code).toMatch(/^UND_ERR_/);
  });
});

describe("undici adapter: multipart bodies", () => {
  const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
  const api = () =>
    serve(async (request, response) => {
      received.push({ headers: request.headers, body: await readBody(request) });
      response.end('{"code":0}');
    });
  const form = (data: Blob, filename = "v.wav"): MultipartBody => ({
    parts: [
      { name: "file", filename, type: "audio/wav", data },
      { name: "display_name", value: 'Zoë "q"\nline' },
      { name: "denoise", value: "true" },
    ],
  });

  it("streams a fileFromPath file from disk with its exact bytes, an exact Content-Length and progress", async () => {
    const { url } = await api();
    received.length = 0;
    // Several MiB of random bytes: a mix-up in the reused read buffers would change the hash.
    const content = Buffer.concat([audio.wav(0), randomBytes(5 * 1024 * 1024 + 12_345)]);
    const path = join(await tempDir(), "my voice.wav");
    await writeFile(path, content);
    const progress: [number, number][] = [];
    const got = await adapter(
      attempt(`${url}/voices`, {
        method: "POST",
        body: form(await fileFromPath(path), "my voice.wav"),
        onUploadProgress: (sent, total) => progress.push([sent, total]),
      }),
    );
    expect(got.status).toBe(200);
    const [request] = received;
    expect(request?.headers["content-length"]).toBe(String(request?.body.length));
    expect(request?.headers["transfer-encoding"]).toBeUndefined();
    const [file, ...fields] = parseMultipart(request!.body, String(request?.headers["content-type"]));
    expect(file?.headers).toBe(
      'Content-Disposition: form-data; name="file"; filename="my voice.wav"\r\nContent-Type: audio/wav',
    );
    expect(sha(file!.body)).toBe(sha(content));
    expect(fields.map((part) => [part.headers, part.body.toString()])).toEqual([
      ['Content-Disposition: form-data; name="display_name"', 'Zoë "q"\r\nline'],
      ['Content-Disposition: form-data; name="denoise"', "true"],
    ]);
    const length = request!.body.length;
    expect(progress[0]).toEqual([0, length]);
    expect(progress.at(-1)).toEqual([length, length]);
    expect(progress.every(([sent], i) => i === 0 || sent >= progress[i - 1]![0])).toBe(true);
  });

  it("sends an in-memory Blob through its stream, byte for byte", async () => {
    const { url } = await api();
    received.length = 0;
    const content = Buffer.concat([audio.wav(0), randomBytes(300_000)]);
    await adapter(attempt(`${url}/voices`, { method: "POST", body: form(new Blob([content])) }));
    const [file] = parseMultipart(received[0]!.body, String(received[0]?.headers["content-type"]));
    expect(sha(file!.body)).toBe(sha(content));
    expect(received[0]?.headers["content-length"]).toBe(String(received[0]?.body.length));
  });

  it("throws the SDK's ValidationError as it is when the file changes mid-upload", async () => {
    const slow = await serve(async (request) => {
      try {
        for await (const _ of request) await new Promise((resolve) => setImmediate(resolve));
      } catch {
        // the client hung up: expected
      }
    });
    const path = join(await tempDir(), "growing.wav");
    await writeFile(path, Buffer.concat([audio.wav(0), Buffer.alloc(4 * 1024 * 1024)]));
    const file = await fileFromPath(path);
    let grown = false;
    const error = await failure(
      adapter(
        attempt(`${slow.url}/voices`, {
          method: "POST",
          body: form(file),
          onUploadProgress: (sent) => {
            if (sent > 1024 * 1024 && !grown) {
              grown = true;
              void appendFile(path, "more");
            }
          },
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain("changed or disappeared while it was being uploaded");
  });
});
