// The clone body as one multipart description: what every adapter sends, built in one place.
import { describe, expect, it } from "vitest";
import { wavFile } from "../test/fake-fetch.js";
import type { MultipartFile } from "./adapter.js";
import { cloneBody } from "./clone.js";

const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0]);

describe("cloneBody", () => {
  it("lists the text fields in the spec's order, then the file", async () => {
    const file = wavFile("me.wav");
    const body = await cloneBody({
      language: "en",
      file,
      denoise: false,
      display_name: "Me",
      voice_url: "https://a.test/x.wav",
    });
    expect(body.parts.map((part) => part.name)).toEqual(["voice_url", "display_name", "denoise", "language", "file"]);
    expect(body.parts.slice(0, 4)).toEqual([
      { name: "voice_url", value: "https://a.test/x.wav" },
      { name: "display_name", value: "Me" },
      { name: "denoise", value: "false" },
      { name: "language", value: "en" },
    ]);
    // The caller's Blob itself, not a copy: a file-backed Blob stays on disk until an adapter reads it.
    expect((body.parts[4] as MultipartFile).data).toBe(file);
  });

  it("has no file part for a clone from voice_url", async () => {
    const body = await cloneBody({ voice_url: "https://a.test/x.wav" });
    expect(body.parts).toEqual([{ name: "voice_url", value: "https://a.test/x.wav" }]);
  });

  it("takes the type from the bytes, not from the name or the Blob's type", async () => {
    const body = await cloneBody({ file: new File([MP3], "voice.wav", { type: "audio/wav" }) });
    expect(body.parts[0]).toMatchObject({ name: "file", filename: "voice.wav", type: "audio/mpeg" });
  });

  it.each([
    ["a\\b.wav", "b.wav"],
    ["dir/sub/c.wav", "c.wav"],
    ['quote".wav', "quote_.wav"],
    ["line\r\nbreak.wav", "line__break.wav"],
    ["..", "audio.wav"],
    ["", "audio.wav"],
  ])("cleans the file name %j to %j", async (name, expected) => {
    const body = await cloneBody({ file: wavFile(name) });
    expect((body.parts[0] as MultipartFile).filename).toBe(expected);
  });

  it("names a nameless Blob after its detected type", async () => {
    const body = await cloneBody({ file: new Blob([MP3]) });
    expect(body.parts[0]).toMatchObject({ filename: "audio.mp3", type: "audio/mpeg" });
  });
});
