// The pages of the docs site, in the order the navigation shows them. Each is docs/<file>; its title
// is the file's first `# ` heading. `package` ties a guide to the package it teaches, so the landing
// page's package table links to it.
import { readdirSync } from "node:fs";

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

/** `errors.md` → `errors.html`: where a page ends up in docs/dist. */
export const htmlName = (file) => file.replace(/\.md$/, ".html");

/**
 * Every markdown file in `docsDir` that is neither the landing page nor a listed guide: a page the
 * navigation would never reach. The build fails on any.
 * @param {string} docsDir
 */
export function unlistedPages(docsDir) {
  const listed = new Set([LANDING, ...GUIDES.map((guide) => guide.file)]);
  return readdirSync(docsDir).filter((name) => name.endsWith(".md") && !listed.has(name));
}
