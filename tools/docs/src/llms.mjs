// llms.txt and llms-full.txt (the llmstxt.org shape), from the same markdown the site is built from:
// a title, a summary, and a link to each page's markdown, which is published next to its HTML
// (`errors.html` and `errors.md`), so every URL stays as stable as the file name.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { repoRoot } from "../../scripts/published-packages.mjs";
import { rewriteMarkdownLinks } from "./links.mjs";
import { HTTP_API, LANDING, titleOf } from "./pages.mjs";
import { docsDir, REFERENCE_DIR, sidebar, siteBase } from "./site.mjs";

/** Where the site is published (DOCS_SITE_URL plus DOCS_BASE), for absolute links; else root-relative. */
export function siteUrl(env = process.env) {
  return `${(env.DOCS_SITE_URL ?? "").replace(/\/+$/, "")}${siteBase(env)}`;
}

/** The page files of the sidebar, in its order: `errors.md`, `reference/@noiz-voices/client/index.md`, … */
export function sidebarPages(items = sidebar()) {
  const pages = [];
  for (const item of items) {
    if (item.link && !item.link.includes("#")) {
      const link = item.link.replace(/^\//, "");
      pages.push(link === "" || link.endsWith("/") ? `${link}index.md` : link);
    }
    if (item.items) pages.push(...sidebarPages(item.items));
  }
  return [...new Set(pages)];
}

/** The first paragraph after a page's `# ` title, on one line: its entry's note in llms.txt. */
export function summaryOf(markdown) {
  const body = markdown.replace(/<!--[\s\S]*?-->/g, "").split(/^# .*$/m)[1] ?? "";
  const paragraph = body
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .find((part) => part && !/^(#|```|\||<|- |\d+\. |Defined in:)/.test(part));
  return paragraph?.replace(/\s+/g, " ");
}

/** A page's markdown as published: comments dropped, links out of docs/ rewritten for the site. */
function published(markdown, page, repo, url) {
  const text = markdown.replace(/^<!--[\s\S]*?-->\n/gm, "").replace(/^<HttpApiReference \/>\n?/m, "");
  const markdownRepo = { ...repo, referenceOf: (dir) => repo.referenceOf(dir)?.replace(/^\//, url).concat("index.md") };
  return rewriteMarkdownLinks(text, page, markdownRepo).trimEnd();
}

/**
 * Writes llms.txt, llms-full.txt and the markdown of every page into the built site.
 * @param {{ outDir: string, pages: string[], repo: Parameters<typeof rewriteMarkdownLinks>[2], env?: NodeJS.ProcessEnv }} options
 *   `pages`: VitePress's pages (`errors.md`, …)
 */
export async function writeLlmsFiles({ outDir, pages, repo, env = process.env }) {
  const url = siteUrl(env);
  const ordered = [...sidebarPages().filter((page) => pages.includes(page))];
  for (const page of [...pages].sort()) if (!ordered.includes(page)) ordered.push(page);
  const entries = [];
  for (const page of ordered) {
    const source = await readFile(join(docsDir, page), "utf8");
    const text = published(source, page, repo, url);
    await mkdir(dirname(join(outDir, page)), { recursive: true });
    await writeFile(join(outDir, page), `${text}\n`);
    entries.push({ page, text, title: titleOf(text) ?? page, summary: summaryOf(text) });
  }
  const landing = entries.find((entry) => entry.page === LANDING);
  const link = ({ page, title, summary }) => `- [${title}](${url}${page})${summary ? `: ${summary}` : ""}`;
  const guides = entries.filter(
    ({ page }) => page !== LANDING && page !== HTTP_API && !page.startsWith(`${REFERENCE_DIR}/`),
  );
  const reference = entries.filter(({ page }) => page === HTTP_API || page.startsWith(`${REFERENCE_DIR}/`));
  const header = [`# ${landing?.title ?? "NOIZ Voices SDK"}`, "", `> ${landing?.summary ?? ""}`];
  const llms = [
    ...header,
    "",
    `Every page below is markdown; the same page as HTML drops the \`.md\` for \`.html\`. All of it in one file: [llms-full.txt](${url}llms-full.txt).`,
    "",
    "## Guides",
    "",
    ...[landing, ...guides].filter(Boolean).map(link),
    "",
    "## Reference",
    "",
    ...reference.map(link),
    "",
  ];
  await writeFile(join(outDir, "llms.txt"), llms.join("\n"));
  const spec = await readFile(join(repoRoot, "spec/voices.openapi.yaml"), "utf8");
  const full = entries.map(({ page, text }) => {
    const withSpec =
      page === HTTP_API
        ? `${text}\n\nThe spec, spec/voices.openapi.yaml:\n\n\`\`\`yaml\n${spec.trimEnd()}\n\`\`\``
        : text;
    return `<!-- ${url}${page} -->\n\n${withSpec}`;
  });
  await writeFile(join(outDir, "llms-full.txt"), `${[header.join("\n"), ...full].join("\n\n---\n\n")}\n`);
}
