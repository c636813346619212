// The server's memory and disk: uploads go to a temporary folder, not memory, and a cut-off upload
// leaves nothing behind. The server runs in a child process, so its own RSS is what is measured.
import { type ChildProcess, fork } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeWav, writeWav } from "../src/index.js";

const MiB = 1024 * 1024;
let dir: string;
let child: ChildProcess;
let url: string;
/** The TMPDIR of the child: its upload folder is the one folder in it. */
let temp: string;

/** The next message from the child that has `key`. */
function next<T>(key: string): Promise<T> {
  return new Promise((done) => {
    const on = (message: Record<string, unknown>) => {
      if (key in message) {
        child.off("message", on);
        done(message[key] as T);
      }
    };
    child.on("message", on);
  });
}

const rss = async () => {
  const answer = next<number>("rss");
  child.send("rss");
  return answer;
};

/** Every file under the child's TMPDIR, with its size. */
async function uploads(): Promise<{ name: string; size: number }[]> {
  const found: { name: string; size: number }[] = [];
  for (const folder of await readdir(temp)) {
    for (const name of await readdir(join(temp, folder)).catch(() => [])) {
      found.push({ name: `${folder}/${name}`, size: (await stat(join(temp, folder, name))).size });
    }
  }
  return found;
}

/** POSTs a multipart clone whose file part streams from `path` (or is `cut` short after that many bytes). */
function postClone(path: string, options: { cut?: number; declared?: number } = {}) {
  const boundary = "----fake-memory-test";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise<{ status: number; body: string } | "cut">((done, reject) => {
    const sent = request(`${url}/voices`, {
      method: "POST",
      headers: { authorization: "test-key", "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    sent.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    });
    sent.on("error", (error) => (options.cut !== undefined ? done("cut") : reject(error)));
    sent.write(head);
    const file = createReadStream(path, options.cut === undefined ? {} : { end: options.cut - 1 });
    file.pipe(sent, { end: false });
    file.on("end", async () => {
      if (options.cut === undefined) {
        sent.end(tail);
        return;
      }
      // Cut off mid-file, once the server has some of it on disk.
      await vi.waitFor(async () => expect((await uploads()).some((upload) => upload.size > 0)).toBe(true), {
        timeout: 20_000,
        interval: 50,
      });
      sent.destroy();
      done("cut");
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "noiz-testing-memory-"));
  temp = join(dir, "tmp");
  await mkdir(temp);
  const pkg = resolve(import.meta.dirname, "..");
  await build({
    entryPoints: [join(pkg, "test/helpers/server-child.ts")],
    outfile: join(dir, "server-child.mjs"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // busboy is CommonJS: give the bundle a require.
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
    logLevel: "error",
  });
  child = fork(join(dir, "server-child.mjs"), [], { env: { ...process.env, TMPDIR: temp }, stdio: "inherit" });
  url = await next<string>("url");
}, 60_000);

afterAll(async () => {
  if (child?.connected) child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe("the fake server's uploads", () => {
  it("a 200 MiB clone grows the server's RSS by at most 64 MiB, and its sample is the upload, from disk", {
    timeout: 120_000,
  }, async () => {
    const small = join(dir, "small.wav");
    await writeWav(small, { seconds: 2 });
    const warm = await postClone(small);
    expect(warm).toMatchObject({ status: 200 });
    const before = await rss();

    const big = join(dir, "big.wav");
    const size = await writeWav(big, { seconds: (200 * MiB) / 32_000 });
    expect(size).toBeGreaterThanOrEqual(200 * MiB);
    const cloned = await postClone(big);
    expect(cloned).toMatchObject({ status: 200 });
    const voice = JSON.parse((cloned as { body: string }).body).data as { voice_id: string; duration: number };
    expect(voice.duration).toBeCloseTo((200 * MiB) / 32_000, 2);
    const after = await rss();
    expect((after - before) / MiB).toBeLessThanOrEqual(64);

    // The upload is on disk, whole, as the voice's sample.
    expect((await uploads()).map((upload) => upload.size)).toContain(size);
    const sample = await fetch(`${url}/__fake/samples/${voice.voice_id}.wav`, { method: "HEAD" });
    expect(sample.headers.get("content-length")).toBe(String(size));
  });

  it("an upload cut off mid-file leaves no file behind; one the fake does not keep is removed once answered", {
    timeout: 60_000,
  }, async () => {
    const kept = (await uploads()).map((upload) => upload.name);
    const big = join(dir, "big.wav");
    expect(await postClone(big, { cut: 20 * MiB })).toBe("cut");
    await vi.waitFor(async () => expect((await uploads()).map((upload) => upload.name)).toEqual(kept), {
      timeout: 20_000,
      interval: 50,
    });

    // Not audio: the fake answers 400 and keeps nothing of it.
    const text = join(dir, "not-audio.txt");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(text, "not audio at all");
    expect(await postClone(text)).toMatchObject({ status: 400 });
    expect((await uploads()).map((upload) => upload.name)).toEqual(kept);
  });

  it("close() removes the upload folder", async () => {
    expect((await readdir(temp)).length).toBe(1);
    const closed = next<boolean>("closed");
    child.send("close");
    expect(await closed).toBe(true);
    expect(await readdir(temp)).toEqual([]);
  });
});

describe("writeWav", () => {
  it("writes the bytes makeWav makes, block by block, at any length and rate", async () => {
    const path = join(dir, "w.wav");
    // 300 s at 16 kHz crosses the blocks writeWav writes (131 s each).
    for (const options of [{ seconds: 0.01 }, { seconds: 1.5, sampleRate: 8000 }, { seconds: 300 }]) {
      const size = await writeWav(path, options);
      const { readFile } = await import("node:fs/promises");
      const written = await readFile(path);
      expect(written.byteLength).toBe(size);
      expect(written.equals(makeWav(options))).toBe(true);
    }
  });
});
