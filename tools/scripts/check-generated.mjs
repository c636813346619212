// Fails when the committed generated code is not what the spec generates now.
import { execFileSync } from "node:child_process";

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"] }).toString();
// Every package with generated code: the client's types, the testing kit's compiled validators,
// the spec package's typed document, the MCP server's tool schemas.
for (const pkg of ["@noiz-voices/client", "@noiz-voices/testing", "@noiz-voices/spec", "@noiz-voices/mcp"])
  run("pnpm", ["--filter", pkg, "run", "generate"]);
const drift = run("git", ["status", "--porcelain", "--", "packages/*/src/generated"]);
if (drift.trim() !== "") {
  console.error(`Generated code is out of date with spec/voices.openapi.yaml:\n${drift}`);
  console.error("Fix: run `pnpm generate` and commit the files under src/generated/.");
  process.exit(1);
}
console.log("generated code matches spec/voices.openapi.yaml");
