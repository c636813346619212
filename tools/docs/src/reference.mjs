// The SDK reference: TypeDoc over every published package (undocumented exports are errors), rendered
// as markdown pages into the site (typedoc-plugin-markdown with typedoc-vitepress-theme, which also
// writes the reference's sidebar, typedoc-sidebar.json).
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Application, Comment, Converter, MinimalSourceFile, ReflectionKind } from "typedoc";
import { repositoryWebUrl } from "../../packaging/src/repository.mjs";
import { publicSubpaths } from "../../scripts/published-packages.mjs";
import { BRANCH } from "./site.mjs";

// openapi-typescript's structural keys: the shape of `paths`/`operations`/`components`, not things
// the spec can describe. Everything the spec can describe (operations, parameters, schema
// properties) must carry its description in spec/voices.openapi.yaml and is checked like any export.
const BLOCK_TAGS = [
  "@description",
  "@default",
  "@example",
  "@deprecated",
  "@see",
  "@returns",
  "@param",
  "@throws",
  "@remarks",
  "@typeParam",
  // openapi-typescript writes it for a schema's `const` (a success envelope's `code: 0`).
  "@constant",
];
// Referenced-but-unexported helper types (`WithRequired` in generated code, mapped types) are
// implementation details; the exported names are what users import, and those must be documented.
const VALIDATION = { notDocumented: true, notExported: false, invalidLink: true };

const STRUCTURAL_KEYS = new Set([
  "parameters",
  "query",
  "header",
  "path",
  "cookie",
  "requestBody",
  "responses",
  "content",
  "headers",
  "schemas",
  "requestBodies",
  "pathItems",
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
]);

function isStructuralGeneratedMember(reflection) {
  if (reflection.hasComment()) return false;
  const sources = reflection.sources ?? [];
  if (
    sources.length === 0 ||
    !sources.every((source) => /(^|\/)src\/generated\//.test(source.fullFileName || source.fileName))
  ) {
    return false;
  }
  if (!reflection.kindOf(ReflectionKind.Property)) return false;
  const name = reflection.name;
  // `operations.listVoices` and friends repeat `paths`, where openapi-typescript puts each
  // operation's summary and description.
  if (reflection.parent?.name === "operations") return true;
  return STRUCTURAL_KEYS.has(name) || /^\d{3}$/.test(name) || name.includes("/");
}

function exemptStructuralMembers(app, project) {
  const names = Object.values(project.reflections)
    .filter(isStructuralGeneratedMember)
    .map((reflection) => reflection.getFriendlyFullName());
  app.options.setValue("intentionallyNotDocumented", [...new Set(names)]);
}

/**
 * The source file of each entry point in a package's `exports` map: `./dist/testing.js` is
 * `src/testing.ts` (or `.tsx`). `./package.json` is not code.
 * @param {{ name: string, dir: string, manifest: Record<string, any> }} pkg
 * @returns {string[]}
 */
export function entryPointsOf(pkg) {
  return [...new Set(exportedSources(pkg).map(({ source }) => source))];
}

/**
 * Each exported subpath of code with its source file: `{ subpath: "./testing", source: ".../src/testing.ts" }`.
 * Subpaths that export data, not code (`./package.json`, `./openapi.yaml`), are not documented here.
 */
function exportedSources(pkg) {
  const exportsMap = pkg.manifest.exports ?? { ".": pkg.manifest.module ?? pkg.manifest.main };
  // Code only: a data file in the map (such as `@noiz-voices/spec/openapi.json`) has no source to document.
  const code = new Set(publicSubpaths(pkg.manifest));
  const targets = Object.entries(typeof exportsMap === "string" ? { ".": exportsMap } : exportsMap)
    .filter(([subpath]) => code.has(subpath))
    .map(([subpath, target]) => {
      const file = JSON.stringify(target).match(/"\.\/dist\/([^"]+?)\.(?:d\.)?c?[jt]s"/)?.[1];
      const source = file && ["ts", "tsx"].map((ext) => join(pkg.dir, "src", `${file}.${ext}`)).find(existsSync);
      if (!source) throw new Error(`${pkg.name}: no src/ file for exports["${subpath}"] (${JSON.stringify(target)})`);
      return { subpath, source };
    });
  return targets;
}

