/**
 * Loopback `node:http` servers for tests where what really goes over the wire matters (redirects,
 * endless bodies): each binds 127.0.0.1 on port 0, records what it saw, and is closed by `closeAll()`
 * (call it in `afterEach`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a loopback server saw it. */
export interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage["headers"];
}

const servers: Server[] = [];

/** Starts a server; resolves with its origin (`http://127.0.0.1:PORT`) and the requests it saw. */
export async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ method: request.method, url: request.url, headers: request.headers });
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Closes every server started since the last call, cutting open connections. */
export async function closeAll(): Promise<void> {
  const closing = servers.splice(0).map(
    (server) =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      }),
  );
  await Promise.all(closing);
}

/** A success envelope as a server writes it. */
export function envelope(data: unknown): string {
  return JSON.stringify({ code: 0, message: "success", data });
}
