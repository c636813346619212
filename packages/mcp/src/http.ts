/**
 * Streamable HTTP at `http://HOST:PORT/mcp`: one MCP session per client, each with a server of its
 * own. Only loopback (or the configured host; with `0.0.0.0` or `::`, any IP address) may talk to it:
 * a request whose `Host` or `Origin` names anything else gets 403, so a web page cannot reach it
 * through DNS rebinding. With a token, every
 * request must carry it as `Authorization: Bearer TOKEN`.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";

/** Options of `serveHttp`. */
export interface HttpOptions {
  /** The address to listen on (`127.0.0.1` by default). */
  host: string;
  /** The port (3333 by default; 0 picks a free one). */
  port: number;
  /** When set, required as a bearer token on every request. */
  token: string | undefined;
  /** A new server for each session. */
  createServer: () => Server;
  /** Where diagnostics go (stderr). */
  log: (line: string) => void;
}

/** A running HTTP endpoint. */
export interface HttpEndpoint {
  /** `http://HOST:PORT/mcp`. */
  url: string;
  /** Ends every session and stops listening. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The host name of a `Host` header or an origin, lower-cased, without the port. */
function hostName(value: string): string {
  const text = value.toLowerCase();
  if (text.startsWith("[")) return text.slice(0, text.indexOf("]") + 1);
  return text.split(":")[0] ?? "";
}

const isLoopback = (name: string) => LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name);

function refuse(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a JSON body of at most 4 MiB (MCP messages are small; uploads come from disk, never over MCP). */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw new Error("The request body is larger than 4 MiB.");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** Serves MCP over Streamable HTTP; resolves once listening. */
export async function serveHttp(options: HttpOptions): Promise<HttpEndpoint> {
  const { host, port, token, log } = options;
  const allowedNames = new Set([hostName(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host)]);
  const allowed = (name: string) => isLoopback(name) || allowedNames.has(name);
  // Listening on every address: a client elsewhere names this machine by the IP address it connected
  // to. An IP address is no name a rebinding page could send, so any is accepted in `Host`.
  const wildcard = host === "0.0.0.0" || host === "::" || host === "[::]";
  const hostAllowed = (name: string) => allowed(name) || (wildcard && isIP(name.replace(/^\[|\]$/g, "")) !== 0);
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const hostHeader = request.headers.host ?? "";
    if (!hostAllowed(hostName(hostHeader))) return refuse(response, 403, "Forbidden: this Host is not allowed.");
    const origin = request.headers.origin;
    if (origin !== undefined) {
      let name = "";
      try {
        name = hostName(new URL(origin).host);
      } catch {
        name = "";
      }
      if (!allowed(name)) return refuse(response, 403, "Forbidden: this Origin is not allowed.");
    }
    if (pathname !== "/mcp") return refuse(response, 404, "Not found: the MCP endpoint is /mcp.");
    if (token !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (given === undefined || !sameToken(given, token)) {
        return refuse(response, 401, "Unauthorized: send the NOIZ_MCP_TOKEN as a bearer token.", {
          "www-authenticate": "Bearer",
        });
      }
    }
    const sessionId = request.headers["mcp-session-id"];
    const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(request, response);
    if (request.method !== "POST") return refuse(response, 400, "Bad request: no valid session id.");
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      return refuse(response, 400, `Bad request: ${(error as Error).message}`);
    }
    if (sessionId !== undefined || !isInitializeRequest(body)) {
      return refuse(response, sessionId === undefined ? 400 : 404, "Bad request: no valid session id.");
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await options.createServer().connect(transport);
    await transport.handleRequest(request, response, body);
  };

  const http: HttpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`noiz-voices-mcp: ${(error as Error).message}`);
      if (!response.headersSent) refuse(response, 500, "Internal error.");
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/mcp`,
    async close() {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
