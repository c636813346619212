#!/usr/bin/env node
// `pnpm docs`: builds the documentation site under docs/dist.
//   index.html      landing page (docs/index.md)
//   <guide>.html    one page per guide (docs/<guide>.md, listed in src/pages.mjs); the CLI's command
//                   reference is the built command's own --help
//   api/index.html  HTTP API reference from spec/voices.openapi.yaml (Redocly, scripts inlined)
//   reference/      TypeDoc of every published package; an undocumented export fails the build
// Then fails if any page would fetch anything from the network.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { collectHelp, findExecutable } from "./cli-reference.mjs";
import { findRemoteLoads } from "./offline.mjs";
import { GUIDES, htmlName, LANDING, unlistedPages } from "./pages.mjs";
import { buildReference } from "./reference.mjs";
import { renderPage } from "./site.mjs";

const require = createRequire(import.meta.url);
const out = join(repoRoot, "docs/dist");
const packages = publishedPackages();

function buildHttpApi(target) {
  const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin/cli.js");
  try {
    execFileSync(
      process.execPath,
      [
        cli,
        "build-docs",
        "spec/voices.openapi.yaml",
        "--inlineBundle",
        "--config",
        "redocly.yaml",
        "--title",
        "NOIZ Voices API: HTTP reference",
        "--output",
        target,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        stdio: "pipe",
      },
    );
  } catch (error) {
    // Redocly's output is noise on success (a Node 20 banner); on failure it is the diagnosis.
    process.stderr.write(String(error.stdout ?? "") + String(error.stderr ?? ""));
    throw new Error("redocly build-docs failed (output above)");
  }
}

// Redoc's sidebar footer shows Redocly's logo from their CDN: the one thing that fetches from the
// network. An image that fails to load is hidden by Redoc itself, so `data:,` (no bytes, no request)
// keeps the attribution link and drops the fetch. The browser test fails on any request that leaves
// the machine, so a new one in a later Redocly release is caught there.
const REMOTE_REDOC_ASSETS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];

async function keepHttpApiOffline(file) {
  let html = await readFile(file, "utf8");
  for (const url of REMOTE_REDOC_ASSETS) html = html.replaceAll(url, "data:,");
  await writeFile(file, html);
}

/** Renders docs/index.md and every guide into `target`. */
async function buildPages(docsDir, target) {
  const unlisted = unlistedPages(docsDir);
  if (unlisted.length > 0) {
    throw new Error(
      `docs/ has pages no navigation reaches: ${unlisted.join(", ")}. List them in tools/docs/src/pages.mjs.`,
    );
  }
  const missing = GUIDES.filter((guide) => !existsSync(join(docsDir, guide.file)));
  if (missing.length > 0)
    throw new Error(`Guides listed but missing: ${missing.map((g) => `docs/${g.file}`).join(", ")}`);
  const cli = (command) => collectHelp(findExecutable(packages, command).path);
  for (const file of [LANDING, ...GUIDES.map((guide) => guide.file)]) {
    const markdown = await readFile(join(docsDir, file), "utf8");
    const { html } = await renderPage({ file, markdown, packages, cli });
    await writeFile(join(target, htmlName(file)), html);
  }
}

const started = Date.now();
await rm(out, { recursive: true, force: true });
await mkdir(join(out, "api"), { recursive: true });

await buildReference({ packages, out: join(out, "reference"), root: repoRoot });
buildHttpApi(join(out, "api/index.html"));
await keepHttpApiOffline(join(out, "api/index.html"));
await buildPages(join(repoRoot, "docs"), out);

const remote = await findRemoteLoads(out);
if (remote.length > 0) {
  console.error("The site would fetch from the network; it must render offline:");
  for (const { file, what, match } of remote) console.error(`  ${file}: ${what}: ${match}`);
  process.exit(1);
}
console.log(
  `docs: ${relative(repoRoot, out)} built in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
    `(${GUIDES.length} guides; ${packages.map((pkg) => pkg.name).join(", ")}; no network fetches)`,
);
