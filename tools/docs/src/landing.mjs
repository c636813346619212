// The landing page: docs/index.md rendered to HTML, with the table of published packages.
import { readFile } from "node:fs/promises";
import { marked } from "marked";

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** @param {{ name: string, manifest: { description?: string, version?: string } }[]} packages */
function packagesTable(packages) {
  const rows = packages
    .map(
      (pkg) =>
        `<tr><td><code>${escapeHtml(pkg.name)}</code></td><td>${escapeHtml(pkg.manifest.version ?? "")}</td>` +
        `<td>${escapeHtml(pkg.manifest.description ?? "")}</td></tr>`,
    )
    .join("\n");
  return `<table class="packages"><thead><tr><th>package</th><th>version</th><th>what it is</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
}

const STYLE = `
:root { color-scheme: light dark; --accent: #4f46e5; }
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; }
header { padding: 0.8rem 1.5rem; border-bottom: 1px solid #8884; display: flex; gap: 1.5rem; align-items: baseline; }
header strong { margin-right: auto; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
a { color: var(--accent); }
pre { background: #8881; border: 1px solid #8883; border-radius: 6px; padding: 0.9rem 1rem; overflow-x: auto; }
code { font: 0.9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #8883; vertical-align: top; }
`;

/**
 * Renders the landing page.
 * @param {{ source: string, packages: { name: string, manifest: Record<string, any> }[] }} options
 * @returns {Promise<string>} the HTML
 */
export async function renderLanding({ source, packages }) {
  const markdown = await readFile(source, "utf8");
  if (!markdown.includes("<!-- packages -->")) throw new Error(`${source} lacks the <!-- packages --> marker`);
  const body = (await marked.parse(markdown, { gfm: true })).replace("<!-- packages -->", packagesTable(packages));
  const title = /^# (.+)$/m.exec(markdown)?.[1] ?? "NOIZ Voices SDK";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>${escapeHtml(title)}</strong><a href="index.html">Home</a><a href="api/index.html">HTTP API</a><a href="reference/index.html">SDK reference</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}
