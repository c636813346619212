// Generates src/generated/contract.gen.js (+ .d.ts): the Voices API spec compiled into the fake.
//
// The fake validates every request it gets, and every response it sends, against
// spec/voices.openapi.yaml. The schemas are compiled here, at generate time, with ajv's standalone
// code generation and bundled (esbuild) into one self-contained module: at run time nothing is
// compiled, so the fake runs where `eval` and `new Function` are forbidden (edge runtimes, a strict
// CSP), and it needs neither ajv nor the YAML at run time.
//
//   node scripts/generate.mjs     (the package's `generate` script; `pnpm generate` runs it via turbo)
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import { build } from "esbuild";
import { parse } from "yaml";
import { derefIn } from "../../../tools/scripts/spec-refs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const root = resolve(packageDir, "../..");
const specPath = resolve(root, "spec/voices.openapi.yaml");
const outDir = resolve(packageDir, "src/generated");

const HEADER = `/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (ajv standalone validators, bundled by esbuild).
 * Change the spec, then run \`pnpm generate\`.
 */
`;

const spec = parse(await readFile(specPath, "utf8"));
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
// Absolute ids, so that references resolve the same from every schema (never fetched).
const SCHEMAS_ID = "urn:noiz-voices:spec";

/** Follows a local `$ref` to what it names. */
const deref = derefIn(spec);

/** A schema with its component `$ref`s pointing into the `voices` schema document ajv holds. */
function pointAtComponents(schema, prefix) {
  return JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_, name) => `"${prefix}#/$defs/${name}"`),
  );
}

/** A parameter's schema; a `default` behind a `$ref` is lifted beside it, where ajv's useDefaults sees it. */
function parameterSchema(parameter) {
  const schema = pointAtComponents(parameter.schema ?? {}, SCHEMAS_ID);
  const target = parameter.schema?.$ref ? deref(parameter.schema) : undefined;
  if (target && target.default !== undefined && schema.default === undefined) schema.default = target.default;
  return schema;
}

const operations = [];
const requestSchemas = {};
const responseSchemas = {};

for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation) continue;
    const id = operation.operationId;
    if (!id) throw new Error(`generate: ${method.toUpperCase()} ${path} has no operationId`);
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    const parametersIn = {};
    for (const where of ["path", "query", "header"]) {
      const list = parameters.filter((parameter) => parameter.in === where);
      if (list.length === 0) continue;
      // Header names are matched lower-cased, as the fetch API hands them over.
      const nameOf = (parameter) => (where === "header" ? parameter.name.toLowerCase() : parameter.name);
      requestSchemas[`${id}:${where}`] = {
        type: "object",
        properties: Object.fromEntries(list.map((parameter) => [nameOf(parameter), parameterSchema(parameter)])),
        required: list.filter((parameter) => parameter.required).map(nameOf),
      };
      parametersIn[where] = list.map(nameOf);
    }
    let requestBody = null;
    if (operation.requestBody) {
      const body = deref(operation.requestBody);
      const contentTypes = Object.keys(body.content ?? {});
      const encoding = {};
      for (const [type, media] of Object.entries(body.content ?? {})) {
        if (!media.schema) continue;
        requestSchemas[`${id}:body:${type}`] = pointAtComponents(media.schema, SCHEMAS_ID);
        for (const [field, spec] of Object.entries(media.encoding ?? {})) {
          if (spec.contentType) encoding[field] = spec.contentType.split(",").map((value) => value.trim());
        }
      }
      requestBody = { required: body.required === true, contentTypes, encoding };
    }
    const responses = {};
    for (const [status, reference] of Object.entries(operation.responses ?? {})) {
      const response = deref(reference);
      const json = response.content?.["application/json"];
      if (json?.schema) responseSchemas[`${id}:${status}`] = pointAtComponents(json.schema, SCHEMAS_ID);
      responses[status] = {
        json: Boolean(json?.schema),
        headers: Object.keys(response.headers ?? {}),
      };
    }
    operations.push({
      operationId: id,
      method: method.toUpperCase(),
      path,
      parameters: parametersIn,
      requestBody,
      responses,
    });
  }
}

// The security the whole API asks for: one apiKey scheme in a header.
const securityNames = (spec.security ?? []).flatMap((requirement) => Object.keys(requirement));
const schemes = securityNames.map((name) => spec.components.securitySchemes[name]);
if (schemes.length !== 1 || schemes[0].type !== "apiKey" || schemes[0].in !== "header") {
  throw new Error("generate: the fake knows one security scheme: an apiKey in a header. Teach it the new one.");
}
const security = { header: schemes[0].name.toLowerCase() };

