#!/usr/bin/env node
// The `noiz-voices` command. A committed file, so that `pnpm install` can link the bin before the
// build; the program itself is the built dist/cli.js.
import "../dist/cli.js";
