// TypeDoc for every published package, with undocumented exports as errors.
import { Application, Converter, ReflectionKind } from "typedoc";

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
 * Builds the TypeDoc site of `packages` into `out`.
 * @param {{ packages: { name: string, dir: string }[], out: string, root: string }} options
 * @returns {Promise<void>} rejects with every warning when something is not documented
 */
export async function buildReference({ packages, out, root }) {
  const app = await Application.bootstrapWithPlugins({
    name: "NOIZ Voices SDK",
    entryPointStrategy: "packages",
    entryPoints: packages.map((pkg) => pkg.dir),
    packageOptions: {
      entryPoints: ["src/index.ts"],
      blockTags: BLOCK_TAGS,
      validation: VALIDATION,
    },
    blockTags: BLOCK_TAGS,
    readme: "none",
    out,
    basePath: root,
    disableGit: true,
    sourceLinkTemplate: "https://github.com/noiz-voices/sdk/blob/main/{path}#L{line}",
    excludePrivate: true,
    excludeInternal: true,
    treatWarningsAsErrors: true,
    validation: VALIDATION,
    packagesRequiringDocumentation: packages.map((pkg) => pkg.name),
    logLevel: "Warn",
  });
  // Packages mode converts and validates each package with its own options, so the exemptions
  // are computed per package, once its reflections are resolved.
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => exemptStructuralMembers(app, context.project), -1000);
  const failed = (stage) => {
    throw new Error(
      `TypeDoc failed at ${stage}: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s) above.`,
    );
  };
  if (app.logger.hasErrors() || app.logger.hasWarnings()) failed("options");
  const project = await app.convert();
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) failed("conversion");
  // ...and again for the merged project, which is validated with the root options.
  exemptStructuralMembers(app, project);
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings() || app.logger.validationWarningCount > 0) failed("validation");
  await app.generateOutputs(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) failed("output");
}
