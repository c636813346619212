// A program on the Node client exits by itself after its last call: idle keep-alive sockets do not
// hold the event loop. Spawned as a real process (the built package) against a server that would keep
// the connection open for ten minutes; a socket that held the loop would make this test time out.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { outputOf, serve } from "./helpers.js";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe("the Node client in a short-lived process", () => {
  it("exits on its own after its calls, with sockets still open on the server's side", async () => {
    let connections = 0;
    const page = JSON.stringify({ code: 0, message: "success", data: { total_count: 0, voices: [] } });
    const api = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "keep-alive": "timeout=600" }).end(page);
    });
    api.server.keepAliveTimeout = 600_000;
    api.server.on("connection", () => connections++);

    const program = `
      const { createVoicesClient } = await import(${JSON.stringify(dist)});
      const client = createVoicesClient({ apiKey: "k", baseUrl: ${JSON.stringify(api.url)} });
      const pages = await Promise.all([client.voices.list(), client.voices.list(), client.voices.list()]);
      await client.voices.get("abc").catch(() => {});
      console.log(pages.length);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", program], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { code, stdout: out, stderr: err } = await outputOf(child);

    expect({ code, out: out.trim(), err }).toEqual({ code: 0, out: "3", err: "" });
    expect(connections).toBeGreaterThan(0);
  });
});
