// The public types: what the helpers accept and return.
import type { ClonedVoice, Voice, VoicesClient } from "@noiz-voices/client";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CloneFields,
  cloneVoiceFromFile,
  createVoicesClient,
  type DownloadedSample,
  downloadVoiceSample,
  fileFromPath,
  type NodeVoicesClientOptions,
} from "../src/index.js";

declare const client: VoicesClient;
declare const voice: Voice;

describe("types", () => {
  it("createVoicesClient takes the core's options plus connections and gives the same VoicesClient", () => {
    expectTypeOf(createVoicesClient({ apiKey: "k", connections: 8, timeoutMs: 1000 })).toEqualTypeOf<VoicesClient>();
    expectTypeOf(createVoicesClient()).toEqualTypeOf<VoicesClient>();
    expectTypeOf<NodeVoicesClientOptions["connections"]>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error connections is a number
    createVoicesClient({ connections: "8" });
  });

  it("clone on the Node client takes fileFromPath's File and onUploadProgress", async () => {
    const node = createVoicesClient();
    expectTypeOf(
      node.voices.clone({ file: await fileFromPath("a.wav") }, { onUploadProgress: (sent, total) => sent / total }),
    ).resolves.toEqualTypeOf<ClonedVoice>();
  });

  it("fileFromPath gives a File", () => {
    expectTypeOf(fileFromPath("a.wav")).toEqualTypeOf<Promise<File>>();
    expectTypeOf(fileFromPath(new URL("file:///a.wav"))).toEqualTypeOf<Promise<File>>();
    // @ts-expect-error a path is a string or URL
    fileFromPath(42);
  });

  it("cloneVoiceFromFile takes the spec's fields and gives the spec's ClonedVoice", () => {
    expectTypeOf(
      cloneVoiceFromFile(client, "a.wav", { display_name: "A", denoise: true, language: "en" }),
    ).toEqualTypeOf<Promise<ClonedVoice>>();
    expectTypeOf<CloneFields>().toEqualTypeOf<{ display_name?: string; denoise?: boolean; language?: string }>();
    // @ts-expect-error denoise is a boolean
    cloneVoiceFromFile(client, "a.wav", { denoise: "yes" });
    // @ts-expect-error the file comes from the path, not the fields
    cloneVoiceFromFile(client, "a.wav", { file: new Blob([]) });
    cloneVoiceFromFile(
      client,
      "a.wav",
      {},
      { timeoutMs: 600_000, onUploadProgress: (sent: number, total: number) => sent / total },
    );
    // @ts-expect-error upload progress has one name: onUploadProgress
    cloneVoiceFromFile(client, "a.wav", {}, { onProgress: () => {} });
  });

  it("downloadVoiceSample takes a voice and a path", () => {
    expectTypeOf(downloadVoiceSample(voice, "a.wav")).toEqualTypeOf<Promise<DownloadedSample>>();
    expectTypeOf(downloadVoiceSample(voice, "a.wav", { maxBytes: 1024 })).toEqualTypeOf<Promise<DownloadedSample>>();
    expectTypeOf<DownloadedSample>().toEqualTypeOf<{ path: string; bytes: number; contentType: string | undefined }>();
    // @ts-expect-error a destination path is required
    downloadVoiceSample(voice);
    // @ts-expect-error not a voice
    downloadVoiceSample({ id: 1 }, "a.wav");
  });
});
