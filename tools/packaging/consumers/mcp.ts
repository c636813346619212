// consumer-deps: @types/node@20.19.43 @modelcontextprotocol/sdk@1.32.2
// The consumer smoke test's program for @noiz-voices/mcp: the server on the Node client, reached by the
// SDK's own Client over an in-memory transport, as a program hosting it would.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createVoicesMcpServer } from "@noiz-voices/mcp";
import { createVoicesClient } from "@noiz-voices/node";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

export async function run(baseUrl: string): Promise<string[]> {
  const client = createVoicesClient({ apiKey: "consumer-key", baseUrl, maxRetries: 0 });
  const server = createVoicesMcpServer({ client, readOnly: true, secrets: ["consumer-key"] });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const mcp = new Client({ name: "consumer", version: "1.0.0" });
  await mcp.connect(clientSide);
  try {
    const { tools } = await mcp.listTools();
    check(tools.map((tool) => tool.name).join() === "list_voices,get_voice", "read-only: list_voices and get_voice");
    const page = await mcp.callTool({ name: "list_voices", arguments: { limit: 2 } });
    const structured = page.structuredContent as { total_count?: unknown; voices?: unknown } | undefined;
    check(!page.isError && typeof structured?.total_count === "number", "list_voices answers { total_count, voices }");
    return [`tools: ${tools.length}`, `list_voices: ${String(structured.total_count)} voices`];
  } finally {
    await mcp.close();
    await server.close();
  }
}
