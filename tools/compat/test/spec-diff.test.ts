// The rule table: pairs of specs (a base and a change to it) with the verdict spec:diff must give,
// every change as "level rule [operation]". Each rule the tool knows appears in at least one case
// or in the oasdiff-level table below.
import { describe, expect, it } from "vitest";
import { diffSpecs, RULES } from "../src/diff.mjs";
import { resolveSpec } from "../src/load.mjs";
import { baseSpec, type Spec } from "./fixture.js";

const LIST = "GET /voices";
const CLONE = "POST /voices";
const GET = "GET /voices/{voice_id}";
const DELETE = "DELETE /voices/{voice_id}";
/** Voice is the body of three responses: a change to it is seen in each. */
const VOICE_OPS = [LIST, CLONE, GET];

const schemas = (s: Spec) => s.components.schemas;
const op = (s: Spec, path: string, method: string) => s.paths[path][method];
const param = (s: Spec, name: string) => op(s, "/voices", "get").parameters.find((p: Spec) => p.name === name);
const each = (level: string, rule: string, ops: string[]) => ops.map((o) => `${level} ${rule} [${o}]`);

interface Case {
  name: string;
  base?: (s: Spec) => void;
  head: (s: Spec) => void;
  expect: string[];
}

const cases: Case[] = [
  { name: "no change", head: () => {}, expect: [] },
  // Paths and operations.
  {
    name: "a path removed",
    head: (s) => delete s.paths["/voices/{voice_id}"],
    expect: each("error", "api-path-removed-without-deprecation", [GET, DELETE]),
  },
  {
    name: "a deprecated path removed",
    base: (s) => {
      op(s, "/voices/{voice_id}", "get").deprecated = true;
      op(s, "/voices/{voice_id}", "delete").deprecated = true;
    },
    head: (s) => delete s.paths["/voices/{voice_id}"],
    expect: each("info", "api-path-removed-with-deprecation", [GET, DELETE]),
  },
  {
    name: "an operation removed",
    head: (s) => delete s.paths["/voices/{voice_id}"].delete,
    expect: each("error", "api-removed-without-deprecation", [DELETE]),
  },
  {
    name: "a deprecated operation removed",
    base: (s) => {
      op(s, "/voices/{voice_id}", "delete").deprecated = true;
    },
    head: (s) => delete s.paths["/voices/{voice_id}"].delete,
    expect: each("info", "api-removed-with-deprecation", [DELETE]),
  },
  {
    name: "an operation added",
    head: (s) => {
      s.paths["/voices/{voice_id}"].patch = { responses: { "200": { description: "ok" } } };
    },
    expect: each("info", "endpoint-added", ["PATCH /voices/{voice_id}"]),
  },
  {
    name: "an operation deprecated, then reactivated",
    head: (s) => {
      op(s, "/voices/{voice_id}", "delete").deprecated = true;
    },
    expect: each("info", "endpoint-deprecated", [DELETE]),
  },
  {
    name: "an operation no longer deprecated",
    base: (s) => {
      op(s, "/voices/{voice_id}", "delete").deprecated = true;
    },
    head: () => {},
    expect: each("info", "endpoint-reactivated", [DELETE]),
  },
  {
    name: "operationId changed",
    head: (s) => {
      op(s, "/voices", "get").operationId = "voicesList";
    },
    expect: each("info", "api-operation-id-removed", [LIST]),
  },
  {
    name: "operationId added",
    base: (s) => delete op(s, "/voices", "get").operationId,
    head: () => {},
    expect: each("info", "api-operation-id-added", [LIST]),
  },
  {
    name: "a tag removed and another added",
    head: (s) => {
      op(s, "/voices", "get").tags = ["Library"];
    },
    expect: [...each("info", "api-tag-removed", [LIST]), ...each("info", "api-tag-added", [LIST])],
  },
  {
    name: "summaries, descriptions and examples changed",
    head: (s) => {
      op(s, "/voices", "get").summary = "Lists voices";
      param(s, "voice_type").description = "Which voices.";
      op(s, "/voices", "get").responses["200"].content["application/json"].example = { voices: [] };
      s.info.description = "The Voices API.";
    },
    expect: [
      ...each("info", "description-changed", [LIST, LIST, "components"]),
      ...each("info", "example-changed", [LIST]),
    ],
  },
  // Parameters.
  {
    name: "a new required query parameter",
    head: (s) =>
      op(s, "/voices", "get").parameters.push({
        name: "page",
        in: "query",
        required: true,
        schema: { type: "integer" },
      }),
    expect: each("error", "new-required-request-parameter", [LIST]),
  },
  {
    name: "a new optional query parameter",
    head: (s) => op(s, "/voices", "get").parameters.push({ name: "page", in: "query", schema: { type: "integer" } }),
    expect: each("info", "new-optional-request-parameter", [LIST]),
  },
  {
    name: "a new path parameter",
    head: (s) =>
      (op(s, "/voices/{voice_id}", "get").parameters = [
        { name: "v", in: "path", required: true, schema: { type: "string" } },
      ]),
    expect: each("error", "new-request-path-parameter", [GET]),
  },
  {
    name: "limit made required",
    head: (s) => {
      param(s, "limit").required = true;
    },
    expect: each("error", "request-parameter-became-required", [LIST]),
  },
  {
    name: "a required parameter made optional",
    base: (s) => {
      param(s, "limit").required = true;
    },
    head: () => {},
    expect: each("info", "request-parameter-became-optional", [LIST]),
  },
  {
    name: "a query parameter removed",
    head: (s) => {
      op(s, "/voices", "get").parameters = op(s, "/voices", "get").parameters.filter((p: Spec) => p.name !== "keyword");
    },
    expect: each("warning", "request-parameter-removed", [LIST]),
  },
  {
    name: "a deprecated query parameter removed",
    base: (s) => {
      param(s, "keyword").deprecated = true;
    },
    head: (s) => {
      op(s, "/voices", "get").parameters = op(s, "/voices", "get").parameters.filter((p: Spec) => p.name !== "keyword");
    },
    expect: each("info", "request-parameter-removed-with-deprecation", [LIST]),
  },
  {
    name: "a parameter deprecated",
    head: (s) => {
      param(s, "keyword").deprecated = true;
    },
    expect: each("info", "request-parameter-deprecated", [LIST]),
  },
  {
    name: "a voice_type value dropped (behind a $ref, so every use sees it)",
    head: (s) => {
      schemas(s).VoiceType.enum = ["custom"];
    },
    expect: [
      ...each("error", "request-parameter-enum-value-removed", [LIST]),
      ...each("info", "response-property-enum-value-removed", VOICE_OPS),
    ],
  },
  {
    name: "a voice_type value added: a response enum that grows is a warning",
    head: (s) => {
      schemas(s).VoiceType.enum = ["custom", "built-in", "shared"];
    },
    expect: [
      ...each("info", "request-parameter-enum-value-added", [LIST]),
      ...each("warning", "response-property-enum-value-added", VOICE_OPS),
    ],
  },
  {
    name: "a parameter became an enum",
    head: (s) => {
      param(s, "keyword").schema.enum = ["a", "b"];
    },
    expect: each("error", "request-parameter-became-enum", [LIST]),
  },
  {
    name: "a parameter's default changed, added, removed",
    head: (s) => {
      param(s, "limit").schema.default = 20;
      param(s, "keyword").schema.default = "";
      delete schemas(s).VoiceType.default;
    },
    expect: [
      ...each("error", "request-parameter-default-value-changed", [LIST]),
      ...each("error", "request-parameter-default-value-added", [LIST]),
      ...each("error", "request-parameter-default-value-removed", [LIST]),
      ...each("info", "response-property-default-value-removed", VOICE_OPS),
    ],
  },
  {
    name: "a parameter's bounds narrowed",
    head: (s) => {
      param(s, "limit").schema.maximum = 50;
      param(s, "limit").schema.minimum = 5;
      param(s, "keyword").schema.maxLength = 32;
      param(s, "keyword").schema.minLength = 2;
    },
    expect: [
      ...each("error", "request-parameter-max-decreased", [LIST]),
      ...each("error", "request-parameter-min-increased", [LIST]),
      ...each("error", "request-parameter-max-length-decreased", [LIST]),
      ...each("warning", "request-parameter-min-length-set", [LIST]),
    ],
  },
  {
    name: "a parameter's bounds widened",
    head: (s) => {
      param(s, "limit").schema.maximum = 500;
      param(s, "limit").schema.minimum = 0;
      delete param(s, "keyword").schema.maxLength;
    },
    expect: [
      ...each("info", "request-parameter-max-increased", [LIST]),
      ...each("info", "request-parameter-min-decreased", [LIST]),
      ...each("info", "request-parameter-max-length-unset", [LIST]),
    ],
  },
  {
    name: "a bound set where there was none",
    head: (s) => {
      param(s, "keyword").schema.minLength = 1;
      param(s, "keyword").schema.pattern = "^[a-z]+$";
    },
    expect: [
      ...each("warning", "request-parameter-min-length-set", [LIST]),
      ...each("error", "request-parameter-pattern-added", [LIST]),
    ],
  },
  {
    name: "a pattern changed, then removed",
    base: (s) => {
      param(s, "keyword").schema.pattern = "^[a-z]+$";
      param(s, "voice_type").schema = { type: "string", pattern: "^x" };
    },
    head: (s) => {
      param(s, "keyword").schema.pattern = "^[a-z0-9]+$";
      param(s, "voice_type").schema = { type: "string" };
    },
    expect: [
      ...each("warning", "request-parameter-pattern-changed", [LIST]),
      ...each("info", "request-parameter-pattern-removed", [LIST]),
    ],
  },
  {
    name: "a parameter's type changed, or generalized",
    head: (s) => {
      param(s, "limit").schema = { type: "number", minimum: 1, maximum: 100, default: 10 };
      param(s, "keyword").schema = { type: "integer", maxLength: 64 };
    },
    expect: [
      ...each("info", "request-parameter-type-generalized", [LIST]),
      ...each("error", "request-parameter-type-changed", [LIST]),
    ],
  },
  {
    name: "a parameter became nullable, and another not",
    base: (s) => {
      param(s, "keyword").schema.type = ["string", "null"];
    },
    head: (s) => {
      param(s, "limit").schema.type = ["integer", "null"];
    },
    expect: [
      ...each("info", "request-parameter-became-nullable", [LIST]),
      ...each("error", "request-parameter-became-not-nullable", [LIST]),
    ],
  },
  // Request bodies.
  {
    name: "a request property made required",
    head: (s) => schemas(s).CloneRequest.required.push("display_name"),
    expect: each("error", "request-property-became-required", [CLONE]),
  },
  {
    name: "a required request property made optional",
    head: (s) => {
      schemas(s).CloneRequest.required = [];
    },
    expect: each("info", "request-property-became-optional", [CLONE]),
  },
  {
    name: "new request properties, one required",
    head: (s) => {
      schemas(s).CloneRequest.properties.speaker = { type: "string" };
      schemas(s).CloneRequest.properties.consent = { type: "boolean" };
      schemas(s).CloneRequest.required.push("consent");
    },
    expect: [
      ...each("info", "new-optional-request-property", [CLONE]),
      ...each("error", "new-required-request-property", [CLONE]),
    ],
  },
  {
    name: "a request property removed",
    head: (s) => delete schemas(s).CloneRequest.properties.denoise,
    expect: each("warning", "request-property-removed", [CLONE]),
  },
  {
    name: "a request property's enum value removed, another's format changed, a default changed",
    head: (s) => {
      schemas(s).CloneRequest.properties.language.enum = ["en"];
      schemas(s).CloneRequest.properties.file.format = "byte";
      schemas(s).CloneRequest.properties.denoise.default = true;
      schemas(s).CloneRequest.properties.display_name.maxLength = 50;
    },
    expect: [
      ...each("error", "request-property-enum-value-removed", [CLONE]),
      ...each("error", "request-property-type-changed", [CLONE]),
      ...each("info", "request-property-default-value-changed", [CLONE]),
      ...each("error", "request-property-max-length-decreased", [CLONE]),
    ],
  },
  {
    name: "the request body made optional, then a media type removed",
    head: (s) => {
      const body = op(s, "/voices", "post").requestBody;
      body.required = false;
      body.content = { "application/json": body.content["multipart/form-data"] };
    },
    expect: [
      ...each("info", "request-body-became-optional", [CLONE]),
      ...each("error", "request-body-media-type-removed", [CLONE]),
      ...each("info", "request-body-media-type-added", [CLONE]),
    ],
  },
  {
    name: "a request body removed",
    head: (s) => delete op(s, "/voices", "post").requestBody,
    expect: each("error", "request-body-removed", [CLONE]),
  },
  {
    name: "a required request body added",
    head: (s) => {
      op(s, "/voices/{voice_id}", "delete").requestBody = {
        required: true,
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    expect: each("error", "request-body-added-required", [DELETE]),
  },
  {
    name: "an optional request body added, and a required body became required from optional",
    base: (s) => {
      op(s, "/voices", "post").requestBody.required = false;
    },
    head: (s) => {
      op(s, "/voices/{voice_id}", "delete").requestBody = {
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    expect: [
      ...each("info", "request-body-added-optional", [DELETE]),
      ...each("error", "request-body-became-required", [CLONE]),
    ],
  },
  {
    name: "a request body's alternatives reduced",
    base: (s) => {
      op(s, "/voices", "post").requestBody.content["multipart/form-data"].schema = {
        anyOf: [{ $ref: "#/components/schemas/CloneRequest" }, { type: "object", required: ["voice_url"] }],
      };
    },
    head: (s) => {
      op(s, "/voices", "post").requestBody.content["multipart/form-data"].schema = {
        anyOf: [{ $ref: "#/components/schemas/CloneRequest" }],
      };
    },
    expect: each("error", "request-body-any-of-removed", [CLONE]),
  },
  // Responses.
  {
    name: "a required response property removed (behind a $ref)",
    head: (s) => {
      delete schemas(s).Voice.properties.voice_id;
      schemas(s).Voice.required = ["voice_type"];
    },
    expect: each("error", "response-required-property-removed", VOICE_OPS),
  },
  {
    name: "an optional response property removed",
    head: (s) => delete schemas(s).Voice.properties.labels,
    expect: each("warning", "response-optional-property-removed", VOICE_OPS),
  },
  {
    name: "a required response property became optional",
    head: (s) => {
      schemas(s).Voice.required = ["voice_id"];
    },
    expect: each("error", "response-property-became-optional", VOICE_OPS),
  },
  {
    name: "a response property became required, another was added",
    head: (s) => {
      schemas(s).Voice.required.push("labels");
      schemas(s).Voice.properties.url = { type: "string" };
    },
    expect: [
      ...each("info", "response-property-became-required", VOICE_OPS),
      ...each("info", "response-optional-property-added", VOICE_OPS),
    ],
  },
  {
    name: "a response property became nullable, changed type",
    head: (s) => {
      schemas(s).Voice.properties.labels.type = ["string", "null"];
      schemas(s).Voice.properties.create_time.type = "string";
    },
    expect: [
      ...each("error", "response-property-became-nullable", VOICE_OPS),
      ...each("error", "response-property-type-changed", VOICE_OPS),
    ],
  },
  {
    name: "a response property's type specialized",
    base: (s) => {
      schemas(s).Voice.properties.create_time.type = "number";
    },
    head: () => {},
    expect: each("info", "response-property-type-specialized", VOICE_OPS),
  },
  {
    name: "a response property's max raised, min lowered",
    base: (s) => {
      schemas(s).Voice.properties.labels.maxLength = 10;
      schemas(s).Voice.properties.create_time.minimum = 0;
    },
    head: (s) => {
      schemas(s).Voice.properties.labels.maxLength = 20;
      schemas(s).Voice.properties.create_time.minimum = -1;
    },
    expect: [
      ...each("error", "response-property-max-length-increased", VOICE_OPS),
      ...each("error", "response-property-min-decreased", VOICE_OPS),
    ],
  },
  {
    name: "a success status removed",
    head: (s) => {
      op(s, "/voices/{voice_id}", "delete").responses = { "204": { description: "Deleted." } };
    },
    expect: [
      ...each("error", "response-success-status-removed", [DELETE]),
      ...each("info", "response-success-status-added", [DELETE]),
    ],
  },
  {
    name: "an error status removed and another added",
    head: (s) => {
      const responses = op(s, "/voices/{voice_id}", "get").responses;
      delete responses["404"];
      responses["429"] = { description: "Quota." };
    },
    expect: [
      ...each("info", "response-non-success-status-removed", [GET]),
      ...each("info", "response-non-success-status-added", [GET]),
    ],
  },
  {
    name: "a response media type removed",
    head: (s) => {
      const content = op(s, "/voices/{voice_id}", "get").responses["200"].content;
      content["application/xml"] = content["application/json"];
      delete content["application/json"];
    },
    expect: [
      ...each("error", "response-media-type-removed", [GET]),
      ...each("info", "response-media-type-added", [GET]),
    ],
  },
  {
    name: "response headers: a required one removed, an optional one removed, one added",
    base: (s) => {
      op(s, "/voices/{voice_id}", "get").responses["200"].headers = {
        "X-Request-Id": { required: true, schema: { type: "string" } },
        "Retry-After": { schema: { type: "integer" } },
      };
    },
    head: (s) => {
      op(s, "/voices/{voice_id}", "get").responses["200"].headers = { ETag: { schema: { type: "string" } } };
    },
    expect: [
      ...each("error", "required-response-header-removed", [GET]),
      ...each("warning", "optional-response-header-removed", [GET]),
      ...each("info", "response-header-added", [GET]),
    ],
  },
  {
    name: "a required response property added",
    head: (s) => {
      schemas(s).Voice.properties.url = { type: "string" };
      schemas(s).Voice.required.push("url");
    },
    expect: each("info", "response-required-property-added", VOICE_OPS),
  },
  {
    name: "a response body's enum value removed, a response body became an enum",
    base: (s) => {
      op(s, "/voices/{voice_id}", "delete").responses["200"].content = {
        "text/plain": { schema: { type: "string", enum: ["deleted", "gone"] } },
        "application/json": { schema: { type: "string" } },
      };
    },
    head: (s) => {
      op(s, "/voices/{voice_id}", "delete").responses["200"].content = {
        "text/plain": { schema: { type: "string", enum: ["deleted"] } },
        "application/json": { schema: { type: "string", enum: ["deleted"] } },
      };
    },
    expect: [
      ...each("info", "response-mediatype-enum-value-removed", [DELETE]),
      ...each("info", "response-body-became-enum", [DELETE]),
    ],
  },
  // Components and the rest.
  {
    name: "a security scheme removed, another added",
    base: (s) => {
      s.components.securitySchemes = { apiKey: { type: "apiKey", in: "header", name: "Authorization" } };
    },
    head: (s) => {
      s.components.securitySchemes = { bearer: { type: "http", scheme: "bearer" } };
    },
    expect: [
      ...each("info", "api-security-component-removed", ["components"]),
      ...each("info", "api-security-component-added", ["components"]),
    ],
  },
  {
    name: "a component schema removed, another added",
    head: (s) => {
      delete schemas(s).Unused;
      schemas(s).Other = { type: "string" };
    },
    expect: [
      ...each("info", "api-schema-removed", ["components"]),
      ...each("info", "api-schema-added", ["components"]),
    ],
  },
  {
    name: "a keyword the rules do not grade",
    head: (s) => {
      param(s, "limit").schema.multipleOf = 5;
    },
    expect: each("warning", "unclassified-change", [LIST]),
  },
  {
    name: "an operation's security and a parameter's serialization: listed for a person to judge",
    head: (s) => {
      op(s, "/voices", "get").security = [];
      param(s, "keyword").style = "spaceDelimited";
    },
    expect: each("warning", "unclassified-change", [LIST, LIST]),
  },
  {
    name: "the servers changed",
    base: (s) => {
      s.servers = [{ url: "https://noiz.ai/v1" }];
    },
    head: (s) => {
      s.servers = [{ url: "https://api.noiz.ai/v2" }];
    },
    expect: each("warning", "unclassified-change", ["components"]),
  },
  {
    name: "properties moved into an allOf member: the same value shape, no change",
    head: (s) => {
      const { properties, required } = schemas(s).Voice;
      schemas(s).Voice = {
        type: "object",
        allOf: [{ type: "object", required, properties: { voice_id: properties.voice_id } }],
        properties: {
          voice_type: properties.voice_type,
          labels: properties.labels,
          create_time: properties.create_time,
        },
      };
    },
    expect: [],
  },
  {
    name: "a recursive schema terminates",
    base: (s) => {
      schemas(s).Voice.properties.parent = { $ref: "#/components/schemas/Voice" };
    },
    head: (s) => {
      schemas(s).Voice.properties.parent = { $ref: "#/components/schemas/Voice" };
      schemas(s).Voice.properties.labels.maxLength = 5;
    },
    expect: each("info", "response-property-max-length-set", VOICE_OPS),
  },
];

// Bounds: each keyword, on each side, raised, lowered, set and unset. The levels are oasdiff's: a
// request accepts less when an upper bound falls or a lower one rises (error) and a bound newly set
// is a warning; a response may send more when an upper bound rises, a lower one falls, or either
// goes away (error).
const BOUND_IDS = {
  maximum: ["max", "upper"],
  exclusiveMaximum: ["exclusive-max", "upper"],
  maxLength: ["max-length", "upper"],
  maxItems: ["max-items", "upper"],
  minimum: ["min", "lower"],
  exclusiveMinimum: ["exclusive-min", "lower"],
  minLength: ["min-length", "lower"],
  minItems: ["min-items", "lower"],
} as const;
const LEVELS = {
  request: {
    upper: { increased: "info", decreased: "error" },
    lower: { increased: "error", decreased: "info" },
    set: "warning",
    unset: "info",
  },
  response: {
    upper: { increased: "error", decreased: "info" },
    lower: { increased: "info", decreased: "error" },
    set: "info",
    unset: "error",
  },
} as const;
for (const [keyword, [id, bound]] of Object.entries(BOUND_IDS)) {
  for (const side of ["request", "response"] as const) {
    // A property with no bounds of its own, on each side.
    const target = (s: Spec) => {
      const properties = side === "request" ? schemas(s).CloneRequest.properties : schemas(s).Voice.properties;
      properties.extra ??= { type: "integer" };
      return properties.extra;
    };
    const ops = side === "request" ? [CLONE] : VOICE_OPS;
    const place = `${side}-property`;
    const levels = LEVELS[side];
    for (const [change, from, to] of [
      ["increased", 5, 10],
      ["decreased", 10, 5],
      ["set", undefined, 5],
      ["unset", 5, undefined],
    ] as const) {
      const level = change === "set" || change === "unset" ? levels[change] : levels[bound][change];
      cases.push({
        name: `${side}: ${keyword} ${change}`,
        base: (s) => {
          const schema = target(s);
          if (from !== undefined) schema[keyword] = from;
        },
        head: (s) => {
          const schema = target(s);
          if (to !== undefined) schema[keyword] = to;
        },
        expect: each(level, `${place}-${id}-${change}`, ops),
      });
    }
  }
}

cases.push(
  {
    name: "a parameter no longer deprecated",
    base: (s) => {
      param(s, "keyword").deprecated = true;
    },
    head: () => {},
    expect: each("info", "request-parameter-reactivated", [LIST]),
  },
  {
    name: "const added, changed, removed (request and response)",
    base: (s) => {
      schemas(s).CloneRequest.properties.language.const = "en";
      schemas(s).Voice.properties.labels.const = "a";
      schemas(s).Voice.properties.voice_id.const = "x";
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.display_name.const = "me";
      schemas(s).Voice.properties.labels.const = "b";
      schemas(s).Voice.properties.create_time.const = 1;
    },
    expect: [
      ...each("error", "request-property-const-added", [CLONE]),
      ...each("info", "request-property-const-removed", [CLONE]),
      ...each("error", "response-property-const-changed", VOICE_OPS),
      ...each("error", "response-property-const-removed", VOICE_OPS),
      ...each("info", "response-property-const-added", VOICE_OPS),
    ],
  },
  {
    name: "a request const changed",
    base: (s) => {
      schemas(s).CloneRequest.properties.language.const = "en";
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.language.const = "zh";
    },
    expect: each("error", "request-property-const-changed", [CLONE]),
  },
  {
    name: "lists of types widened and narrowed",
    base: (s) => {
      schemas(s).CloneRequest.properties.display_name.type = ["string", "integer"];
      schemas(s).Voice.properties.labels.type = ["string", "array"];
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.language.type = ["string", "boolean"];
      schemas(s).Voice.properties.create_time.type = ["integer", "string"];
    },
    expect: [
      ...each("error", "request-property-list-of-types-narrowed", [CLONE]),
      ...each("info", "request-property-list-of-types-widened", [CLONE]),
      ...each("info", "response-property-list-of-types-narrowed", VOICE_OPS),
      ...each("error", "response-property-list-of-types-widened", VOICE_OPS),
    ],
  },
  {
    name: "a response property no longer nullable",
    base: (s) => {
      schemas(s).Voice.properties.labels.type = ["string", "null"];
    },
    head: () => {},
    expect: each("info", "response-property-became-not-nullable", VOICE_OPS),
  },
  {
    name: "enums dropped: a request accepts more, a response may send anything",
    head: (s) => {
      delete schemas(s).CloneRequest.properties.language.enum;
      delete schemas(s).VoiceType.enum;
    },
    expect: [
      ...each("info", "request-property-became-not-enum", [CLONE]),
      ...each("info", "request-parameter-became-not-enum", [LIST]),
      ...each("warning", "response-property-became-not-enum", VOICE_OPS),
    ],
  },
  {
    name: "response patterns and defaults",
    base: (s) => {
      schemas(s).Voice.properties.voice_id.pattern = "^a";
      schemas(s).Voice.properties.labels.pattern = "^b";
      schemas(s).Voice.properties.labels.default = "x";
    },
    head: (s) => {
      schemas(s).Voice.properties.labels.pattern = "^c";
      schemas(s).Voice.properties.create_time.pattern = "^d";
      schemas(s).Voice.properties.labels.default = "y";
      schemas(s).Voice.properties.create_time.default = 0;
    },
    expect: [
      ...each("info", "response-property-pattern-removed", VOICE_OPS),
      ...each("info", "response-property-pattern-changed", VOICE_OPS),
      ...each("info", "response-property-pattern-added", VOICE_OPS),
      ...each("info", "response-property-default-value-changed", VOICE_OPS),
      ...each("info", "response-property-default-value-added", VOICE_OPS),
    ],
  },
  {
    name: "alternatives: oneOf and anyOf added and removed, on both sides",
    base: (s) => {
      schemas(s).CloneRequest.properties.display_name = { oneOf: [{ type: "string" }, { type: "integer" }] };
      schemas(s).CloneRequest.properties.language = { anyOf: [{ type: "string" }] };
      schemas(s).Voice.properties.labels = { oneOf: [{ type: "string" }] };
      schemas(s).Voice.properties.create_time = { anyOf: [{ type: "integer" }, { type: "string" }] };
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.display_name = { oneOf: [{ type: "string" }] };
      schemas(s).CloneRequest.properties.language = { anyOf: [{ type: "string" }, { type: "null" }] };
      schemas(s).Voice.properties.labels = { oneOf: [{ type: "string" }, { type: "null" }] };
      schemas(s).Voice.properties.create_time = { anyOf: [{ type: "integer" }] };
    },
    expect: [
      ...each("error", "request-property-one-of-removed", [CLONE]),
      ...each("info", "request-property-any-of-added", [CLONE]),
      ...each("error", "response-property-one-of-added", VOICE_OPS),
      ...each("info", "response-property-any-of-removed", VOICE_OPS),
    ],
  },
  {
    name: "alternatives the other way round",
    base: (s) => {
      schemas(s).CloneRequest.properties.display_name = { oneOf: [{ type: "string" }] };
      schemas(s).Voice.properties.labels = { oneOf: [{ type: "string" }, { type: "null" }] };
      schemas(s).Voice.properties.create_time = { anyOf: [{ type: "integer" }] };
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.display_name = { oneOf: [{ type: "string" }, { type: "integer" }] };
      schemas(s).Voice.properties.labels = { oneOf: [{ type: "string" }] };
      schemas(s).Voice.properties.create_time = { anyOf: [{ type: "integer" }, { type: "string" }] };
    },
    expect: [
      ...each("info", "request-property-one-of-added", [CLONE]),
      ...each("info", "response-property-one-of-removed", VOICE_OPS),
      ...each("info", "response-property-any-of-added", VOICE_OPS),
    ],
  },
  {
    name: "allOf members count for what they constrain (merged, not compared by position)",
    base: (s) => {
      schemas(s).CloneRequest.properties.language = { type: "string", allOf: [{ minLength: 1 }] };
      schemas(s).Voice.properties.labels = { type: "string", allOf: [{ minLength: 1 }] };
    },
    head: (s) => {
      schemas(s).CloneRequest.properties.language = {
        type: "string",
        allOf: [{ minLength: 1 }, { not: { const: "" } }],
      };
      schemas(s).Voice.properties.labels = { type: "string" };
    },
    expect: [
      ...each("warning", "unclassified-change", [CLONE]),
      ...each("error", "response-property-min-length-unset", VOICE_OPS),
    ],
  },
);

async function verdict(testCase: Case) {
  // `base` changes the base only; `head` changes a fresh copy of the fixture.
  const base = baseSpec();
  testCase.base?.(base);
  const head = baseSpec();
  testCase.head(head);
  const file = "/virtual/voices.openapi.json";
  const changes = diffSpecs(
    await resolveSpec(JSON.stringify(base), file),
    await resolveSpec(JSON.stringify(head), file),
  );
  return changes;
}

describe("spec:diff rule table", () => {
  it.each(cases)("$name", async (testCase) => {
    const changes = await verdict(testCase);
    expect(changes.map((c) => `${c.level} ${c.rule} [${c.operation}]`).sort()).toEqual([...testCase.expect].sort());
    for (const change of changes) {
      expect(change.breaking).toBe(change.level === "error");
      expect(change.message.startsWith(change.operation === "components" ? "" : `${change.operation}: `)).toBe(true);
    }
  });

  it("grades as oasdiff's checker does for the rules the issue names", () => {
    const oasdiff: Record<string, string> = {
      "api-path-removed-without-deprecation": "error",
      "api-removed-without-deprecation": "error",
      "new-required-request-parameter": "error",
      "request-parameter-became-required": "error",
      "new-required-request-property": "error",
      "request-property-became-required": "error",
      "request-parameter-enum-value-removed": "error",
      "request-parameter-type-changed": "error",
      "request-parameter-max-length-decreased": "error",
      "request-parameter-min-increased": "error",
      "request-parameter-default-value-changed": "error",
      "response-required-property-removed": "error",
      "response-property-became-optional": "error",
      "response-success-status-removed": "error",
      "request-parameter-removed": "warning",
      "response-optional-property-removed": "warning",
      "response-property-enum-value-added": "warning",
      "new-optional-request-parameter": "info",
      "endpoint-added": "info",
      "response-non-success-status-added": "info",
      "response-non-success-status-removed": "info",
      "api-operation-id-removed": "info",
    };
    expect(Object.fromEntries(Object.keys(oasdiff).map((id) => [id, RULES[id]?.level]))).toEqual(oasdiff);
  });

  it("the cases exercise every rule: the schema rules in at least one place of their side", async () => {
    // A schema rule exists for each place on its side (request-parameter/-body/-property,
    // response-body/-property) and shares one code path: one place per side stands for all.
    const family = (id: string) => id.replace(/^(request|response)-(parameter|body|property)-/, "$1-schema-");
    const seen = new Set<string>();
    for (const testCase of cases) for (const change of await verdict(testCase)) seen.add(family(change.rule));
    const unexercised = [...new Set(Object.keys(RULES).map(family))].filter((id) => !seen.has(id));
    expect(unexercised).toEqual([]);
  });
});
