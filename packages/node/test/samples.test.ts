// downloadVoiceSample: all or nothing on disk, never the key, and clear errors.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import type { IncomingHttpHeaders, RequestListener } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import {
  AbortError,
  ConnectionError,
  createVoicesClient,
  InvalidResponseError,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError,
  type Voice,
} from "@noiz-voices/client";
import { makeWav } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";
import { describe, expect, it } from "vitest";
import { downloadVoiceSample } from "../src/index.js";
import { audio, serve as serveAt, tempDir } from "./helpers.js";

const serve = async (handler: RequestListener) => (await serveAt(handler)).url;

const voiceAt = (sample: string | undefined): Voice => ({
  voice_id: "v1",
  display_name: "V",
  voice_type: "custom",
  ...(sample === undefined ? {} : { sample }),
});

const sample = audio.wav(200_000);

describe("downloadVoiceSample", () => {
  it("writes the whole sample, leaves no temporary file, and sends no Authorization", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const url = await serve((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { "content-type": "audio/wav", "content-length": sample.length }).end(sample);
    });
    const dir = await tempDir();
    const progress: number[] = [];
    const saved = await downloadVoiceSample(voiceAt(`${url}/s/v1.wav`), join(dir, "v1.wav"), {
      onProgress: (received, total) => {
        expect(total).toBe(sample.length);
        progress.push(received);
      },
    });
    expect(saved).toEqual({ path: join(dir, "v1.wav"), bytes: sample.length, contentType: "audio/wav" });
    expect((await readFile(join(dir, "v1.wav"))).equals(sample)).toBe(true);
    expect(await readdir(dir)).toEqual(["v1.wav"]);
    expect(progress.at(-1)).toBe(sample.length);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("cut mid-body: no file and no temporary file; an existing file is left as it was", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "audio/wav", "content-length": sample.length });
      response.write(sample.subarray(0, 50_000), () => response.socket?.destroy());
    });
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt(`${url}/cut.wav`), join(dir, "new.wav")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(await readdir(dir)).toEqual([]);

    await writeFile(join(dir, "old.wav"), "previous download");
    await expect(downloadVoiceSample(voiceAt(`${url}/cut.wav`), join(dir, "old.wav"))).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(await readdir(dir)).toEqual(["old.wav"]);
    expect(await readFile(join(dir, "old.wav"), "utf8")).toBe("previous download");
  });

  it("a stalled body times out and leaves nothing behind", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": sample.length });
      response.write(sample.subarray(0, 1000)); // and never more
    });
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt(`${url}/slow.wav`), join(dir, "slow.wav"), {
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("an abort stops the download and leaves nothing behind", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": sample.length });
      response.write(sample.subarray(0, 1000));
    });
    const dir = await tempDir();
    const controller = new AbortController();
    const pending = downloadVoiceSample(voiceAt(`${url}/a.wav`), join(dir, "a.wav"), {
      signal: controller.signal,
      onProgress: (received) => {
        if (received > 0) controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    [404, NotFoundError],
    [503, ServerError],
  ] as const)("HTTP %i from the sample host is a %s and writes nothing", async (status, ErrorClass) => {
    const url = await serve((_request, response) => response.writeHead(status).end("<html>no</html>"));
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt(`${url}/x.wav`), join(dir, "x.wav")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
    expect(await readdir(dir)).toEqual([]);
  });

  it("a file host's error speaks of the file, never of the API's envelope, and names the operation", async () => {
    const url = await serve((_request, response) => response.writeHead(404).end("<html>Not Found</html>"));
    const error = (await downloadVoiceSample(voiceAt(`${url}/x.wav`), join(await tempDir(), "x.wav")).catch(
      (e: unknown) => e,
    )) as NotFoundError;
    expect(error.message).toMatch(/sample .*HTTP 404.* no longer there/);
    expect(error.message).not.toMatch(/envelope|code \d|baseUrl|voice_id/);
    expect(error.operation).toBe("downloadVoiceSample");
  });

  it.each([
    [
      "a captive portal's sign-in page",
      { "content-type": "text/html" },
      Buffer.from("<html>Sign in to the Wi-Fi</html>"),
    ],
    ["audio labelled as audio that is not audio", { "content-type": "audio/wav" }, Buffer.from("definitely not RIFF")],
    ["an HTML page labelled audio", { "content-type": "text/html; charset=utf-8" }, sample],
  ])("HTTP 200 with %s is an InvalidResponseError, and no file is written", async (_, headers, body) => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.writeHead(200, headers).end(body);
    });
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt(`${url}/x.wav`), join(dir, "x.wav")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(await readdir(dir)).toEqual([]);
    // Not retried: the host answered, with the wrong thing.
    expect(requests).toBe(1);
  });

  it("follows a redirect like an API call, and a hop to another origin carries nothing but Accept", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const cdn = await serve((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { "content-type": "audio/wav" }).end(sample);
    });
    const host = await serve((_request, response) => response.writeHead(302, { location: `${cdn}/real.wav` }).end());
    const dir = await tempDir();
    const withCredentials = host.replace("http://", "http://reader:pa55@");
    const saved = await downloadVoiceSample(voiceAt(`${withCredentials}/x.wav`), join(dir, "x.wav"));
    expect(saved.bytes).toBe(sample.length);
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("an unreachable host is a ConnectionError that names no client setting (a sample has no baseUrl)", async () => {
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt("http://127.0.0.1:9/x.wav"), join(dir, "x.wav")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ operation: "downloadVoiceSample", setting: undefined, hint: "Check the network." });
    expect((error as Error).message).not.toContain("baseUrl");
    expect(await readdir(dir)).toEqual([]);
  });

  it("a redirect the rules refuse names no client setting either", async () => {
    const host = await serve((_request, response) =>
      response.writeHead(302, { location: "ftp://files.test/x.wav" }).end(),
    );
    const error = await downloadVoiceSample(voiceAt(`${host}/x.wav`), join(await tempDir(), "x.wav")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ operation: "downloadVoiceSample", setting: undefined });
    expect((error as Error).message).not.toContain("baseUrl");
  });

  it.each([
    ["options", "fast"],
    ["signal", "abort"],
    ["signal", { aborted: false, addEventListener() {} }],
    ["onProgress", 5],
  ])(
    "rejects the option %s %o before any request (a bad onProgress was retried as a network failure)",
    async (field, value) => {
      let requests = 0;
      const url = await serve((_request, response) => {
        requests++;
        response.writeHead(200, { "content-type": "audio/wav" }).end(sample);
      });
      const options = (field === "options" ? value : { [field]: value }) as never;
      const error = await downloadVoiceSample(voiceAt(`${url}/a.wav`), join(await tempDir(), "a.wav"), options).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field, operation: "downloadVoiceSample" });
      expect(requests).toBe(0);
    },
  );

  it("takes null options as none", async () => {
    const url = await serve((_request, response) =>
      response.writeHead(200, { "content-type": "audio/wav" }).end(sample),
    );
    const saved = await downloadVoiceSample(voiceAt(`${url}/a.wav`), join(await tempDir(), "a.wav"), null as never);
    expect(saved.bytes).toBe(sample.length);
  });

  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
    ["deflate", deflateSync],
  ] as const)(
    "decodes Content-Encoding: %s, with the wire's Content-Length (as CDNs send it)",
    async (coding, encode) => {
      const wire = encode(sample);
      let requests = 0;
      const url = await serve((_request, response) => {
        requests++;
        response.writeHead(200, { "content-encoding": coding, "content-length": wire.length }).end(wire);
      });
      const dir = await tempDir();
      const saved = await downloadVoiceSample(voiceAt(`${url}/s.wav`), join(dir, "s.wav"));
      expect(saved.bytes).toBe(sample.length);
      expect((await readFile(join(dir, "s.wav"))).equals(sample)).toBe(true);
      expect(requests).toBe(1);
    },
  );

  it("an endless body stops at maxBytes: InvalidResponseError, nothing left on disk", async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.writeHead(200, { "content-type": "audio/wav", "x-request-id": "cdn-1" });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {}
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    });
    const dir = await tempDir();
    let written = 0;
    const error = await downloadVoiceSample(voiceAt(`${url}/endless.wav`), join(dir, "e.wav"), {
      maxBytes: 1024 * 1024,
      onProgress: (received) => {
        written = received;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("larger than maxBytes (1048576 bytes)");
    // An answer arrived: its status and request id stay on the error.
    expect(error).toMatchObject({ status: 200, requestId: "cdn-1", operation: "downloadVoiceSample" });
    expect(written).toBeLessThanOrEqual(1024 * 1024);
    expect(await readdir(dir)).toEqual([]);
    expect(requests).toBe(1);
  });

  it("a gzip bomb stops at maxBytes of decoded bytes", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // ~64 KiB on the wire, 64 MiB decoded
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length }).end(bomb);
    });
    const dir = await tempDir();
    let written = 0;
    const error = await downloadVoiceSample(voiceAt(`${url}/bomb.wav`), join(dir, "b.wav"), {
      maxBytes: 4 * 1024 * 1024,
      onProgress: (received) => {
        written = received;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(written).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(await readdir(dir)).toEqual([]);
    expect(requests).toBe(1);
  });

  it("a declared Content-Length over maxBytes fails before writing anything", async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.writeHead(200, { "content-length": sample.length }).end(sample);
    });
    const dir = await tempDir();
    const error = await downloadVoiceSample(voiceAt(`${url}/big.wav`), join(dir, "big.wav"), { maxBytes: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(await readdir(dir)).toEqual([]);
    expect(requests).toBe(1);
  });

  it("sends a URL's user:pass@ as Basic auth and never quotes them in a message", async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((request, response) => {
      seen.push(request.headers.authorization);
      if (request.url === "/ok.wav") response.end(sample);
      else if (request.url === "/cut.wav")
        response.writeHead(200, { "content-length": 10_000 }).write("RIFF", () => response.socket?.destroy());
      else response.writeHead(500).end("down");
    });
    const withCredentials = url.replace("http://", "http://reader:s3cr3t-pa55@");
    const dir = await tempDir();
    const saved = await downloadVoiceSample(voiceAt(`${withCredentials}/ok.wav`), join(dir, "ok.wav"));
    expect(saved.bytes).toBe(sample.length);
    expect(seen[0]).toBe(`Basic ${Buffer.from("reader:s3cr3t-pa55").toString("base64")}`);

    const failures = [
      await downloadVoiceSample(voiceAt(`${withCredentials}/down.wav`), join(dir, "x.wav")).catch((e: unknown) => e),
      await downloadVoiceSample(voiceAt(`${withCredentials}/cut.wav`), join(dir, "x.wav")).catch((e: unknown) => e),
      await downloadVoiceSample(voiceAt("http://reader:s3cr3t-pa55@127.0.0.1:9/x.wav"), join(dir, "x.wav")).catch(
        (e: unknown) => e,
      ),
      await downloadVoiceSample(voiceAt("http://reader:s3cr3t-pa55@[::1/x.wav"), join(dir, "x.wav")).catch(
        (e: unknown) => e,
      ),
    ];
    expect(failures.map((e) => e?.constructor)).toEqual([
      ServerError,
      ConnectionError,
      ConnectionError,
      ValidationError,
    ]);
    for (const error of failures) {
      let text = "";
      for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) text += `${String(e)} ${JSON.stringify(e)}`;
      expect(text).not.toContain("s3cr3t");
    }
    // The 500 and the cut body are retried like any GET: 1 + 3 + 3 requests, each with the URL's credentials.
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set([`Basic ${Buffer.from("reader:s3cr3t-pa55").toString("base64")}`]));
  });

  it.each([
    ["no sample", voiceAt(undefined), "sample", "has no sample URL"],
    ["an empty sample", voiceAt(""), "sample", "has no sample URL"],
    ["a sample that is not a URL", voiceAt("samples/v1.wav"), "sample", "not a URL"],
    ["a sample that is not http(s)", voiceAt("file:///etc/passwd"), "sample", "not http(s)"],
    ["not a voice", null, "voice", "must be a Voice"],
  ])("rejects %s before any request", async (_what, voice, field, text) => {
    const error = await downloadVoiceSample(voice as Voice, join(await tempDir(), "x.wav")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, operation: "downloadVoiceSample" });
    expect((error as Error).message).toContain(text);
  });

  it("rejects a destination that is a directory, or whose directory is missing", async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests++;
      response.end(sample);
    });
    const dir = await tempDir();
    await mkdir(join(dir, "folder"));
    await expect(downloadVoiceSample(voiceAt(`${url}/a.wav`), join(dir, "folder"))).rejects.toMatchObject({
      field: "destPath",
      message: expect.stringContaining("is a directory"),
    });
    await expect(downloadVoiceSample(voiceAt(`${url}/a.wav`), join(dir, "no", "a.wav"))).rejects.toMatchObject({
      field: "destPath",
      message: expect.stringContaining("does not exist"),
    });
    await expect(downloadVoiceSample(voiceAt(`${url}/a.wav`), "")).rejects.toBeInstanceOf(ValidationError);
    await expect(downloadVoiceSample(voiceAt(`${url}/a.wav`), "", { timeoutMs: -1 })).rejects.toMatchObject({
      operation: "downloadVoiceSample",
    });
    expect(requests).toBe(0);
  });

  it("downloads the sample of a voice the client got from the API (@noiz-voices/testing's fake server)", async () => {
    const server = await startFakeServer();
    try {
      const client = createVoicesClient({ apiKey: server.fake.apiKey, baseUrl: server.url });
      const wav = makeWav({ seconds: 2 });
      const { voice_id } = await client.voices.clone({ file: new Blob([wav]), display_name: "Mine" });
      const voice = await client.voices.get(voice_id);
      // The fake serves the sample itself, under its own origin.
      expect(new URL(voice.sample ?? "").origin).toBe(server.url);
      const saved = await downloadVoiceSample(voice, join(await tempDir(), "mine.wav"));
      expect(saved).toMatchObject({ bytes: wav.byteLength, contentType: "audio/wav" });
      expect((await readFile(saved.path)).equals(wav)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
