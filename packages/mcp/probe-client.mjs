import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
const [base, ...extra] = process.argv.slice(2);
const transport = new StdioClientTransport({ command: "node", args: ["bin/noiz-voices-mcp.mjs", "--base-url", base, ...extra], env: { ...process.env }, stderr: "pipe" });
const client = new Client({ name: "probe", version: "1" });
await client.connect(transport);
const { tools } = await client.listTools();
console.log("tools:", tools.map((t) => t.name).join(","));
const calls = JSON.parse(process.env.CALLS);
for (const [name, args] of calls) {
  try {
    const r = await client.callTool({ name, arguments: args });
    console.log("==", name, JSON.stringify(args), r.isError ? "ERROR" : "ok", JSON.stringify(r.content.map((c) => c.text)));
  } catch (e) { console.log("==", name, "THROW", e.message); }
}
await client.close();
