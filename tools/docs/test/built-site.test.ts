// The built site (`pnpm docs:build`) read as files: every page is there, no internal link is dead
// (a link checker over the HTML, anchors included), every guide is in the sidebar, the search index
// holds the guides, the SDK reference has a page for every public export, llms.txt lists every page,
// and nothing would be fetched from the network.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { findRemoteLoads } from "../src/offline.mjs";
import { guidesIn, HTTP_API, LANDING } from "../src/pages.mjs";
import { entryPointsOf } from "../src/reference.mjs";
import {
  BRANCH,
  docsDir,
  REDOC_PAGE,
  REFERENCE_DIR,
  referenceFolderOf,
  repositoryWeb,
  SITE_OUT as site,
  siteBase,
} from "../src/site.mjs";

// The sub-path the site was built for (DOCS_BASE, as `pnpm docs:build` read it).
const base = siteBase();

const packages = publishedPackages();
const guides = guidesIn(docsDir);
const read = (path: string) => readFileSync(path, "utf8");
const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const attributesOf = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => decode(m[1] ?? ""));
const linksOf = (html: string) => [
  ...attributesOf(html, /<a\s[^>]*?href="([^"]*)"/g),
  ...attributesOf(html, /<iframe\s[^>]*?src="([^"]*)"/g),
];
const idsOf = (html: string) => new Set(attributesOf(html, /\sid="([^"]*)"/g));

function* filesIn(dir: string, ext: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesIn(path, ext);
    else if (entry.name.endsWith(ext)) yield path;
  }
}
/** docs/x.md → dist/x.html */
const htmlOf = (page: string) => join(site, page.replace(/\.md$/, ".html"));

beforeAll(() => {
  if (!existsSync(join(site, "index.html"))) throw new Error("tools/docs/dist is missing: run `pnpm docs:build` first");
});

describe("every page builds", () => {
  const sources = () => [...filesIn(docsDir, ".md")].map((file) => relative(docsDir, file));

  it("each markdown file of docs/ (guides and the generated reference) has its HTML page, with its title", () => {
    const pages = sources();
    expect(pages).toEqual(expect.arrayContaining([LANDING, HTTP_API, ...guides.map((guide) => guide.file)]));
    expect(pages.filter((page) => page.startsWith(`${REFERENCE_DIR}/`)).length).toBeGreaterThan(packages.length);
    for (const page of pages) {
      expect(existsSync(htmlOf(page)), page).toBe(true);
      const title = /^# (.+)$/m.exec(read(join(docsDir, page)))?.[1]?.replace(/`/g, "");
      const text = decode(read(htmlOf(page)).replace(/<[^>]+>/g, ""));
      if (title) expect(text.includes(title.replace(/\\/g, "")), `${page}: ${title}`).toBe(true);
    }
  });

  it("each page has a link to its source on GitHub", () => {
    const web = repositoryWeb();
    for (const page of [LANDING, ...guides.map((guide) => guide.file)]) {
      expect(read(htmlOf(page)).includes(`href="${web}/edit/${BRANCH}/docs/${page}"`), page).toBe(true);
    }
    const client = packages.find((pkg) => pkg.name === "@noiz-voices/client");
    const href = `href="${web}/tree/${BRANCH}/packages/${client?.dirName}/src"`;
    expect(read(join(site, REFERENCE_DIR, "client/index.html")).includes(href), href).toBe(true);
  });
});

