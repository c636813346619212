// A per-call `fetch` (RequestOptions.fetch) replaces the client's for that call only, behind the same transport.
import { describe, expect, it } from "vitest";
import { createVoicesClient, ValidationError } from "../src/index.js";

const envelope = (data: unknown) =>
  new Response(JSON.stringify({ code: 0, message: "success", data }), {
    headers: { "content-type": "application/json" },
  });

describe("RequestOptions.fetch", () => {
  it("sends that call through the given fetch, with the client's auth and base URL", async () => {
    const seen: string[] = [];
    const clientFetch = async (request: Request) => {
      seen.push(`client ${request.url}`);
      return envelope({ voice_id: "a", display_name: "A", voice_type: "custom" });
    };
    const callFetch = async (request: Request) => {
      seen.push(`call ${request.url} ${request.headers.get("authorization")}`);
      return envelope({ voice_id: "b", display_name: "B", voice_type: "custom" });
    };
    const client = createVoicesClient({ apiKey: "k-1", baseUrl: "http://127.0.0.1:9/v1", fetch: clientFetch });
    expect((await client.voices.get("b", { fetch: callFetch })).voice_id).toBe("b");
    expect((await client.voices.get("a")).voice_id).toBe("a");
    expect(seen).toEqual(["call http://127.0.0.1:9/v1/voices/b k-1", "client http://127.0.0.1:9/v1/voices/a"]);
  });

  it("rejects a fetch that is not a function before sending anything", async () => {
    const client = createVoicesClient({ apiKey: "k", fetch: async () => envelope({}) });
    const error = await client.voices.get("a", { fetch: "nope" as unknown as typeof fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: "fetch" });
  });
});
