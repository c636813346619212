#!/usr/bin/env node
// The `noiz-voices` command. A committed file, so that `pnpm install` can link the bin before the
// build; the program itself is the built dist/cli.js.
try {
  await import("../dist/cli.js");
} catch (error) {
  // Only in a fresh clone of the repository: a published package always has dist/.
  if (error?.code === "ERR_MODULE_NOT_FOUND" && /[/\\]dist[/\\]cli\.js'/.test(String(error.message))) {
    console.error("noiz-voices: the command is not built yet: run `pnpm build` first.");
    process.exit(2);
  }
  throw error;
}
