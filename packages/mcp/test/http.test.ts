// The built bin with --http: Streamable HTTP at /mcp, loopback only, and NOIZ_MCP_TOKEN.
import { copyFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import type { FakeVoices } from "@noiz-voices/testing";
import type { FakeServer } from "@noiz-voices/testing/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedTools } from "../src/generated/tools.gen.js";
import {
  cleanup,
  connectHttp,
  KEY,
  keyForms,
  SAMPLE_WAV,
  serverEnv,
  startFake,
  startHttp,
  tempFolder,
  textOf,
} from "./helpers.js";

let fake: FakeVoices;
let server: FakeServer;
let allowed: string;
let config: string;

beforeAll(async () => {
  ({ fake, server } = await startFake());
  [allowed, config] = await Promise.all([tempFolder("http-allowed"), tempFolder("http-config")]);
  await copyFile(SAMPLE_WAV, join(allowed, "me.wav"));
});

afterAll(async () => {
  await server.close();
  await cleanup(allowed, config);
});

const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
/** An initialize request with these headers (node:http, since fetch never lets a caller set Host); its status. */
const post = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number }>((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0 });
      },
    );
    request.on("error", reject);
    request.end(initialize);
  });

describe("--http", () => {
  it("prints the URL first, serves every tool at /mcp, and refuses foreign origins and hosts", async () => {
    const http = await startHttp(["--base-url", server.url, "--allow-dir", allowed], serverEnv({}, config));
    try {
      expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const client = await connectHttp(http.url);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(generatedTools).sort());
      const cloned = await client.callTool({ name: "clone_voice", arguments: { file_path: join(allowed, "me.wav") } });
      expect(cloned.isError).toBeFalsy();
      const voiceId = (cloned.structuredContent as { voice_id: string }).voice_id;
      const got = await client.callTool({ name: "get_voice", arguments: { voice_id: voiceId } });
      expect(got.structuredContent).toMatchObject({ voice_id: voiceId });
      const escaped = await client.callTool({ name: "clone_voice", arguments: { file_path: "/etc/passwd" } });
      expect(textOf(escaped)).toMatch(/--allow-dir/);
      await client.close();

      const foreignOrigin = await post(http.url, { origin: "https://evil.example" });
      expect(foreignOrigin.status).toBe(403);
      const foreignHost = await post(http.url, { host: "evil.example:3333" });
      expect(foreignHost.status).toBe(403);
      const loopbackOrigin = await post(http.url, { origin: `http://localhost:${new URL(http.url).port}` });
      expect(loopbackOrigin.status).toBe(200);
      const elsewhere = await post(http.url.replace(/\/mcp$/, "/other"), {});
      expect(elsewhere.status).toBe(404);
      for (const form of keyForms(KEY)) expect(http.stderr()).not.toContain(form);
    } finally {
      await http.stop();
      fake.reset();
    }
  });

  it("with --host 0.0.0.0, serves a client that names this machine by an IP address, and still refuses names", async () => {
    const token = "mcp-token-0123456789";
    const http = await startHttp(
      ["--base-url", server.url, "--read-only", "--host", "0.0.0.0"],
      serverEnv({ NOIZ_MCP_TOKEN: token }, config),
    );
    try {
      const url = http.url.replace("0.0.0.0", "127.0.0.1");
      const authorization = `Bearer ${token}`;
      // A client on another machine sends the address it connected to, such as 192.0.2.7.
      expect((await post(url, { authorization, host: "192.0.2.7:3333" })).status).toBe(200);
      expect((await post(url, { authorization, host: "[2001:db8::7]:3333" })).status).toBe(200);
      // A page whose name now points here (DNS rebinding) still sends its name.
      expect((await post(url, { authorization, host: "evil.example:3333" })).status).toBe(403);
      expect((await post(url, { authorization, host: "192.0.2.7:3333", origin: "http://192.0.2.9" })).status).toBe(403);
    } finally {
      await http.stop();
    }
  });

  it("with NOIZ_MCP_TOKEN, asks every request for it as a bearer token", async () => {
    const token = "mcp-token-0123456789";
    const http = await startHttp(
      ["--base-url", server.url, "--read-only"],
      serverEnv({ NOIZ_MCP_TOKEN: token }, config),
    );
    try {
      expect((await post(http.url, {})).status).toBe(401);
      expect((await post(http.url, { authorization: "Bearer wrong-token-0123456" })).status).toBe(401);
      const client = await connectHttp(http.url, { authorization: `Bearer ${token}` });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(["get_voice", "list_voices"]);
      const page = await client.callTool({ name: "list_voices", arguments: { voice_type: "built-in" } });
      expect(page.isError).toBeFalsy();
      await client.close();
      expect(http.stderr()).not.toContain(token);
    } finally {
      await http.stop();
    }
  });
});