/** Standalone ESM code of the given schemas, compiled by an ajv with `options`. */
function compile(schemas, options) {
  const ajv = new Ajv2020({
    ...options,
    strict: true,
    // An object schema with `required` but no `type` is the spec's style (allOf branches).
    strictRequired: false,
    strictTypes: false,
    code: { source: true, esm: true, lines: true },
  });
  addFormats.default(ajv);
  ajv.addFormat("binary", true); // OpenAPI's file marker: the fake checks file parts itself
  const components = pointAtComponents(spec.components.schemas, "");
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: components });
  const exported = {};
  for (const [key, schema] of Object.entries(schemas)) {
    const $id = `${SCHEMAS_ID}:${key.replace(/[^\w]/g, "_")}`;
    ajv.addSchema({ ...schema, $id });
    exported[key] = $id;
  }
  // Export names must be identifiers: the module maps them back to the keys below.
  const names = Object.fromEntries(Object.entries(exported).map(([key, $id], index) => [`v${index}`, { key, $id }]));
  const code = standaloneCode.default(ajv, Object.fromEntries(Object.entries(names).map(([n, { $id }]) => [n, $id])));
  const table = Object.entries(names)
    .map(([name, { key }]) => `  ${JSON.stringify(key)}: ${name},`)
    .join("\n");
  return `${code}\nexport const table = {\n${table}\n};\n`;
}

// The component schemas the fake checks on their own: seeded voices, and the bodies of injected
// faults (whose statuses the spec may not list for the operation).
const schemaValidators = Object.fromEntries(
  ["Voice", "ErrorEnvelope"].map((name) => [`schema:${name}`, { $ref: `${SCHEMAS_ID}#/$defs/${name}` }]),
);

const work = await mkdtemp(join(tmpdir(), "noiz-testing-generate-"));
let bundled;
try {
  // Requests: query and form values arrive as strings; coercion gives the fake typed values, the
  // spec's defaults fill what was left out, and every violation is named. Responses: checked as
  // they are, nothing coerced; the first violation is enough to fail the fake's own check.
  await writeFile(
    join(work, "requests.mjs"),
    compile(requestSchemas, { coerceTypes: true, useDefaults: true, allErrors: true }),
  );
  await writeFile(join(work, "responses.mjs"), compile({ ...responseSchemas, ...schemaValidators }, {}));
  await writeFile(
    join(work, "entry.mjs"),
    [
      'import { table as requests } from "./requests.mjs";',
      'import { table as responses } from "./responses.mjs";',
      "export const requestValidators = requests;",
      "export const responseValidators = responses;",
      `export const operations = ${JSON.stringify(operations, null, 2)};`,
      `export const security = ${JSON.stringify(security)};`,
      `export const specVersion = ${JSON.stringify(spec.info.version)};`,
    ].join("\n"),
  );
  const result = await build({
    entryPoints: [join(work, "entry.mjs")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2020",
    write: false,
    legalComments: "none",
    // ajv's runtime helpers live in the ajv packages, resolved from this package.
    nodePaths: [join(packageDir, "node_modules")],
    mainFields: ["module", "main"],
    absWorkingDir: packageDir,
    logLevel: "error",
  });
  bundled = result.outputFiles[0].text;
} finally {
  await rm(work, { recursive: true, force: true });
}

// Stable across machines: esbuild names each module by its path in a comment; the temp dir and
// the store layout differ from one machine to the next.
const source = bundled
  .replace(/^\/\/ \S+\.m?js\n/gm, "")
  .replace(/"[^"\n]*node_modules\/(?:\.pnpm\/[^/"]+\/node_modules\/)?([^"\n]+\.js)"/g, '"$1"');
if (/\bnew Function\b|\beval\(/.test(source)) {
  throw new Error("generate: the validators use eval or new Function; they must run under a strict CSP");
}

const declarations = `${HEADER}
/** An ajv validator: true when \`data\` is valid; otherwise \`errors\` says why. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/** One violation, as ajv reports it. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** An operation of the spec, as the fake routes and checks it. */
export interface OperationSpec {
  operationId: ${operations.map((operation) => JSON.stringify(operation.operationId)).join(" | ")};
  method: string;
  /** The spec's path template, such as \`/voices/{voice_id}\`. */
  path: string;
  /** Parameter names by where they go; each \`<operationId>:<where>\` has a request validator. */
  parameters: { path?: string[]; query?: string[]; header?: string[] };
  /** The body's media types (a validator each: \`<operationId>:body:<type>\`) and part encodings. */
  requestBody: { required: boolean; contentTypes: string[]; encoding: Record<string, string[]> } | null;
  /** Documented statuses; \`json\` ones have a response validator \`<operationId>:<status>\`. */
  responses: Record<string, { json: boolean; headers: string[] }>;
}

/** Request validators (coercing, filling defaults) by \`<operationId>:<path|query|header>\` or \`<operationId>:body:<type>\`. */
export const requestValidators: Record<string, Validator>;
/** Response body validators by \`<operationId>:<status>\`, and \`schema:<Name>\` for each component schema. */
export const responseValidators: Record<string, Validator>;
/** Every operation of the spec. */
export const operations: OperationSpec[];
/** The API key's header, lower-cased. */
export const security: { header: string };
/** The spec's \`info.version\`. */
export const specVersion: string;
`;

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, "contract.gen.js"), `${HEADER}// @ts-nocheck\n${source}`);
await writeFile(join(outDir, "contract.gen.d.ts"), declarations);
console.log("generated packages/testing/src/generated/contract.gen.js and contract.gen.d.ts");
