/**
 * The `noiz-voices-mcp` command: the Voices API's tools over stdio (the default) or Streamable HTTP.
 * stdout is the protocol's alone; every diagnostic goes to stderr.
 */
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { DEFAULT_BASE_URL, type Logger } from "@noiz-voices/client";
import { createVoicesClient, readApiKey } from "@noiz-voices/node";
import { visible } from "@noiz-voices/node/internal";
import { quote, realFolder } from "./folders.js";
import { serveHttp } from "./http.js";
import { createVoicesMcpServer } from "./server.js";
import { VERSION } from "./version.js";

const HELP = `Usage: noiz-voices-mcp [options]

The NOIZ Voices API as an MCP server: tools list_voices, get_voice, clone_voice,
delete_voice and download_voice_sample. Speaks MCP over stdio unless --http.

Options:
  --allow-dir DIR   a folder the tools may read files from and save samples to
                    (repeatable); without one, and without client roots, no file
                    is ever read or written
  --read-only       only list_voices and get_voice: nothing can be changed
  --base-url URL    the API's base URL (default NOIZ_BASE_URL, else ${DEFAULT_BASE_URL})
  --profile NAME    use the key stored by \`noiz-voices login --profile NAME\`
  --http            serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio
  --port N          the HTTP port (default 3333)
  --host HOST       the HTTP address (default 127.0.0.1: this machine only)
  -h, --help        show this help
  -v, --version     show the version

The key comes from NOIZ_API_KEY, NOIZ_API_KEY_FILE or a key stored by
\`npx noiz-voices login\` (never from a flag). With --http, NOIZ_MCP_TOKEN, when
set, is required from clients as a bearer token.
`;

/** A mistake in how the command was started: its message, then exit code 2. */
class StartError extends Error {}

// Escaped: a log line can quote the service's message, which must not drive the terminal.
const log = (line: string) => {
  process.stderr.write(`${visible(line)}\n`);
};

/** The client's log lines, on stderr (stdout is the protocol). */
const stderrLogger: Logger = {
  debug: (message) => log(message),
  info: (message) => log(message),
  warn: (message) => log(message),
  error: (message) => log(message),
};

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "allow-dir": { type: "string", multiple: true },
        "read-only": { type: "boolean" },
        "base-url": { type: "string" },
        profile: { type: "string" },
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && /--api-key/.test((error as Error).message)) {
      // The option's name only: a value given with it is never repeated.
      throw new StartError(
        "noiz-voices-mcp takes no key on its command line (a client's config and the process list would show it): set NOIZ_API_KEY or NOIZ_API_KEY_FILE in the server's environment, or run `npx noiz-voices login`.",
      );
    }
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, ".");
    throw new StartError(`${message} See noiz-voices-mcp --help.`);
  }
}

function portOf(text: string | undefined): number {
  if (text === undefined) return 3333;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new StartError(`--port must be a port number from 0 to 65535; got ${quote(text)}.`);
  }
  return Number(text);
}

async function main(argv: string[]): Promise<void> {
  const options = parse(argv);
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  if (options.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const port = portOf(options.port);
  if (!options.http && (options.port !== undefined || options.host !== undefined)) {
    throw new StartError("--port and --host go with --http.");
  }
  const allowDirs: string[] = [];
  for (const folder of options["allow-dir"] ?? []) {
    try {
      allowDirs.push(await realFolder(folder, "--allow-dir"));
    } catch (error) {
      throw new StartError((error as Error).message);
    }
  }
  let resolved: Awaited<ReturnType<typeof readApiKey>>;
  try {
    resolved = await readApiKey({ profile: options.profile });
  } catch (error) {
    throw new StartError((error as Error).message);
  }
  if (!resolved) {
    throw new StartError(
      "No API key: set NOIZ_API_KEY (or NOIZ_API_KEY_FILE, a file holding the key) in the server's environment, or store one with `npx noiz-voices login` (then --profile NAME picks a stored key).",
    );
  }
  const baseUrl = options["base-url"] ?? (process.env.NOIZ_BASE_URL || DEFAULT_BASE_URL);
  let client: ReturnType<typeof createVoicesClient>;
  try {
    client = createVoicesClient({ apiKey: resolved.key, baseUrl, logger: stderrLogger });
  } catch (error) {
    throw new StartError(`--base-url: ${(error as Error).message}`);
  }
  const secrets = [resolved.key, ...(process.env.NOIZ_MCP_TOKEN ? [process.env.NOIZ_MCP_TOKEN] : [])];
  const create = () => createVoicesMcpServer({ client, allowDirs, readOnly: Boolean(options["read-only"]), secrets });

  if (options.http) {
    const host = options.host ?? "127.0.0.1";
    const token = process.env.NOIZ_MCP_TOKEN || undefined;
    let endpoint: Awaited<ReturnType<typeof serveHttp>>;
    try {
      endpoint = await serveHttp({ host, port, token, createServer: create, log });
    } catch (error) {
      throw new StartError(`Cannot listen on ${host}:${port}: ${(error as Error).message}`);
    }
    // The first line of stderr: the URL to give the client.
    log(`noiz-voices-mcp: Streamable HTTP at ${endpoint.url}`);
    if (token === undefined && !/^(127\.|localhost$|::1$|\[::1\]$)/.test(host)) {
      log(
        "noiz-voices-mcp: warning: listening beyond this machine without NOIZ_MCP_TOKEN: anyone who reaches it can use your key.",
      );
    }
    log(`noiz-voices-mcp: key from ${resolved.source}; ${describeFolders(allowDirs)}`);
    const stop = () => {
      endpoint.close().finally(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return;
  }
  const server = create();
  const transport = new StdioServerTransport();
  transport.onclose = () => process.exit(0);
  await server.connect(transport);
  process.stdin.once("end", () => {
    server.close().finally(() => process.exit(0));
  });
  log(`noiz-voices-mcp: ready on stdio; key from ${resolved.source}; ${describeFolders(allowDirs)}`);
}

function describeFolders(folders: string[]): string {
  return folders.length === 0
    ? "no --allow-dir: files only inside the client's roots, if it shares any."
    : `files only inside ${folders.map(quote).join(", ")} (and the client's roots).`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  log(`noiz-voices-mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof StartError ? 2 : 1;
});
