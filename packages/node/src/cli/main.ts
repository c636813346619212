#!/usr/bin/env node
/** The `noiz-voices` executable. */
import { createRequire } from "node:module";
import { run } from "./program.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

// Piped into `head` and the like: a closed stdout is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const controller = new AbortController();
// First Ctrl-C: stop requests and remove partial files, then exit 130; a second one exits at once.
process.once("SIGINT", () => {
  controller.abort(new Error("interrupted"));
  process.once("SIGINT", () => process.exit(130));
});

const code = await run(process.argv.slice(2), process, version, controller.signal);
process.exitCode = code;
