// The real client against Prism serving the spec: every call it makes is checked against the contract.
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createVoicesClient,
  NotFoundError,
  RateLimitError,
  type VoicesClient,
} from "../src/index.js";

const prefer = (value: string) => ({ headers: { Prefer: value } });
const wav = () => {
  const bytes = new Uint8Array(64);
  bytes.set([0x52, 0x49, 0x46, 0x46], 0);
  bytes.set([0x57, 0x41, 0x56, 0x45], 8);
  return new File([bytes], "sample.wav");
};

let client: VoicesClient;
beforeAll(() => {
  client = createVoicesClient({ apiKey: "contract-test-key", baseUrl: inject("mockUrl"), maxRetries: 0 });
});

describe("listVoices", () => {
  it("returns the page's data", async () => {
    const page = await client.voices.list({ voice_type: "custom", keyword: "warm", skip: 0, limit: 10 });
    expect(page.total_count).toBe(2);
    expect(page.voices.map((v) => v.voice_id)).toEqual(["abc123def456", "fed654cba321"]);
  });

  it("serves the named examples", async () => {
    expect(await client.voices.list({}, prefer("example=emptyList"))).toEqual({ total_count: 0, voices: [] });
    const builtIn = await client.voices.list({ voice_type: "built-in" }, prefer("example=builtInVoices"));
    expect(builtIn.voices[0]?.voice_type).toBe("built-in");
  });

  it.each([
    ["code=400", BadRequestError, 400],
    ["code=401", AuthenticationError, 401],
    ["code=429", RateLimitError, 429],
  ] as const)("maps %s to its error class", async (preference, ErrorClass, status) => {
    const error = await client.voices.list({}, prefer(preference)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
  });
});

describe("getVoice", () => {
  it("returns the voice", async () => {
    const voice = await client.voices.get("abc123def456");
    expect(voice).toMatchObject({ voice_id: "abc123def456", display_name: "My Custom Voice", voice_type: "custom" });
  });

  it("maps 404 to NotFoundError with the envelope", async () => {
    const error = await client.voices.get("missing", prefer("code=404")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 40400, body: { message: "voice not found" } });
  });
});

describe("cloneVoice", () => {
  it("uploads a file as multipart", async () => {
    const cloned = await client.voices.clone({ file: wav(), display_name: "Mine", denoise: true, language: "en" });
    expect(cloned.voice_id).toBe("abc123def456");
  });

  it("clones from a URL", async () => {
    const cloned = await client.voices.clone({ voice_url: "https://example.com/a.wav" });
    expect(cloned.voice_id).toBe("abc123def456");
  });
});

describe("deleteVoice", () => {
  it("returns the deleted voice", async () => {
    expect(await client.voices.delete("abc123def456")).toEqual({
      voice_id: "abc123def456",
      display_name: "My Custom Voice",
      delete_time: 1738664823,
    });
  });
});

describe("auth", () => {
  it("Prism rejects a request with no key: the client always sends one", async () => {
    const response = await fetch(`${inject("mockUrl")}/voices`);
    expect(response.status).toBe(401);
  });
});

describe("client.raw", () => {
  it("is the typed openapi-fetch client on the same transport; data is the whole envelope", async () => {
    const { data } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "abc123def456" } } });
    expect(data?.code).toBe(0);
    expect(data?.data.voice_id).toBe("abc123def456");
  });

  it("throws the same typed errors", async () => {
    const error = await client.raw
      .GET("/voices/{voice_id}", { params: { path: { voice_id: "x" } }, headers: { Prefer: "code=404" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("runs middleware registered before it loads", async () => {
    const seen: string[] = [];
    const middleware = {
      onRequest({ request }: { request: Request }) {
        seen.push(new URL(request.url).pathname);
      },
    };
    client.raw.use(middleware);
    await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
    client.raw.eject(middleware);
    await client.raw.GET("/voices");
    expect(seen).toEqual(["/voices"]);
  });
});
