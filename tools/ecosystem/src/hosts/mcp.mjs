// The MCP server on a Node runtime: the packed @noiz-voices/mcp's `noiz-voices-mcp`, started over stdio
// by the MCP SDK's own Client (installed with it), lists its tools and answers one list_voices from the
// fake. Copied into the scratch project; run by the runtime's own `node` with the URL and key baked in
// by consumer.mjs (`mcpHost`), so that the server runs on that runtime too.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

/** The scenario's name in the runner's table. */
export const MCP_SCENARIO = "mcp: noiz-voices-mcp over stdio (tools/list, list_voices)";

/** Runs the scenario; resolves its one result, as the runner reads them. */
export async function runMcp({ baseUrl, apiKey }) {
  const from = performance.now();
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@noiz-voices/mcp/package.json");
  const bin = join(dirname(manifest), require(manifest).bin["noiz-voices-mcp"]);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, "--base-url", baseUrl, "--read-only"],
    env: { PATH: process.env.PATH ?? "", NOIZ_API_KEY: apiKey, NOIZ_CONFIG_DIR: dirname(manifest) },
    stderr: "pipe",
  });
  const client = new Client({ name: "ecosystem", version: "1.0.0" });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name).join(",");
    if (names !== "list_voices,get_voice") throw new Error(`--read-only offered ${names}`);
    const page = await client.callTool({ name: "list_voices", arguments: { voice_type: "built-in", limit: 2 } });
    if (page.isError || page.structuredContent?.voices?.length !== 2) {
      throw new Error(`list_voices answered ${JSON.stringify(page).slice(0, 300)}`);
    }
    return [{ name: MCP_SCENARIO, ok: true, ms: performance.now() - from }];
  } catch (error) {
    return [{ name: MCP_SCENARIO, ok: false, ms: performance.now() - from, error: error?.message ?? String(error) }];
  } finally {
    await client.close().catch(() => {});
  }
}
