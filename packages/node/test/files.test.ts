// fileFromPath against real files on disk: each format, and each bad case.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ValidationError } from "@noiz-voices/client";
import { describe, expect, it } from "vitest";
import { fileFromPath } from "../src/index.js";
import { audio, tempDir } from "./helpers.js";

async function write(name: string, content: Buffer | string): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, content);
  return path;
}

async function rejection(path: unknown): Promise<ValidationError> {
  const error = await fileFromPath(path as string).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("fileFromPath", () => {
  it.each([
    ["voice.wav", audio.wav(), "audio/wav"],
    ["voice.mp3", audio.mp3WithId3(), "audio/mpeg"],
    ["frames.mp3", audio.mp3Frame(), "audio/mpeg"],
    ["voice.m4a", audio.m4a(), "audio/mp4"],
  ])("opens %s as %s, the same bytes, lazily", async (name, content, type) => {
    const path = await write(name, content);
    const file = await fileFromPath(path);
    expect(file).toBeInstanceOf(File);
    expect(file.type).toBe(type);
    expect(file.name).toBe(name);
    expect(file.size).toBe(content.length);
    expect(Buffer.from(await file.arrayBuffer()).equals(content)).toBe(true);
  });

  it("trusts the bytes over a misleading extension, and names the upload after its real format", async () => {
    const wavCalledMp3 = await fileFromPath(await write("voice.mp3", audio.wav()));
    expect(wavCalledMp3.type).toBe("audio/wav");
    expect(wavCalledMp3.name).toBe("voice.wav");
    const mp3WithoutExtension = await fileFromPath(await write("recording", audio.mp3Frame()));
    expect(mp3WithoutExtension).toMatchObject({ type: "audio/mpeg", name: "recording.mp3" });
  });

  it("accepts a file: URL", async () => {
    const path = await write("voice.wav", audio.wav());
    expect((await fileFromPath(pathToFileURL(path))).type).toBe("audio/wav");
  });

  it("rejects a missing file, naming the path and what is allowed", async () => {
    const path = join(await tempDir(), "nope.wav");
    const error = await rejection(path);
    expect(error.field).toBe("path");
    expect(error.message).toContain(path);
    expect(error.message).toContain("no such file");
    expect(error.message).toContain("WAV, MP3 or M4A");
  });

  it("rejects a directory", async () => {
    const dir = join(await tempDir(), "voices.wav");
    await mkdir(dir);
    const error = await rejection(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toContain("is a directory");
  });

  it("rejects an empty file", async () => {
    const path = await write("empty.wav", Buffer.alloc(0));
    const error = await rejection(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain("is empty");
  });

  it.each([
    ["notes.txt", "just some text, not audio"],
    ["image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
    ["tiny.wav", "RIF"],
  ])("rejects another format (%s)", async (name, content) => {
    const path = await write(name, content);
    const error = await rejection(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain("is not a WAV, MP3 or M4A audio file");
  });

  it("rejects text behind an audio extension, and says the name is misleading", async () => {
    const path = await write("fake.wav", "this is not a wave file at all");
    const error = await rejection(path);
    expect(error.message).toContain("Its name says WAV, but its content is not.");
  });

  it.each([[""], [42], [undefined], [new URL("https://example.com/a.wav")]])("rejects %s as a path", async (path) => {
    const error = await rejection(path);
    expect(error.field).toBe("path");
  });
});