describe("links", () => {
  it("no internal link of any page is dead: each lands on a file, and on an id that exists", () => {
    const broken: string[] = [];
    const checked = new Set<string>();
    for (const file of filesIn(site, ".html")) {
      // Redoc's page is an app: its <a href="/voices"> are routes of its own client-side router,
      // which the browser test clicks through.
      if (file === join(site, REDOC_PAGE)) continue;
      for (const href of linksOf(read(file))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) continue;
        const [path = "", hash] = href.split("#");
        if (path.startsWith("/") && !path.startsWith(base)) {
          broken.push(`${relative(site, file)} → ${href} (outside the site's base ${base})`);
          continue;
        }
        let target =
          path === ""
            ? file
            : path.startsWith("/")
              ? join(site, path.slice(base.length))
              : resolve(dirname(file), path);
        if (path.endsWith("/")) target = join(target, "index.html");
        const label = `${relative(site, file)} → ${href}`;
        if (checked.has(`${target}#${hash}`)) continue;
        checked.add(`${target}#${hash}`);
        if (!existsSync(target)) broken.push(`${label} (no such file)`);
        else if (hash && target.endsWith(".html") && !idsOf(read(target)).has(decodeURIComponent(hash)))
          broken.push(`${label} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked.size).toBeGreaterThan(200);
  });

  it("links of the guides out of docs/ go to GitHub (or a package's reference), never to a .md file", () => {
    for (const page of [LANDING, HTTP_API, ...guides.map((guide) => guide.file)]) {
      const local = linksOf(read(htmlOf(page))).filter((href) => !/^[a-z]+:/i.test(href));
      expect(
        local.filter((href) => /\.md(#|$)/.test(href) || href.startsWith("..")),
        page,
      ).toEqual([]);
    }
    // The package table leads to each package's reference.
    const landing = read(htmlOf(LANDING));
    for (const pkg of packages) {
      const href = `href="${base}${REFERENCE_DIR}/${referenceFolderOf(pkg.name)}/"`;
      expect(landing.includes(href), href).toBe(true);
    }
  });
});

describe("navigation and search", () => {
  it("every guide of docs/ is in the sidebar of every guide, with the HTTP API and the SDK reference", () => {
    for (const page of [LANDING, ...guides.map((guide) => guide.file)]) {
      const sidebar = read(htmlOf(page)).split('class="VPSidebar"')[1] ?? "";
      const links = new Set(
        attributesOf(sidebar, /<a\s[^>]*?href="([^"]*)"/g).map((href) => `/${href.slice(base.length)}`),
      );
      for (const guide of guides)
        expect(links, `${page}: ${guide.file}`).toContain(`/${guide.file.replace(/\.md$/, ".html")}`);
      expect(links).toContain(`/${HTTP_API.replace(/\.md$/, ".html")}`);
      expect(links).toContain(`/${REFERENCE_DIR}/`);
    }
  });

  it("the local search index holds every guide, and finds listAll", () => {
    const chunks = join(site, "assets/chunks");
    const index = readdirSync(chunks).find((name) => name.startsWith("@localSearchIndexroot."));
    expect(index, "VitePress's local search index").toBeDefined();
    const text = read(join(chunks, index ?? ""));
    for (const guide of guides)
      expect(text.includes(`/${guide.file.replace(/\.md$/, ".html")}`), guide.file).toBe(true);
    expect(text.includes("listAll")).toBe(true);
  });
});

describe("the SDK reference", () => {
  /** The names each entry point of a package exports, as the TypeScript compiler sees them. */
  function exportsOf(entry: string, tsconfig: string): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
    );
    const program = ts.createProgram([entry], { ...config?.options, noEmit: true });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
    // A default export of a named one (`export default spec`) is documented on that name's page.
    const nameOf = (symbol: ts.Symbol) =>
      symbol.name === "default" && symbol.flags & ts.SymbolFlags.Alias
        ? checker.getAliasedSymbol(symbol).name
        : symbol.name;
    return module ? checker.getExportsOfModule(module).map(nameOf) : [];
  }

  it.each(packages)(
    "$name: every public export has its page",
    (pkg) => {
      const folder = join(docsDir, REFERENCE_DIR, referenceFolderOf(pkg.name));
      const pages = new Set([...filesIn(folder, ".md")].map((file) => file.split("/").pop()?.replace(/\.md$/, "")));
      const missing: string[] = [];
      let count = 0;
      for (const entry of entryPointsOf(pkg)) {
        for (const name of exportsOf(entry, join(pkg.dir, "tsconfig.json"))) {
          count += 1;
          if (!pages.has(name)) missing.push(`${relative(repoRoot, entry)}: ${name}`);
        }
      }
      expect(count).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    },
    60_000,
  );

  it("createVoicesClient's page shows its signature and its TSDoc", () => {
    const [page] = [...filesIn(join(site, REFERENCE_DIR, "client"), "createVoicesClient.html")];
    expect(page).toBeDefined();
    const text = decode(read(page ?? "").replace(/<[^>]+>/g, ""));
    expect(text).toContain("function createVoicesClient(clientOptions?): VoicesClient;");
    expect(text).toContain("Creates a client.");
  });

  it("links sources only to files of published packages in the repository", () => {
    const web = repositoryWeb();
    const links = new Set<string>();
    for (const file of filesIn(join(site, REFERENCE_DIR), ".html")) {
      for (const href of linksOf(read(file))) {
        expect(href.includes("node_modules"), `${relative(site, file)}: ${href}`).toBe(false);
        if (/#L\d+$/.test(href)) links.add(href);
      }
    }
    expect(links.size).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${web}/blob/${BRANCH}/packages/`), link).toBe(true);
      const [path = "", line] = link.slice(`${web}/blob/${BRANCH}/`.length).split("#L");
      expect(existsSync(join(repoRoot, path)), link).toBe(true);
      expect(Number(line), link).toBeLessThanOrEqual(read(join(repoRoot, path)).split("\n").length);
    }
  });
});

describe("llms.txt", () => {
  it("has a title, a summary and a link to the markdown of every guide and reference page, each published", () => {
    const text = read(join(site, "llms.txt"));
    expect(text).toMatch(/^# NOIZ Voices SDK\n\n> \S/);
    const links = attributesOf(text, /\]\((\/[^)\s]*)\)/g).map((link) => `/${link.slice(base.length)}`);
    const pages = [...filesIn(docsDir, ".md")].map((file) => `/${relative(docsDir, file)}`);
    expect(new Set(links)).toEqual(new Set([...pages, "/llms-full.txt"]));
    for (const link of links) expect(existsSync(join(site, link)), link).toBe(true);
    expect(text).toMatch(/^## Guides$/m);
    expect(text).toMatch(/^## Reference$/m);
  });

  it("llms-full.txt holds the full text of every page and the spec", () => {
    const text = read(join(site, "llms-full.txt"));
    for (const guide of guides) {
      const body = read(join(docsDir, guide.file));
      const paragraph = body.split("\n\n").find((part) => part.length > 80 && !part.startsWith("<!--"));
      expect(text.includes(paragraph?.split("\n")[0] ?? "-"), guide.file).toBe(true);
    }
    for (const part of ["operationId: listVoices", "# Function: createVoicesClient()"])
      expect(text.includes(part), part).toBe(true);
    expect(text.includes("<!-- BEGIN generated")).toBe(false);
  });
});

describe("offline", () => {
  it("no page would fetch anything from the network", async () => {
    await expect(findRemoteLoads(site)).resolves.toEqual([]);
  });
});
