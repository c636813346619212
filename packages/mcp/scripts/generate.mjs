// Generates src/generated/tools.gen.ts: each tool's inputSchema and outputSchema, taken from
// spec/voices.openapi.yaml, as plain self-contained JSON Schemas (every `$ref` inlined, no `$defs`),
// so any MCP client can read them.
//
//   node scripts/generate.mjs     (the package's `generate` script; `pnpm generate` runs it via turbo)
//
// What an argument means on the wire, its type, limits, default and description, comes from the
// spec. The two arguments that are not on the wire are local paths (`file_path` is sent as the
// `file` part; `dest_path` is where a sample is saved): their text is the `LOCAL` table below, and
// `file_path` carries the spec's description of `file`.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { derefIn } from "../../../tools/scripts/spec-refs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const root = resolve(packageDir, "../..");
const spec = parse(await readFile(resolve(root, "spec/voices.openapi.yaml"), "utf8"));
const outPath = resolve(packageDir, "src/generated/tools.gen.ts");

const HEADER = `/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (packages/mcp/scripts/generate.mjs).
 * Change the spec, then run \`pnpm generate\`.
 */
`;

/** Keywords that are OpenAPI's, not JSON Schema's, or that only matter in the spec document. */
const OPENAPI_ONLY = new Set(["example", "examples", "xml", "externalDocs", "discriminator", "deprecated"]);

/** Follows a local `$ref` to what it names. */
const deref = derefIn(spec);

/**
 * A schema with every `$ref` inlined (siblings of a `$ref`, such as its `description`, win) and
 * every `allOf` of objects merged into one object, so that the result reads as one flat schema.
 */
function inline(schema, seen = []) {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, seen));
  if (!schema || typeof schema !== "object") return schema;
  if (typeof schema.$ref === "string") {
    if (seen.includes(schema.$ref)) throw new Error(`generate: recursive schema ${schema.$ref}`);
    const { $ref, ...siblings } = schema;
    return { ...inline(deref(schema), [...seen, $ref]), ...inline(siblings, seen) };
  }
  let out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key)) continue;
    out[key] = key === "properties" ? mapValues(value, (property) => inline(property, seen)) : inline(value, seen);
  }
  if (Array.isArray(out.allOf)) {
    const { allOf, ...rest } = out;
    out = rest;
    for (const part of allOf) out = mergeObjects(out, part);
  }
  return out;
}

const mapValues = (object, fn) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));

/** Merges an `allOf` branch into an object schema: properties merged, `required` joined. */
function mergeObjects(target, part) {
  const properties = { ...(target.properties ?? {}) };
  for (const [name, schema] of Object.entries(part.properties ?? {})) {
    properties[name] = { ...(properties[name] ?? {}), ...schema };
  }
  const required = [...new Set([...(target.required ?? []), ...(part.required ?? [])])];
  const merged = { ...part, ...target, type: "object", properties };
  if (required.length > 0) merged.required = required;
  else delete merged.required;
  return merged;
}

/** The operation with this operationId, and its parameters (path-level ones included), dereferenced. */
function operation(id) {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (op?.operationId !== id) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      return { op, parameters };
    }
  }
  throw new Error(`generate: the spec has no operation ${id}`);
}

/** One parameter as an argument: its schema (inlined) with the parameter's description. */
function parameterArgument(parameter) {
  const schema = inline(parameter.schema ?? {});
  if (parameter.description) schema.description = parameter.description.trim();
  return schema;
}

/** An input schema: an object of the given arguments, nothing else allowed. */
function input(properties, required = []) {
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** The `data` schema of an operation's 200 answer (the envelope's `data`), inlined. */
function successData(id) {
  const response = deref(operation(id).op.responses["200"]);
  const envelope = inline(response.content["application/json"].schema);
  const data = envelope.properties?.data;
  if (data?.type !== "object") throw new Error(`generate: ${id}'s 200 data is not an object`);
  const { description: _envelopeText, ...schema } = data;
  return schema;
}

const schemas = spec.components.schemas;
/** The spec's description of the schema, trimmed to one paragraph of text. */
const text = (value) => value.trim().replace(/\s*\n\s*/g, " ");