/**
 * Names a package's entry modules by their import path (`@noiz-voices/node/testing`) instead of
 * their folder (`packages/node/src/testing`), which is what users type; and gives each one an
 * overview when it has no module comment: the entry file's leading comment, or (for the package's
 * main entry) its description. A reference page is never a bare list of symbols.
 */
function nameModulesByImportPath(app, pkg) {
  const entries = new Map(exportedSources(pkg).map((entry) => [entry.source, entry]));
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const source = module.sources?.[0]?.fullFileName ?? "";
      const entry = entries.get(source);
      if (!entry) continue;
      module.name = entry.subpath === "." ? pkg.name : pkg.name + entry.subpath.slice(1);
      if (module.hasComment() || module.readme?.length) continue;
      // A package with one entry point is one module page, which shows the README already; with
      // several, the README is on the package's page and the main entry gets its description.
      const text =
        leadingComment(readFileSync(source, "utf8")) ?? (entry.subpath === "." ? pkg.manifest.description : undefined);
      // As the module's comment (not its readme, which would replace the page's title).
      if (text)
        module.comment = new Comment(
          app.converter.parseRawComment(new MinimalSourceFile(text, source), context.project.files).content,
        );
    }
  });
}

/**
 * The text of a file's first `/** … *\/` comment, when the file starts with one (after a shebang
 * and `/// <reference … />` directives, which a Node-only entry such as `@noiz-voices/testing/server`
 * puts first).
 */
export function leadingComment(code) {
  const match = /^(?:#![^\n]*\n)?(?:\s*\/\/\/[^\n]*\n)*\s*\/\*\*([\s\S]*?)\*\//.exec(code);
  if (!match) return undefined;
  const text = match[1]
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
  return text || undefined;
}

/**
 * A destructured parameter has no name of its own: TypeDoc shows `__namedParameters` unless a
 * `@param` names it. Such a parameter is named after its type instead (`VoicesProviderProps` →
 * `props`, `…Options` → `options`), or `options`.
 */
function nameDestructuredParameters(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      if (!reflection.kindOf(ReflectionKind.Parameter) || reflection.name !== "__namedParameters") continue;
      const typeName = reflection.type?.type === "reference" ? reflection.type.name : "";
      reflection.name = /Props$/.test(typeName) ? "props" : /Details$/.test(typeName) ? "details" : "options";
    }
  });
}

/**
 * "Defined in" links: to the repository's file for code under `packages/<name>/src/` (what the
 * repository holds), and none for anything else. Sources in node_modules (TypeScript's own
 * `lib.*.d.ts` behind inherited `Error` members) are dropped: they are not this SDK's code.
 */
function keepSourceLinksInRepository(app, root, linkable) {
  const srcDir = new RegExp(`^packages\\${sep}[^\\${sep}]+\\${sep}src\\${sep}`);
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const reflection of Object.values(context.project.reflections)) {
        if (!reflection.sources) continue;
        reflection.sources = reflection.sources.filter((source) => {
          const path = relative(root, source.fullFileName);
          if (path.startsWith("..") || path.split(sep).includes("node_modules")) return false;
          if (!linkable || !srcDir.test(path)) source.url = undefined;
          return true;
        });
      }
    },
    -100,
  );
}

const COMMON = {
  blockTags: BLOCK_TAGS,
  excludePrivate: true,
  excludeInternal: true,
  disableGit: true,
  treatWarningsAsErrors: true,
  logLevel: "Warn",
};

// How the pages read: members in tables, no "Defined in" noise at the top, comments escaped for Vue.
const MARKDOWN = {
  plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
  entryFileName: "index",
  // `/reference/client/…`, not `/reference/@noiz-voices/client/…`.
  excludeScopesInPaths: true,
  useCodeBlocks: true,
  parametersFormat: "table",
  interfacePropertiesFormat: "table",
  classPropertiesFormat: "table",
  typeDeclarationFormat: "table",
  enumMembersFormat: "table",
  sanitizeComments: true,
  sidebar: { autoConfiguration: true, collapsed: true, pretty: true },
};

