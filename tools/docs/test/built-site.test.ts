// The built site (`pnpm docs`) read as files: every guide is there, every link between pages lands on
// a page and an anchor that exist, the command reference is the built command's own help, and the
// SDK reference links only into the repository its packages name.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repositoryWebUrl } from "../../packaging/src/repository.mjs";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { collectHelp, commandsIn, findExecutable } from "../src/cli-reference.mjs";
import { GUIDES, htmlName, LANDING } from "../src/pages.mjs";
import { SOURCE_BRANCH } from "../src/reference.mjs";
import { installCommand } from "../src/site.mjs";

const site = join(repoRoot, "docs/dist");
const packages = publishedPackages();
const pages = [LANDING, ...GUIDES.map((guide) => guide.file)].map(htmlName);

const read = (path: string) => readFileSync(path, "utf8");
const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const hrefsOf = (html: string) =>
  [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((match) => decode(match[1] ?? ""));
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decode(match[1] ?? "")));

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

beforeAll(() => {
  if (!existsSync(join(site, "index.html"))) throw new Error("docs/dist is missing: run `pnpm run docs` first");
});

describe("the guides", () => {
  it.each(pages)("%s is built, with its title", (page) => {
    const html = read(join(site, page));
    const markdown = read(join(repoRoot, "docs", page.replace(/\.html$/, ".md")));
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? "";
    expect(html).toContain(`">${title.replace(/`([^`]+)`/g, "<code>$1</code>")}</h1>`);
    // Every page lists every guide.
    for (const guide of GUIDES) expect(html).toContain(`href="${htmlName(guide.file)}"`);
  });

  it("the landing page installs every published package, with its peers", () => {
    const html = decode(read(join(site, "index.html")));
    for (const pkg of packages) expect(html).toContain(installCommand(pkg.manifest));
  });

  it("every link from a page to another page of the site lands on a file and an anchor that exist", () => {
    const broken: string[] = [];
    for (const file of htmlFiles(site)) {
      if (file.includes(`${join(site, "reference")}/`) || file.includes(`${join(site, "api")}/`)) continue;
      for (const href of hrefsOf(read(file))) {
        if (/^[a-z]+:/i.test(href)) continue;
        const [path = "", hash] = href.split("#");
        const target = path === "" ? file : resolve(dirname(file), path);
        const label = `${relative(site, file)} → ${href}`;
        if (!existsSync(target)) {
          broken.push(`${label} (no such file)`);
          continue;
        }
        if (hash && target.endsWith(".html") && !idsOf(read(target)).has(hash))
          broken.push(`${label} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("no page of the guides links to a .md file (the site has none)", () => {
    for (const page of pages) {
      const local = hrefsOf(read(join(site, page))).filter((href) => !/^[a-z]+:/i.test(href));
      expect(
        local.filter((href) => /\.md(#|$)/.test(href)),
        page,
      ).toEqual([]);
    }
  });
});

describe("the command reference", () => {
  const { path: executable } = findExecutable(packages, "noiz-voices");
  let entries: Awaited<ReturnType<typeof collectHelp>>;
  let html: string;

  beforeAll(async () => {
    entries = await collectHelp(executable);
    html = decode(read(join(site, "node-and-cli.html")));
  }, 60_000);

  it("shows the help of the program and of every command it lists, as the built command prints it", () => {
    const listed = commandsIn(entries[0]?.help ?? "");
    expect(listed).toEqual(expect.arrayContaining(["list", "get", "clone", "sample", "delete"]));
    expect(entries.map((entry) => entry.path.join(" "))).toEqual(expect.arrayContaining(["", ...listed]));
    for (const { path, help } of entries) {
      expect(html, `noiz-voices ${path.join(" ")} --help`).toContain(help);
      expect(html).toContain(`id="cli-${path.length ? path.join("-") : "noiz-voices"}"`);
    }
  });
});

describe("the SDK reference", () => {
  const reference = join(site, "reference");
  const files = () => [...htmlFiles(reference)];

  it("links sources only to the repository each package names, at files that exist", () => {
    const allowed = packages.map((pkg) => ({
      pkg,
      prefix: `${repositoryWebUrl(pkg.manifest)}/blob/${SOURCE_BRANCH}/packages/${pkg.dirName}/src/`,
    }));
    const links = new Set<string>();
    for (const file of files()) {
      for (const href of hrefsOf(read(file))) {
        expect(href, relative(site, file)).not.toContain("node_modules");
        if (/#L\d+$/.test(href)) links.add(href);
      }
    }
    expect(links.size).toBeGreaterThan(0);
    for (const link of links) {
      const match = allowed.find(({ prefix }) => link.startsWith(prefix));
      expect(match, `${link} is not a source file of a published package`).toBeDefined();
      const [path = "", line] = link.slice(link.indexOf("/packages/") + 1).split("#L");
      const source = join(repoRoot, path);
      expect(existsSync(source), link).toBe(true);
      expect(Number(line), link).toBeLessThanOrEqual(read(source).split("\n").length);
    }
  });

  it("names every parameter: no __namedParameters, and VoicesError's constructor shows `details`", () => {
    for (const file of files()) expect(read(file), relative(site, file)).not.toContain("__namedParameters");
    // The page's name depends on the package's entry points (`_noiz-voices_client._noiz-voices_client.` once
    // `@noiz-voices/client/adapter` joined the main one): find it, whatever the nesting.
    const page = readdirSync(join(reference, "classes")).find(
      (name) => name.startsWith("_noiz-voices_client.") && name.endsWith(".VoicesError.html"),
    );
    expect(page, "VoicesError's reference page").toBeDefined();
    const voicesError = read(join(reference, "classes", page!));
    expect(voicesError).toMatch(/tsd-kind-parameter">details<\/span>/);
  });

  it("gives every package and entry point an overview, not a bare list of symbols", () => {
    const modules = readdirSync(join(reference, "modules"));
    for (const pkg of packages) expect(modules, pkg.name).toContain(`${pkg.name.replace(/[@/]/g, "_")}.html`);
    for (const module of modules) {
      expect(read(join(reference, "modules", module)), module).toMatch(/class="tsd-panel tsd-(typography|comment)"/);
    }
  });
});
