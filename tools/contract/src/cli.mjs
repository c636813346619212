#!/usr/bin/env node
// `pnpm contract:check`: checks the real service (https://noiz.ai/v1, NOIZ_API_KEY) against
// spec/voices.openapi.yaml. Options: --upstream URL (another server), --sample FILE (a short
// WAV/MP3/M4A recording to clone instead of the generated tone; see the warning below), --spec FILE.
// Exit codes: 0 conforms, 1 violations found, 2 the check could not run or complete.
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../../scripts/published-packages.mjs";
import { runContractCheck } from "./check.mjs";
import { formatReport } from "./report.mjs";

const { values } = parseArgs({
  options: {
    upstream: { type: "string", default: "https://noiz.ai/v1" },
    sample: { type: "string" },
    spec: { type: "string", default: resolve(repoRoot, "spec/voices.openapi.yaml") },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("usage: pnpm contract:check [--upstream URL] [--sample FILE] [--spec FILE]   (needs NOIZ_API_KEY)");
  process.exit(0);
}
const apiKey = process.env.NOIZ_API_KEY?.trim();
if (!apiKey) {
  console.error("contract check: set NOIZ_API_KEY to a key of the service (it is sent only to the upstream).");
  process.exit(2);
}
// Nothing this check prints may carry the key, whatever the upstream or Prism echo back.
const redact = (text) => text.split(apiKey).join("[NOIZ_API_KEY]");
const specPath = resolve(values.spec);
if (values.sample && (await readFile(values.sample).catch(() => Buffer.alloc(0))).some((byte) => byte >= 0x80)) {
  console.error(
    "contract check: warning: prism proxy forwards a request body as UTF-8 text (stoplightio/prism#2349), so the bytes of --sample at or above 0x80 reach the service changed, and it may refuse the clone. Without --sample the check sends a WAV whose every byte is ASCII.",
  );
}
try {
  const report = await runContractCheck({ upstream: values.upstream, apiKey, specPath, samplePath: values.sample });
  const { text, exitCode } = formatReport(
    report,
    specPath.startsWith(repoRoot) ? relative(repoRoot, specPath) : specPath,
  );
  console.log(redact(text));
  process.exit(exitCode);
} catch (error) {
  console.error(redact(`contract check could not run: ${error instanceof Error ? error.message : String(error)}`));
  process.exit(2);
}
