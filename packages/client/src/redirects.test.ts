// Redirects, decided by the core (failure.ts) over the real fetch adapter and loopback servers: two
// ports are two origins. Each test counts what every server saw.
import { afterEach, describe, expect, it } from "vitest";
import { clientWith, ok, type Reply, rejectionOf, voice, wavFile } from "../test/fake-fetch.js";
import { closeAll, envelope, serve } from "../test/loopback.js";
import { createVoicesClient } from "./client.js";
import { InvalidResponseError } from "./errors.js";

afterEach(closeAll);

const KEY = "redirect-test-key";

/** A server that answers every request with `status` and a Location into `target`. */
const redirecting = (status: number, target: () => string) =>
  serve((_, response) => {
    response.writeHead(status, { location: target() }).end();
  });
/** A server that answers every request with `data` in a success envelope. */
const answering = (data: unknown) =>
  serve((request, response) => {
    request.resume();
    response.writeHead(200, { "content-type": "application/json" }).end(envelope(data));
  });

const client = (baseUrl: string, headers: Record<string, string> = {}) =>
  createVoicesClient({ apiKey: KEY, baseUrl, headers, maxRetries: 0 });

describe("a clone is never re-sent after a redirect", () => {
  it.each([301, 302, 303, 307, 308])(
    "HTTP %i to another origin: InvalidResponseError, and the other origin sees nothing",
    async (status) => {
      const other = await answering(voice("from-a-get"));
      const origin = await redirecting(status, () => `${other.url}/v1/voices`);
      const error = await rejectionOf(client(`${origin.url}/v1`).voices.clone({ file: wavFile(), display_name: "Me" }));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ status });
      expect((error as Error).message).toMatch(
        new RegExp(
          `POST /v1/voices was redirected \\(HTTP ${status} to ${other.url}\\).*never sent again.*Set baseUrl`,
        ),
      );
      expect(origin.seen).toHaveLength(1);
      expect(other.seen).toHaveLength(0);
    },
  );

  it("HTTP 307 on the same origin: not re-sent either", async () => {
    const origin = await serve((request, response) => {
      request.resume();
      if (request.url === "/v1/voices") response.writeHead(307, { location: "/v2/voices" }).end();
      else response.writeHead(200).end(envelope({ voice_id: "x" }));
    });
    const error = await rejectionOf(client(`${origin.url}/v1`).voices.clone({ voice_url: "https://a.test/a.wav" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(origin.seen.map((request) => request.url)).toEqual(["/v1/voices"]);
  });

  it("a 303 says the clone may have happened", async () => {
    const origin = await redirecting(303, () => "/v1/voices/new");
    const error = await rejectionOf(client(`${origin.url}/v1`).voices.clone({ voice_url: "https://a.test/a.wav" }));
    expect((error as Error).message).toMatch(/The outcome is unknown/);
  });

  it("client.raw's POST is not re-sent either", async () => {
    const other = await answering({ voice_id: "x" });
    const origin = await redirecting(307, () => `${other.url}/v1/voices`);
    const raw = client(`${origin.url}/v1`).raw;
    const error = await rejectionOf(raw.POST("/voices", { body: { voice_url: "https://a.test/a.wav" } as never }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(other.seen).toHaveLength(0);
  });
});

describe("GET and DELETE follow a few hops", () => {
  it("on the same origin, with the key and every header", async () => {
    const origin = await serve((request, response) => {
      if (request.url === "/old/voices/a") response.writeHead(301, { location: "/v1/voices/a" }).end();
      else response.writeHead(200).end(envelope(voice("a")));
    });
    const result = await client(`${origin.url}/old`, { "x-app": "demo" }).voices.get("a", {
      headers: { "x-call": "1" },
    });
    expect(result).toEqual(voice("a"));
    expect(origin.seen.map((request) => request.url)).toEqual(["/old/voices/a", "/v1/voices/a"]);
    expect(origin.seen[1]?.headers).toMatchObject({ authorization: KEY, "x-app": "demo", "x-call": "1" });
  });

  it("to another origin without the key or any client or call header: only Accept goes on", async () => {
    const other = await answering(voice("a"));
    const origin = await redirecting(302, () => `${other.url}/v1/voices/a`);
    const voices = client(`${origin.url}/v1`, { "X-Api-Secret": "s3cret" }).voices;
    expect(await voices.get("a", { headers: { "x-call": "1" } })).toEqual(voice("a"));
    expect(origin.seen[0]?.headers).toMatchObject({ authorization: KEY, "x-api-secret": "s3cret" });
    expect(other.seen).toHaveLength(1);
    const sent = other.seen[0]?.headers ?? {};
    expect(sent.accept).toBe("application/json");
    expect(sent.authorization).toBeUndefined();
    expect(sent["x-api-secret"]).toBeUndefined();
    expect(sent["x-call"]).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain(KEY);
  });

  it("a DELETE keeps its method on 307, and turns into GET on 303", async () => {
    const origin = await serve((request, response) => {
      if (request.url === "/v1/voices/a") response.writeHead(307, { location: "/v1/voices/b" }).end();
      else if (request.url === "/v1/voices/b") response.writeHead(303, { location: "/v1/voices/c" }).end();
      else response.writeHead(200).end(envelope({ voice_id: "c", display_name: "C", delete_time: 1 }));
    });
    await client(`${origin.url}/v1`).voices.delete("a");
    expect(origin.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      "DELETE /v1/voices/a",
      "DELETE /v1/voices/b",
      "GET /v1/voices/c",
    ]);
  });

  it("stops after 5 hops with an InvalidResponseError (a loop does not run forever)", async () => {
    const origin = await serve((request, response) => {
      response.writeHead(302, { location: request.url }).end();
    });
    const error = await rejectionOf(client(`${origin.url}/v1`).voices.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/more than 5 redirects/);
    expect(origin.seen).toHaveLength(6);
  });

  it("a redirect without a Location is an InvalidResponseError", async () => {
    const origin = await serve((_, response) => {
      response.writeHead(302).end();
    });
    const error = await rejectionOf(client(`${origin.url}/v1`).voices.get("a"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 302 });
    expect(origin.seen).toHaveLength(1);
  });
});

describe("redirects that are refused (scripted fetch)", () => {
  const redirect =
    (location: string, status = 302): Reply =>
    () =>
      new Response(null, { status, headers: { location } });

  it("https to http", async () => {
    const { client, fetch } = clientWith([redirect("http://voices.test/v1/voices/a"), ok(voice("a"))]);
    const error = await rejectionOf(client.voices.get("a"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/https to http/);
    expect(fetch.calls).toBe(1);
  });

  it("a target with credentials, without quoting them", async () => {
    const { client, fetch } = clientWith([redirect("https://user:hunter2@voices.test/v1/voices/a"), ok(voice("a"))]);
    const error = await rejectionOf(client.voices.get("a"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    // The message names the target's origin only (the Location itself stays in `headers`, as sent).
    expect((error as Error).message).toContain("https://voices.test");
    expect(String(error)).not.toContain("hunter2");
    expect(fetch.calls).toBe(1);
  });

  it.each(["file:///etc/passwd", "data:text/plain,hi", "javascript:alert(1)"])("a %s target", async (location) => {
    const { client, fetch } = clientWith([redirect(location), ok(voice("a"))]);
    const error = await rejectionOf(client.voices.get("a"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    // Such a target has no origin: the message names its scheme, not "null".
    expect((error as Error).message).toContain(`to ${new URL(location).protocol}`);
    expect((error as Error).message).not.toContain("null");
    expect(fetch.calls).toBe(1);
  });

  it("keeps the key out of the error when the Location echoes it", async () => {
    const { client } = clientWith([redirect("/v1/voices/a", 307), redirect("http://x.test/?k=test-key")]);
    const error = await rejectionOf(client.voices.get("a"));
    expect(JSON.stringify(error)).not.toContain("test-key");
    expect((error as Error).message).not.toContain("test-key");
  });
});
