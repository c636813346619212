// The guides of the docs site: every docs/*.md except the landing page (index.md) and the HTTP API
// page (http-api.md). GUIDES gives the sidebar's order and a short navigation title; a guide that is
// not listed still gets into the sidebar, after the listed ones, under its own `# ` title. `package`
// ties a guide to the package it teaches, so the landing page's package table links to it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @typedef {{ file: string, nav: string, package?: string }} Guide */

/** @type {Guide[]} */
export const GUIDES = [
  { file: "getting-started.md", nav: "Getting started and authentication", package: "@noiz-voices/client" },
  { file: "errors.md", nav: "Errors" },
  { file: "retries-and-timeouts.md", nav: "Retries, timeouts and cancellation" },
  { file: "pagination.md", nav: "Pagination" },
  { file: "uploads.md", nav: "Uploads (browser and Node)" },
  { file: "react.md", nav: "React", package: "@noiz-voices/react" },
  { file: "node-and-cli.md", nav: "Node and the CLI", package: "@noiz-voices/node" },
  { file: "testing.md", nav: "Testing your code", package: "@noiz-voices/testing" },
  { file: "mcp.md", nav: "AI agents (MCP server)", package: "@noiz-voices/mcp" },
  { file: "observability.md", nav: "Observability" },
];

/** The landing page: docs/index.md. */
export const LANDING = "index.md";

/** The HTTP API reference: docs/http-api.md (operations from the spec, then the Redocly page). */
export const HTTP_API = "http-api.md";

/** A page's `# ` title, backticks dropped. @param {string} markdown */
export const titleOf = (markdown) => /^# (.+)$/m.exec(markdown)?.[1]?.replace(/`/g, "").trim();

/**
 * Every guide in docs/, in sidebar order: GUIDES first, then any other docs/*.md by file name.
 * @param {string} docsDir
 * @returns {Guide[]}
 */
export function guidesIn(docsDir) {
  const files = readdirSync(docsDir).filter((name) => name.endsWith(".md") && name !== LANDING && name !== HTTP_API);
  const listed = GUIDES.filter((guide) => files.includes(guide.file));
  const unlisted = files
    .filter((file) => !GUIDES.some((guide) => guide.file === file))
    .sort()
    .map((file) => ({ file, nav: titleOf(readFileSync(join(docsDir, file), "utf8")) ?? file }));
  return [...listed, ...unlisted];
}
