#!/usr/bin/env node
// The `noiz-voices-mcp` command: committed so that `pnpm install` can link it before the build.
import "../dist/cli.js";
