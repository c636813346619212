// Links that work both on GitHub and in the site. Guides link to each other as `errors.md#anchor`
// (VitePress turns that into errors.html) and to the rest of the repository by relative path
// (`../packages/client/README.md`, `../spec/voices.openapi.yaml`), which GitHub resolves. The site
// has no such files, so there a link to a package's README goes to that package's SDK reference, and
// any other link out of docs/ goes to the file on GitHub. Heading ids follow GitHub's rule, so an
// anchor means the same heading in both places.
import { posix } from "node:path";

/** GitHub's heading ids: lowercase, punctuation dropped, each space a hyphen. @param {string} text */
export const githubSlug = (text) =>
  text
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z#0-9]+;/gi, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/**
 * Where a link of a page under docs/ points in the site, or undefined when it stays as written (a
 * link inside docs/, an anchor, or an absolute URL).
 * @param {string} href  as written in the markdown
 * @param {string} page  the page's path under docs/, such as `index.md`
 * @param {{ web: string, branch: string, referenceOf: (packageDir: string) => string | undefined }} repo
 *   `referenceOf("client")`: the site path of that package's SDK reference, if it has one
 */
export function siteLinkOf(href, page, { web, branch, referenceOf }) {
  if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(href)) return undefined;
  const [path = "", hash] = href.split("#");
  const inRepo = posix.normalize(posix.join("docs", posix.dirname(page), path));
  if (inRepo === "docs" || inRepo.startsWith("docs/")) return undefined;
  if (inRepo.startsWith("../")) throw new Error(`docs/${page}: ${href} leaves the repository`);
  const readme = /^packages\/([^/]+)\/README\.md$/.exec(inRepo);
  const reference = readme ? referenceOf(readme[1]) : undefined;
  if (reference) return reference;
  const kind = /\.[a-z0-9]+$/i.test(inRepo) ? "blob" : "tree";
  return `${web}/${kind}/${branch}/${inRepo.replace(/\/$/, "")}${hash ? `#${hash}` : ""}`;
}

/**
 * The markdown-it plugin that applies siteLinkOf to every link of a page. It runs while parsing, so
 * VitePress's own link handling (and its dead-link check) sees the links as the site has them.
 * @param {any} md
 * @param {Parameters<typeof siteLinkOf>[2]} repo
 */
export function repositoryLinks(md, repo) {
  md.core.ruler.push("noiz-repository-links", (state) => {
    const page = state.env?.relativePath;
    if (!page) return;
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type !== "link_open") continue;
        const href = child.attrGet("href");
        const target = href && siteLinkOf(href, page, repo);
        if (target) child.attrSet("href", target);
      }
    }
  });
}

/**
 * The same rewrite over markdown text, for the pages published as markdown (llms-full.txt and the
 * `.md` copies next to each page).
 * @param {string} markdown
 * @param {string} page
 * @param {Parameters<typeof siteLinkOf>[2]} repo
 */
export function rewriteMarkdownLinks(markdown, page, repo) {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, href) => {
    const target = siteLinkOf(href, page, repo);
    return target ? `](${target})` : whole;
  });
}
