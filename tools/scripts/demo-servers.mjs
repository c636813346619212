// Loopback helpers for the CLI tests of @noiz-voices/node, which run against Prism (`pnpm start` uses
// the fake server of @noiz-voices/testing instead, which serves samples itself).
//
// Prism answers with the spec's examples, whose `sample` URLs point at https://cdn.noiz.ai/…: a host
// this machine cannot reach. So a small proxy sits in front of Prism: every request goes to Prism
// unchanged (Prism still checks it against the contract), and in the JSON that comes back, sample URLs
// on cdn.noiz.ai are rewritten to a local host that serves a real WAV file. The proxy also asks Prism
// for the spec's built-in example when the query says `voice_type=built-in` (Prism would otherwise
// always answer with the first example, the custom voices).
import { readFile } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";

const CDN = "https://cdn.noiz.ai/";

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
}

/**
 * Serves `filePath` at every GET path, as audio/wav. `requests` records each request's path and
 * whether it carried an Authorization header (a sample's host must never receive the API key).
 */
export async function startSampleHost(filePath) {
  const bytes = await readFile(filePath);
  const requests = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url, authorization: request.headers.authorization });
    if (request.method !== "GET") {
      response.writeHead(405).end();
      return;
    }
    response.writeHead(200, { "content-type": "audio/wav", "content-length": bytes.length }).end(bytes);
  });
  const url = await listen(server);
  return { url, bytes, requests, stop: closer(server) };
}

/** A proxy to `targetUrl` that rewrites cdn.noiz.ai sample URLs in JSON answers to `sampleBaseUrl`. */
export async function startSampleRewritingProxy(targetUrl, sampleBaseUrl) {
  const target = new URL(targetUrl);
  const server = createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers, host: target.host };
    const url = new URL(incoming.url, target);
    if (incoming.method === "GET" && url.pathname === "/voices" && url.searchParams.get("voice_type") === "built-in") {
      headers.prefer ??= "example=builtInVoices";
    }
    const upstream = httpRequest(url, { method: incoming.method, headers }, (answer) => {
      const isJson = /json/i.test(answer.headers["content-type"] ?? "");
      if (!isJson) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        return;
      }
      const chunks = [];
      answer.on("data", (chunk) => chunks.push(chunk));
      answer.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8").split(CDN).join(`${sampleBaseUrl}/`);
        const replyHeaders = { ...answer.headers, "content-length": Buffer.byteLength(text) };
        delete replyHeaders["transfer-encoding"];
        outgoing.writeHead(answer.statusCode ?? 502, replyHeaders).end(text);
      });
    });
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  const url = await listen(server);
  return { url, stop: closer(server) };
}
