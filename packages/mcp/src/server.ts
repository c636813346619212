/**
 * createVoicesMcpServer: the five tools as an MCP server, on a `VoicesClient`, for any transport.
 *
 * It is the SDK's low-level `Server`, which the SDK keeps for cases such as this one: its high-level
 * `McpServer` takes schemas as zod objects only, and these are the JSON Schemas generated from the
 * spec, listed as they are and checked with ajv (which the SDK itself uses for JSON Schema).
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  RootsListChangedNotificationSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { VoicesClient } from "@noiz-voices/client";
import { visible as shown } from "@noiz-voices/node/internal";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { AllowedFolders } from "./folders.js";
import { generatedTools } from "./generated/tools.gen.js";
import { failureText, jsonText, redactor } from "./results.js";
import { describe, type ToolContext, type ToolName, tools } from "./tools.js";
import { VERSION } from "./version.js";

/** Options of `createVoicesMcpServer`. */
export interface VoicesMcpServerOptions {
  /** The client the tools call: `createVoicesClient` of `@noiz-voices/node`, so clones stream from disk. */
  client: VoicesClient;
  /** The folders the tools may read files from and write samples to (default none); symlinks in them are resolved. */
  allowDirs?: readonly string[];
  /** Hides the tools that change anything: only `list_voices` and `get_voice` remain. */
  readOnly?: boolean;
  /** Treats the client's MCP roots as allowed folders too, when it offers them (default true). */
  useRoots?: boolean;
  /** Texts that never leave the server (the API key): removed from every result. */
  secrets?: readonly string[];
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The argument an ajv error is about, and what is wrong with it. */
function argumentProblem(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (error.keyword === "required") return `\`${String(error.params.missingProperty)}\` is required`;
  if (error.keyword === "additionalProperties") {
    return `\`${String(error.params.additionalProperty)}\` is not an argument of this tool`;
  }
  if (path === "") return `the arguments ${error.message ?? "are invalid"}`;
  const allowed = error.keyword === "enum" ? `: one of ${(error.params.allowedValues as unknown[]).join(", ")}` : "";
  return `\`${path}\` ${error.message ?? "is invalid"}${allowed}`;
}

/**
 * Creates an MCP server with the tools `list_voices`, `get_voice`, `clone_voice`, `delete_voice` and
 * `download_voice_sample` (only the first two with `readOnly`), calling `client`. Connect it to a
 * transport of `@modelcontextprotocol/sdk` (stdio, Streamable HTTP); the `noiz-voices-mcp` command
 * does that. Each session needs a server of its own.
 */
export function createVoicesMcpServer(options: VoicesMcpServerOptions): Server {
  const { client, allowDirs = [], readOnly = false, useRoots = true } = options;
  const redact = redactor(options.secrets ?? []);
  const server = new Server(
    { name: "noiz-voices", title: "NOIZ Voices", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        "Tools of the NOIZ Voices API: list, inspect, clone and delete voices, and save a voice's sample. Local files are used only inside the folders the server allows; give absolute paths.",
    },
  );
  const folders = new AllowedFolders(
    allowDirs,
    useRoots
      ? async () =>
          server.getClientCapabilities()?.roots ? (await server.listRoots()).roots.map((root) => root.uri) : undefined
      : undefined,
  );
  server.setNotificationHandler(RootsListChangedNotificationSchema, async () => folders.rootsChanged());

  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const visible = (Object.keys(tools) as ToolName[]).filter((name) => !readOnly || tools[name].readOnly);
  const validators = new Map<ToolName, ValidateFunction>(
    visible.map((name) => [name, ajv.compile(generatedTools[name].inputSchema)]),
  );
  const listed: Tool[] = visible.map((name) => {
    const tool = tools[name];
    return {
      name,
      title: tool.title,
      description: describe(name),
      inputSchema: generatedTools[name].inputSchema,
      outputSchema: generatedTools[name].outputSchema,
      annotations: {
        title: tool.title,
        readOnlyHint: tool.readOnly,
        destructiveHint: tool.destructive,
        idempotentHint: tool.idempotent,
        openWorldHint: tool.openWorld,
      },
    };
  });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const name = request.params.name as ToolName;
    const validate = validators.get(name);
    // An unknown tool (or one --read-only hides) is a protocol error: there is nothing to correct.
    if (!validate) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${redact(request.params.name)}`);
    const args = request.params.arguments ?? {};
    if (!validate(args)) {
      const problems = [...new Set((validate.errors ?? []).map(argumentProblem))];
      return errorResult(`Invalid arguments for ${name}: ${problems.join("; ")}.`);
    }
    const token = extra._meta?.progressToken;
    let last = -1;
    let sent = -1;
    const context: ToolContext = {
      client,
      paths: folders,
      signal: extra.signal,
      progress:
        token === undefined
          ? undefined
          : (done, total) => {
              // One notification per percent (or per MiB without a total): enough to show, never a flood.
              // Progress only grows, as MCP requires: an attempt sent again reports once past the last.
              const step = total ? Math.floor((100 * done) / total) : Math.floor(done / 1_048_576);
              if (done <= sent || (step === last && done !== total)) return;
              last = step;
              sent = done;
              extra
                .sendNotification({
                  method: "notifications/progress",
                  params: { progressToken: token, progress: done, ...(total === undefined ? {} : { total }) },
                })
                .catch(() => {});
            },
    };
    try {
      const tool = tools[name] as (typeof tools)["get_voice"];
      const result = await tool.run(args as never, context);
      const structured = JSON.parse(redact(JSON.stringify(result))) as Record<string, unknown>;
      return {
        structuredContent: structured,
        content: [{ type: "text", text: `${redact(shown(tool.summary(result as never)))}\n${jsonText(structured)}` }],
      };
    } catch (error) {
      return errorResult(failureText(error));
    }
  });

  const errorResult = (text: string): CallToolResult => ({
    isError: true,
    // One line: the server's message may carry terminal controls.
    content: [{ type: "text", text: redact(shown(text)) }],
  });
  return server;
}
