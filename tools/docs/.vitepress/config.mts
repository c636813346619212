// The docs site: VitePress over docs/ (guides, landing page, HTTP API page, the generated SDK
// reference), one sidebar, local search, GitHub's heading ids, and links that work on GitHub too.
import { type DefaultTheme, defineConfigWithTheme } from "vitepress";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { githubSlug, repositoryLinks } from "../src/links.mjs";
import { writeLlmsFiles } from "../src/llms.mjs";
import { HTTP_API } from "../src/pages.mjs";
import {
  BRANCH,
  docsDir,
  REDOC_PAGE,
  REFERENCE_DIR,
  referenceFolderOf,
  referenceOf,
  repositoryWeb,
  SITE_OUT,
  sidebar,
  siteBase,
} from "../src/site.mjs";

const web = repositoryWeb();
const repo = { web, branch: BRANCH, referenceOf };

export default defineConfigWithTheme<DefaultTheme.Config & { redocPage: string }>({
  title: "NOIZ Voices SDK",
  description: "Typed TypeScript clients for the NOIZ Voices API: guides, SDK reference, HTTP API reference.",
  lang: "en",
  base: siteBase(),
  srcDir: docsDir,
  outDir: SITE_OUT,
  cacheDir: ".vitepress/cache",
  srcExclude: ["dist/**"],
  // Each page is a plain .html file: any static host serves it, under any sub-path.
  cleanUrls: false,
  lastUpdated: false,
  markdown: {
    anchor: { slugify: githubSlug },
    // `{…}` after text is prose here (`{ code, message, data }`), never an attribute list.
    attrs: { disable: true },
    config: (md) => repositoryLinks(md, repo),
  },
  themeConfig: {
    nav: [
      { text: "Guides", link: "/getting-started.md" },
      { text: "SDK reference", link: `/${REFERENCE_DIR}/` },
      { text: "HTTP API", link: `/${HTTP_API}` },
    ],
    sidebar: sidebar(),
    outline: { level: [2, 3] },
    search: { provider: "local" },
    socialLinks: [{ icon: "github", link: web }],
    editLink: {
      // A guide is edited in docs/; a reference page is made from its package's sources. VitePress
      // ships this function to the browser as its source text, so it must close over nothing: the
      // values it needs are written into it.
      pattern: new Function(
        "{ filePath }",
        `const folder = /^${REFERENCE_DIR}\\/([^/]+)\\//.exec(filePath)?.[1];
        const packages = ${JSON.stringify(Object.fromEntries(publishedPackages().map((pkg) => [referenceFolderOf(pkg.name), pkg.dirName])))};
        if (folder && packages[folder]) return ${JSON.stringify(`${web}/tree/${BRANCH}/packages/`)} + packages[folder] + "/src";
        if (filePath.startsWith("${REFERENCE_DIR}/")) return ${JSON.stringify(`${web}/tree/${BRANCH}/packages`)};
        return ${JSON.stringify(`${web}/edit/${BRANCH}/docs/`)} + filePath;`,
      ) as (payload: { filePath: string }) => string,
      text: "Edit this page (or see its source) on GitHub",
    },
    // The HTTP API page shows this page (src/build.mjs writes it with Redocly).
    redocPage: REDOC_PAGE,
    footer: { message: "Generated from spec/voices.openapi.yaml, the packages' sources and docs/." },
  },
  // The HTTP API page gives Redoc the whole width of the content column (no outline beside it).
  transformPageData(pageData) {
    if (pageData.relativePath === HTTP_API) {
      pageData.frontmatter = { ...pageData.frontmatter, aside: false, outline: false, pageClass: "http-api-page" };
    }
  },
  buildEnd: (config) => writeLlmsFiles({ outDir: config.outDir, pages: config.pages, repo }),
});
