// The site's own pages: docs/*.md rendered to HTML in one layout (header, guide navigation, main).
// Markers a page may carry, replaced at build time from the packages themselves:
//   <!-- packages -->               the published packages: name, version, Node engines, what it is, guide
//   <!-- install -->                one install command per published package, peers included
//   <!-- cli-reference: COMMAND --> COMMAND's `--help` and every subcommand's, run from the build
import { Marked } from "marked";
import { GUIDES, htmlName, LANDING } from "./pages.mjs";

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** GitHub's heading ids: lowercase, punctuation dropped, spaces to hyphens. */
export const slugOf = (text) =>
  text
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z#0-9]+;/gi, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function createMarked() {
  const marked = new Marked({ gfm: true });
  const seen = new Map();
  marked.use({
    hooks: {
      preprocess(markdown) {
        seen.clear();
        return markdown;
      },
    },
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const base = slugOf(html);
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const id = count ? `${base}-${count}` : base;
        return `<h${depth} id="${id}">${html}</h${depth}>\n`;
      },
    },
  });
  return marked;
}

/** npm's install line for a package, with the peer dependencies it cannot work without. */
export function installCommand(manifest) {
  const optional = manifest.peerDependenciesMeta ?? {};
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optional[name]?.optional);
  // A test kit belongs in devDependencies.
  const dev = /(^|\/)testing$/.test(manifest.name) ? " --save-dev" : "";
  return `npm install${dev} ${[manifest.name, ...peers].join(" ")}`;
}

const guideOf = (name) => GUIDES.find((guide) => guide.package === name);

/** @param {{ name: string, manifest: Record<string, any> }[]} packages */
function packagesTable(packages) {
  const rows = packages
    .map((pkg) => {
      const guide = guideOf(pkg.name);
      const link = guide ? `<a href="${htmlName(guide.file)}">${escapeHtml(guide.nav)}</a>` : "";
      return (
        `<tr><td><code>${escapeHtml(pkg.name)}</code></td><td>${escapeHtml(pkg.manifest.version ?? "")}</td>` +
        `<td>${escapeHtml(pkg.manifest.engines?.node ?? "any")}</td>` +
        `<td>${escapeHtml(pkg.manifest.description ?? "")}</td><td>${link}</td></tr>`
      );
    })
    .join("\n");
  return (
    `<table class="packages"><thead><tr><th>package</th><th>version</th><th>Node</th><th>what it is</th><th>guide</th></tr></thead>\n` +
    `<tbody>\n${rows}\n</tbody></table>`
  );
}

/** @param {{ name: string, manifest: Record<string, any> }[]} packages */
function installBlock(packages) {
  const lines = packages.map((pkg) => escapeHtml(installCommand(pkg.manifest)));
  return `<pre><code class="language-sh">${lines.join("\n")}</code></pre>`;
}

/** @param {string} command @param {{ path: string[], help: string }[]} entries */
function cliReferenceHtml(command, entries) {
  return entries
    .map(({ path, help }) => {
      const name = [command, ...path].join(" ");
      const id = `cli-${path.length ? path.join("-") : command}`;
      return `<h3 id="${escapeHtml(id)}"><code>${escapeHtml(name)}</code></h3>\n<pre class="cli-help"><code>${escapeHtml(help)}</code></pre>`;
    })
    .join("\n");
}

const STYLE = `
:root { color-scheme: light dark; --accent: #4f46e5; --line: #8884; }
* { box-sizing: border-box; }
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; }
header { padding: 0.8rem 1.5rem; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; }
header .brand { margin-right: auto; font-weight: 700; color: inherit; text-decoration: none; }
.layout { display: flex; gap: 2rem; max-width: 76rem; margin: 0 auto; padding: 0 1.5rem; }
nav.guides { flex: 0 0 15rem; padding-top: 1.6rem; font-size: 0.95rem; position: sticky; top: 0; align-self: flex-start; }
nav.guides p { margin: 0 0 0.4rem; font-weight: 600; }
nav.guides ul { list-style: none; margin: 0; padding: 0; }
nav.guides li { margin: 0.2rem 0; }
nav.guides a[aria-current="page"] { font-weight: 600; text-decoration: none; color: inherit; }
main { flex: 1 1 auto; min-width: 0; max-width: 54rem; padding: 0.5rem 0 4rem; }
a { color: var(--accent); }
/* Code wraps rather than hiding past the right edge: every line can be read at any width. */
pre { background: #8881; border: 1px solid #8883; border-radius: 6px; padding: 0.9rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font: 0.9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
pre.cli-help { font-size: 0.95em; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #8883; vertical-align: top; }
table.packages td > code:only-child { white-space: nowrap; }
blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid var(--accent); background: #8881; }
@media (max-width: 56rem) {
  .layout { flex-direction: column; gap: 0; }
  nav.guides { flex: none; padding-top: 1rem; position: static; }
}
`;

/** @param {string} current  the page's markdown file name */
function navigation(current) {
  const items = GUIDES.map((guide) => {
    const currentAttr = guide.file === current ? ' aria-current="page"' : "";
    return `<li><a href="${htmlName(guide.file)}"${currentAttr}>${escapeHtml(guide.nav)}</a></li>`;
  }).join("\n");
  return `<nav class="guides" aria-label="Guides"><p>Guides</p><ul>\n${items}\n</ul></nav>`;
}

/**
 * Renders one page of docs/ (the landing page or a guide).
 * @param {{
 *   file: string,
 *   markdown: string,
 *   packages: { name: string, manifest: Record<string, any> }[],
 *   cli?: (command: string) => Promise<{ path: string[], help: string }[]>,
 * }} options  `file` is the markdown file's name (`errors.md`); `cli` runs a command's help
 * @returns {Promise<{ html: string, title: string }>}
 */
export async function renderPage({ file, markdown, packages, cli }) {
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim();
  if (!title) throw new Error(`docs/${file} has no "# " title`);
  let body = await createMarked().parse(markdown);
  body = body
    .replace("<!-- packages -->", () => packagesTable(packages))
    .replace("<!-- install -->", () => installBlock(packages))
    // Links between guides are written as the .md files (so they work on GitHub too).
    .replace(/href="([\w-]+)\.md(#[^"]*)?"/g, (_, name, hash = "") => `href="${name}.html${hash}"`);
  for (const match of body.matchAll(/<!-- cli-reference: ([\w-]+) -->/g)) {
    if (!cli) throw new Error(`docs/${file} asks for the ${match[1]} reference, but no command runner was given`);
    body = body.replace(match[0], cliReferenceHtml(match[1], await cli(match[1])));
  }
  const pageTitle = file === LANDING ? title : `${title} · NOIZ Voices SDK`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pageTitle.replace(/`/g, ""))}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a class="brand" href="index.html">NOIZ Voices SDK</a><a href="index.html">Home</a><a href="getting-started.html">Guides</a><a href="api/index.html">HTTP API</a><a href="reference/index.html">SDK reference</a></header>
<div class="layout">
${navigation(file)}
<main>
${body}
</main>
</div>
</body>
</html>
`;
  return { html, title };
}