/** Source-link options for one package: its own repository's files, or no links at all. */
function sourceOptions(manifest, root) {
  const web = repositoryWebUrl(manifest);
  // Paths are the repository's (packages/client/src/…), whatever folder the entry points share.
  // Without a repository, TypeDoc still needs a template; keepSourceLinksInRepository drops the URLs.
  if (!web) return { sourceLinkTemplate: "{path}", displayBasePath: root };
  return { sourceLinkTemplate: `${web}/blob/${BRANCH}/{path}#L{line}`, displayBasePath: root };
}

function assertClean(app, stage, name) {
  if (app.logger.hasErrors() || app.logger.hasWarnings() || app.logger.validationWarningCount > 0) {
    throw new Error(
      `TypeDoc failed at ${stage} of ${name}: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s) above.`,
    );
  }
}

/** Converts and validates one package, and writes its TypeDoc JSON to `json`. */
async function convertPackage(pkg, json, root) {
  const app = await Application.bootstrapWithPlugins({
    ...COMMON,
    ...sourceOptions(pkg.manifest, root),
    name: pkg.name,
    entryPoints: entryPointsOf(pkg),
    tsconfig: join(pkg.dir, "tsconfig.json"),
    basePath: root,
    readme: existsSync(join(pkg.dir, "README.md")) ? join(pkg.dir, "README.md") : "none",
    // The packages' own typecheck tasks check their types; TypeDoc only documents them.
    skipErrorChecking: true,
    validation: VALIDATION,
    packagesRequiringDocumentation: [pkg.name],
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => exemptStructuralMembers(app, context.project), -1000);
  nameModulesByImportPath(app, pkg);
  keepSourceLinksInRepository(app, root, repositoryWebUrl(pkg.manifest) !== undefined);
  nameDestructuredParameters(app);
  assertClean(app, "options", pkg.name);
  const project = await app.convert();
  if (!project) throw new Error(`TypeDoc could not convert ${pkg.name} (errors above)`);
  assertClean(app, "conversion", pkg.name);
  app.validate(project);
  assertClean(app, "validation", pkg.name);
  await app.generateJson(project, json);
}

/**
 * Writes the SDK reference of `packages` as markdown into `out` (a folder of the site's `docsRoot`):
 * each package is converted and validated on its own (entry points from its `exports` map), then the
 * results are merged into one reference with one sidebar.
 * @param {{ packages: { name: string, dirName?: string, dir: string, manifest?: Record<string, any> }[], out: string, root: string, docsRoot?: string }} options
 * @returns {Promise<void>} rejects when something is not documented (TypeDoc prints what)
 */
export async function buildReference({ packages, out, root, docsRoot = join(out, "..") }) {
  const work = await mkdtemp(join(tmpdir(), "noiz-typedoc-"));
  try {
    const jsons = [];
    for (const [index, pkg] of packages.entries()) {
      const manifest = pkg.manifest ?? JSON.parse(await readFile(join(pkg.dir, "package.json"), "utf8"));
      const json = join(work, `${index}.json`);
      await convertPackage({ ...pkg, manifest }, json, root);
      jsons.push(json);
    }
    await rm(out, { recursive: true, force: true });
    const app = await Application.bootstrapWithPlugins({
      ...COMMON,
      ...MARKDOWN,
      name: "SDK reference",
      entryPointStrategy: "merge",
      entryPoints: jsons,
      readme: "none",
      out,
      docsRoot,
      validation: { notDocumented: false, notExported: false, invalidLink: true },
    });
    assertClean(app, "options", "the merged reference");
    const project = await app.convert();
    if (!project) throw new Error("TypeDoc could not merge the packages (errors above)");
    app.validate(project);
    assertClean(app, "validation", "the merged reference");
    await app.generateOutputs(project);
    assertClean(app, "output", "the merged reference");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
