// The fetch adapter alone: the body cap, redirects left to the core, aborts, errors passed on,
// the multipart encoding and upload progress. The loopback server shows what really went out.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf, wavFile } from "../test/fake-fetch.js";
import { closeAll, serve } from "../test/loopback.js";
import type { AdapterRequest, MultipartBody } from "./adapter.js";
import { readBody } from "./body.js";
import { InvalidResponseError, ValidationError } from "./errors.js";
import { createFetchAdapter } from "./fetch-adapter.js";

afterEach(closeAll);

const request = (url: string, extra: Partial<AdapterRequest> = {}): AdapterRequest => ({
  method: "GET",
  url,
  headers: new Headers({ accept: "application/json", authorization: "k" }),
  body: null,
  signal: new AbortController().signal,
  maxResponseBytes: 1024,
  ...extra,
});

/** A stream of `size`-byte chunks, counting pulls and noticing a cancel. */
function endless(size = 100) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("the body cap", () => {
  it("stops reading an endless body past maxResponseBytes and cancels it", async () => {
    const { stream, state } = endless(100);
    const error = await rejectionOf(readBody(stream, { maxBytes: 1000, status: 200 }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(1000 bytes\)/);
    expect(state.pulls).toBeLessThanOrEqual(12);
    expect(state.cancelled).toBe(true);
  });

  it("fails before reading a byte when Content-Length is over the cap", async () => {
    const { stream, state } = endless();
    await expect(readBody(stream, { maxBytes: 1000, status: 200, length: 1001 })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    expect(state.pulls).toBeLessThanOrEqual(1);
    expect(state.cancelled).toBe(true);
  });

  it("reads a body of exactly the cap, in several chunks, into one array", async () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5])];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    expect(await readBody(stream, { maxBytes: 5, status: 200 })).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it("reads an async iterable (a Node stream) the same way, and stops it past the cap", async () => {
    let returned = false;
    const iterable = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false as const, value: new Uint8Array(400) }),
        return: async () => {
          returned = true;
          return { done: true as const, value: undefined };
        },
      }),
    };
    await expect(readBody(iterable, { maxBytes: 1000, status: 200 })).rejects.toBeInstanceOf(InvalidResponseError);
    expect(returned).toBe(true);
  });

  it("caps what the global fetch reads from a server that never ends its body", async () => {
    let written = 0;
    const { url, seen } = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const write = () => {
        while (response.write(Buffer.alloc(16 * 1024, 0x20))) written += 16 * 1024;
        response.once("drain", write);
      };
      write();
    });
    const error = await rejectionOf(createFetchAdapter()(request(`${url}/voices`, { maxResponseBytes: 64 * 1024 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    // Reading stopped: the server could not push more than socket buffers hold.
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(seen).toHaveLength(1);
  });

  it("caps the decoded bytes of a gzip body whose small Content-Length is within the cap", async () => {
    const packed = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    const { url } = await serve((_, response) => {
      response.writeHead(200, { "content-encoding": "gzip", "content-length": String(packed.length) }).end(packed);
    });
    const error = await rejectionOf(createFetchAdapter()(request(`${url}/voices`, { maxResponseBytes: 64 * 1024 })));
    expect(packed.length).toBeLessThan(64 * 1024);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it("reads a body of a declared length within the cap whole, and one over it not at all", async () => {
    const text = "x".repeat(3000);
    const { url } = await serve((_, response) => {
      response.writeHead(200, { "content-length": "3000" }).end(text);
    });
    const answer = await createFetchAdapter()(request(`${url}/voices`, { maxResponseBytes: 3000 }));
    expect(new TextDecoder().decode(answer.body)).toBe(text);
    const error = await rejectionOf(createFetchAdapter()(request(`${url}/voices`, { maxResponseBytes: 2999 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
  });
});

describe("redirects", () => {
  it("are never followed: a 302 comes back with its Location, and the target sees nothing", async () => {
    const { url, seen } = await serve((incoming, response) => {
      if (incoming.url === "/voices") response.writeHead(302, { location: "/elsewhere" }).end();
      else response.end("{}");
    });
    const answer = await createFetchAdapter()(request(`${url}/voices`));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/elsewhere");
    expect(seen.map((r) => r.url)).toEqual(["/voices"]);
  });

  it("a browser's opaqueredirect (its target hidden) is an InvalidResponseError, not a success", async () => {
    const opaque = { type: "opaqueredirect", status: 0, headers: new Headers(), body: null } as unknown as Response;
    const error = await rejectionOf(createFetchAdapter(async () => opaque)(request("https://api.test/v1/voices")));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/GET \/v1\/voices was redirected.*Set baseUrl/);
  });
});

describe("sending", () => {
  it("calls the global fetch with the URL, headers and method, and returns status, headers and bytes", async () => {
    const { url, seen } = await serve((_, response) => {
      response.writeHead(201, { "x-answer": "yes" }).end("hello");
    });
    const answer = await createFetchAdapter()(request(`${url}/voices/a%2Fb?limit=2`, { method: "DELETE" }));
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-answer")).toBe("yes");
    expect(new TextDecoder().decode(answer.body)).toBe("hello");
    expect(seen).toEqual([
      expect.objectContaining({
        method: "DELETE",
        url: "/voices/a%2Fb?limit=2",
        headers: expect.objectContaining({ authorization: "k" }),
      }),
    ]);
  });

  it("hands a passed-in fetch a Request and the signal in its init", async () => {
    const seen: [Request, RequestInit | undefined][] = [];
    const adapter = createFetchAdapter(async (input, init) => {
      seen.push([input, init]);
      return new Response("{}");
    });
    const signal = new AbortController().signal;
    await adapter(request("https://api.test/v1/voices", { signal }));
    expect(seen[0]?.[0]).toBeInstanceOf(Request);
    expect(seen[0]?.[0].redirect).toBe("manual");
    expect(seen[0]?.[1]?.signal).toBe(signal);
  });

  it("encodes a multipart description as FormData, in order, each file with its name and type", async () => {
    let form: FormData | undefined;
    const adapter = createFetchAdapter(async (input) => {
      form = await input.formData();
      return new Response("{}");
    });
    const file = wavFile("x.wav", 100);
    const body: MultipartBody = {
      parts: [
        { name: "display_name", value: "Me" },
        { name: "file", filename: "clean.wav", type: "audio/wav", data: file },
      ],
    };
    const progress: [number, number][] = [];
    await adapter(
      request("https://api.test/v1/voices", {
        method: "POST",
        body,
        onUploadProgress: (sent, total) => progress.push([sent, total]),
      }),
    );
    expect([...form!.keys()]).toEqual(["display_name", "file"]);
    const sent = form!.get("file") as File;
    expect(sent.name).toBe("clean.wav");
    expect(sent.type).toBe("audio/wav");
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(new Uint8Array(await file.arrayBuffer()));
    // Fetch cannot see bytes leave: the start and the end, over the parts' own sizes.
    expect(progress).toEqual([
      [0, 102],
      [102, 102],
    ]);
  });

  it("rejects with the signal's reason when it aborts while the body streams", async () => {
    const controller = new AbortController();
    const { url } = await serve((_, response) => {
      response.writeHead(200);
      // The body has begun and never ends; the caller gives up.
      response.write("{", () => controller.abort(new Error("stop")));
    });
    const pending = createFetchAdapter()(request(`${url}/voices`, { signal: controller.signal }));
    expect(await rejectionOf(pending)).toEqual(new Error("stop"));
  });

  it("passes an SDK error from the fetch on as it is", async () => {
    const thrown = new ValidationError("path", "the file changed while it was read");
    const error = await rejectionOf(
      createFetchAdapter(async () => {
        throw thrown;
      })(request("https://api.test/v1/voices")),
    );
    expect(error).toBe(thrown);
  });
});
