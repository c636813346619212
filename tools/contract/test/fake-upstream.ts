// A stand-in for the service on 127.0.0.1: the four operations under /v1, answering as the spec
// says, or (broken) with one response that breaks it: GET /voices/{id} without `voice_id` and
// with `create_time` as a string.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUpstream {
  /** Base URL to hand to the contract check, such as `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Every request line it served, such as `POST /v1/voices`. */
  requests: string[];
  close(): Promise<void>;
}

const voice = {
  id: 7,
  voice_id: "up-voice-1",
  display_name: "Upstream voice",
  voice_type: "custom",
  labels: "calm",
  sample: "https://cdn.noiz.ai/samples/up-voice-1.wav",
  meta: { text: "Hello." },
  url: "https://cdn.noiz.ai/voices/up-voice-1.wav",
  create_time: 1738664000,
};

export async function startFakeUpstream({
  apiKey,
  broken,
}: {
  apiKey: string;
  broken: boolean;
}): Promise<FakeUpstream> {
  const requests: string[] = [];
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    for await (const _ of request) {
      // drain the body (the multipart upload of a clone)
    }
    const url = new URL(request.url ?? "/", "http://upstream");
    requests.push(`${request.method} ${url.pathname}`);
    if (request.headers.authorization !== apiKey) {
      return send(response, 401, { code: 40100, message: "invalid api key", data: null });
    }
    const id = /^\/v1\/voices\/([^/]+)$/.exec(url.pathname)?.[1];
    if (url.pathname === "/v1/voices" && request.method === "GET") {
      const custom = url.searchParams.get("voice_type") !== "built-in";
      const voices = custom
        ? [voice]
        : [{ ...voice, voice_id: "builtin-aria", display_name: "Aria", voice_type: "built-in" }];
      return send(response, 200, { code: 0, message: "success", data: { total_count: voices.length, voices } });
    }
    if (url.pathname === "/v1/voices" && request.method === "POST") {
      return send(response, 200, {
        code: 0,
        message: "success",
        data: { voice_id: "up-clone-1", voice_display_name: "contract check", duration: 1.5, language: "en" },
      });
    }
    if (id && request.method === "GET") {
      if (broken && id === voice.voice_id) {
        const { voice_id: _dropped, ...rest } = voice;
        return send(response, 200, { code: 0, message: "success", data: { ...rest, create_time: "1738664000" } });
      }
      return send(response, 200, { code: 0, message: "success", data: { ...voice, voice_id: id } });
    }
    if (id && request.method === "DELETE") {
      return send(response, 200, {
        code: 0,
        message: "success",
        data: { voice_id: id, display_name: "contract check", delete_time: 1738664823 },
      });
    }
    return send(response, 404, { code: 40400, message: "not found", data: null });
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