/** The arguments that are not on the wire: local paths, checked against the allowed folders. */
const LOCAL = {
  file_path: {
    type: "string",
    minLength: 1,
    description: `${text(schemas.CloneVoiceFields.properties.file.description)} An absolute path on the machine the server runs on, inside a folder it may read (--allow-dir or the client's roots); sent as the \`file\` part.`,
  },
  dest_path: {
    type: "string",
    minLength: 1,
    description:
      "Where to save the sample: an absolute file path inside a folder the server may write (--allow-dir or the client's roots). Its folder must exist; the file is written whole or not at all.",
  },
};

const list = operation("listVoices");
const byId = operation("getVoice");
const voiceId = byId.parameters.find((parameter) => parameter.in === "path" && parameter.name === "voice_id");
if (!voiceId) throw new Error("generate: getVoice has no voice_id path parameter");
const cloneFields = inline(schemas.CloneVoiceFields);
const { file: _file, ...cloneWireFields } = cloneFields.properties;
const voice = inline(schemas.Voice);

const tools = {
  list_voices: {
    operationId: "listVoices",
    specDescription: text(list.op.description),
    inputSchema: input(
      Object.fromEntries(
        list.parameters
          .filter((parameter) => parameter.in === "query")
          .map((parameter) => [parameter.name, parameterArgument(parameter)]),
      ),
    ),
    outputSchema: successData("listVoices"),
  },
  get_voice: {
    operationId: "getVoice",
    specDescription: text(byId.op.description),
    inputSchema: input({ voice_id: parameterArgument(voiceId) }, ["voice_id"]),
    outputSchema: successData("getVoice"),
  },
  clone_voice: {
    operationId: "cloneVoice",
    specDescription: text(operation("cloneVoice").op.description),
    // The spec's "file or voice_url" rule is checked by the client; an `anyOf` at the top of an
    // input schema is refused by some MCP hosts, so the rule is in the tool's description instead.
    inputSchema: input({ file_path: LOCAL.file_path, ...cloneWireFields }),
    outputSchema: successData("cloneVoice"),
  },
  delete_voice: {
    operationId: "deleteVoice",
    specDescription: text(operation("deleteVoice").op.description),
    inputSchema: input({ voice_id: parameterArgument(voiceId) }, ["voice_id"]),
    outputSchema: successData("deleteVoice"),
  },
  download_voice_sample: {
    // getVoice, then the sample's own host: what `downloadVoiceSample` of @noiz-voices/node writes.
    operationId: "getVoice",
    specDescription: text(voice.properties.sample.description),
    inputSchema: input({ voice_id: parameterArgument(voiceId), dest_path: LOCAL.dest_path }, ["voice_id", "dest_path"]),
    outputSchema: {
      type: "object",
      properties: {
        voice_id: voice.properties.voice_id,
        path: { type: "string", description: "The absolute path of the saved file." },
        bytes: { type: "integer", minimum: 0, description: "Its size in bytes." },
        content_type: { type: ["string", "null"], description: "The Content-Type the sample's host sent, if any." },
      },
      required: ["voice_id", "path", "bytes", "content_type"],
    },
  },
};

const source = `${HEADER}
/** A JSON Schema of an object, as MCP's \`inputSchema\` and \`outputSchema\` are. */
export interface ObjectSchema {
  [keyword: string]: unknown;
  type: "object";
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** What the spec says about one tool. */
export interface GeneratedTool {
  /** The operation it calls (\`download_voice_sample\` reads the voice first, then its sample). */
  operationId: "listVoices" | "getVoice" | "cloneVoice" | "deleteVoice";
  /** The operation's description in the spec (the \`sample\` field's, for the download). */
  specDescription: string;
  /** The arguments: the operation's parameters or form fields, by their wire names. */
  inputSchema: ObjectSchema;
  /** The result: the \`data\` of the operation's success envelope. */
  outputSchema: ObjectSchema;
}

/** Every tool's schemas, by tool name. */
export const generatedTools = ${JSON.stringify(tools, null, 2)} satisfies Record<string, GeneratedTool>;
`;

await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, source);
console.log("generated packages/mcp/src/generated/tools.gen.ts");
