// Shared test helpers: audio headers of each format, and temporary directories.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

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
