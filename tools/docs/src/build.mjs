#!/usr/bin/env node
// `pnpm docs:build`: the documentation site, into tools/docs/dist (VitePress; `base` from DOCS_BASE).
//   1. the SDK reference: TypeDoc markdown of every published package into docs/reference/
//      (not committed: it is rebuilt from the sources each time)
//   2. VitePress over docs/: the guides, the landing page, the HTTP API page and the reference, with
//      local search; its buildEnd writes llms.txt, llms-full.txt and each page's markdown
//   3. the HTTP API reference: Redocly's self-contained page of the spec, which the HTTP API page shows
// Then fails if any page would fetch anything from the network.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { findRemoteLoads } from "./offline.mjs";
import { buildReference } from "./reference.mjs";
import { REDOC_PAGE, SITE_OUT, siteDir } from "./site.mjs";

const require = createRequire(import.meta.url);
const docs = join(repoRoot, "docs");

function run(script, args, what) {
  try {
    execFileSync(process.execPath, [script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    // The tools' output is noise on success (Redocly's Node 20 banner); on failure it is the diagnosis.
    process.stderr.write(String(error.stdout ?? "") + String(error.stderr ?? ""));
    throw new Error(`${what} failed (output above)`);
  }
}

const started = Date.now();
const packages = publishedPackages();
await buildReference({ packages, out: join(docs, "reference"), root: repoRoot, docsRoot: docs });

run(
  join(dirname(require.resolve("vitepress/package.json")), "bin/vitepress.js"),
  ["build", siteDir],
  "vitepress build",
);

run(
  join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js"),
  [
    "build-docs",
    "spec/voices.openapi.yaml",
    "--inlineBundle",
    "--config",
    "redocly.yaml",
    "--title",
    "NOIZ Voices API: HTTP reference",
    "--output",
    join(SITE_OUT, REDOC_PAGE),
  ],
  "redocly build-docs",
);
// Redoc's sidebar footer shows Redocly's logo from their CDN: the one thing that fetches from the
// network. An image that fails to load is hidden by Redoc itself, so `data:,` keeps the attribution
// link and drops the fetch. The browser test fails on any request that leaves the machine.
const { readFile, writeFile } = await import("node:fs/promises");
const redoc = join(SITE_OUT, REDOC_PAGE);
await writeFile(
  redoc,
  (await readFile(redoc, "utf8")).replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini[\w-]*\.svg/g, "data:,"),
);

const remote = await findRemoteLoads(SITE_OUT);
if (remote.length > 0) {
  console.error("The site would fetch from the network; it must render offline:");
  for (const { file, what, match } of remote) console.error(`  ${file}: ${what}: ${match}`);
  process.exit(1);
}
console.log(
  `docs: ${relative(repoRoot, SITE_OUT)} built in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
    `(${packages.map((pkg) => pkg.name).join(", ")}; no network fetches)`,
);
