// Grades every change between two OpenAPI documents, as oasdiff's checker does: each change has
// oasdiff's rule id and level (error, warning, info), and a sentence that says what changed and
// what it means for a client. `breaking` is true exactly for an error.
//
// Both documents arrive with their $refs resolved (load.mjs), so a change behind a $ref is seen
// in every operation that uses it, as oasdiff reports it. Rules whose id oasdiff's checker lacks
// (descriptions, examples, an unclassified keyword) are this tool's own; RULES lists which.

/** @typedef {"error" | "warning" | "info"} Level */
/**
 * @typedef {object} Change
 * @property {string} rule        the rule id, such as `request-parameter-enum-value-removed`
 * @property {string} operation   `GET /voices`, or `components` for anything outside `paths`
 * @property {Level} level
 * @property {boolean} breaking   true exactly when `level` is `error`
 * @property {string} message     what changed, for a person
 */

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** Keywords that only describe: a change to one is info. */
const ANNOTATIONS = new Set(["description", "summary", "title", "example", "examples", "$comment", "externalDocs"]);
/** Bounds: a larger upper bound or a smaller lower bound accepts more. */
const BOUNDS = {
  maximum: { id: "max", upper: true },
  exclusiveMaximum: { id: "exclusive-max", upper: true },
  maxLength: { id: "max-length", upper: true },
  maxItems: { id: "max-items", upper: true },
  minimum: { id: "min", upper: false },
  exclusiveMinimum: { id: "exclusive-min", upper: false },
  minLength: { id: "min-length", upper: false },
  minItems: { id: "min-items", upper: false },
};
/** Schema keywords the walk understands; any other keyword that differs is `unclassified-change`. */
const HANDLED = new Set([
  ...ANNOTATIONS,
  ...Object.keys(BOUNDS),
  "type",
  "format",
  "enum",
  "const",
  "default",
  "pattern",
  "properties",
  "required",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "nullable",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/**
 * Every rule this tool knows: its level and whether oasdiff's checker has the same id. A rule id
 * that reaches `emit` without an entry here is a bug, so the table cannot drift from the code.
 * @type {Record<string, { level: Level, own?: true }>}
 */
export const RULES = {};
const rule = (level, ids, own) => {
  for (const id of ids) RULES[id] = own ? { level, own: true } : { level };
};
// Paths and operations.
rule("error", ["api-path-removed-without-deprecation", "api-removed-without-deprecation"]);
rule("info", ["api-path-removed-with-deprecation", "api-removed-with-deprecation", "endpoint-added"]);
rule("info", ["endpoint-deprecated", "endpoint-reactivated", "api-operation-id-removed", "api-operation-id-added"]);
rule("info", ["api-tag-added", "api-tag-removed"]);
// Parameters.
rule("error", ["new-required-request-parameter", "new-request-path-parameter", "request-parameter-became-required"]);
rule("info", ["new-optional-request-parameter", "request-parameter-became-optional"]);
rule("warning", ["request-parameter-removed"]);
rule("info", ["request-parameter-removed-with-deprecation", "request-parameter-deprecated"]);
rule("info", ["request-parameter-reactivated"]);
rule("error", ["request-parameter-default-value-changed", "request-parameter-default-value-added"]);
rule("error", ["request-parameter-default-value-removed"]);
// Request bodies.
rule("error", ["request-body-added-required", "request-body-removed", "request-body-became-required"]);
rule("info", ["request-body-added-optional", "request-body-became-optional", "request-body-media-type-added"]);
rule("error", ["request-body-media-type-removed"]);
rule("error", ["new-required-request-property", "request-property-became-required"]);
rule("info", ["new-optional-request-property", "request-property-became-optional"]);
rule("warning", ["request-property-removed"]);
// Responses.
rule("error", ["response-success-status-removed", "response-media-type-removed"]);
rule("info", ["response-success-status-added", "response-non-success-status-removed"]);
rule("info", ["response-non-success-status-added", "response-media-type-added"]);
rule("error", ["response-required-property-removed", "response-property-became-optional"]);
rule("warning", ["response-optional-property-removed"]);
rule("info", ["response-required-property-added", "response-optional-property-added"]);
rule("info", ["response-property-became-required"]);
rule("error", ["required-response-header-removed"]);
rule("warning", ["optional-response-header-removed"]);
rule("info", ["response-header-added"]);
// Components.
rule("info", ["api-schema-removed", "api-security-component-removed", "api-security-component-added"]);
rule("info", ["api-schema-added"], true);
// Schema keywords, for each place a schema sits: the request side (`request-parameter`,
// `request-body`, `request-property`) accepts less when narrowed; the response side
// (`response-body`, `response-property`) may send more when widened.
for (const where of ["request-parameter", "request-body", "request-property"]) {
  rule("error", [`${where}-type-changed`, `${where}-enum-value-removed`, `${where}-became-enum`]);
  rule("error", [`${where}-became-not-nullable`, `${where}-pattern-added`, `${where}-list-of-types-narrowed`]);
  rule("info", [`${where}-type-generalized`, `${where}-enum-value-added`, `${where}-became-nullable`]);
  rule("info", [`${where}-pattern-removed`, `${where}-list-of-types-widened`]);
  rule("warning", [`${where}-pattern-changed`]);
  rule("error", [`${where}-const-added`, `${where}-const-changed`]);
  rule("info", [`${where}-const-removed`]);
  rule("info", [`${where}-became-not-enum`], true);
  for (const { id, upper } of Object.values(BOUNDS)) {
    rule("error", [`${where}-${id}-${upper ? "decreased" : "increased"}`]);
    rule("info", [`${where}-${id}-${upper ? "increased" : "decreased"}`]);
    rule("warning", [`${where}-${id}-set`]);
    rule("info", [`${where}-${id}-unset`], true);
  }
  rule("error", [`${where}-one-of-removed`, `${where}-any-of-removed`]);
  rule("info", [`${where}-one-of-added`, `${where}-any-of-added`]);
}
rule("info", ["request-body-default-value-changed", "request-body-default-value-added"]);
rule("info", ["request-body-default-value-removed", "request-property-default-value-changed"]);
rule("info", ["request-property-default-value-added", "request-property-default-value-removed"]);
for (const where of ["response-body", "response-property"]) {
  rule("error", [`${where}-type-changed`, `${where}-became-nullable`, `${where}-list-of-types-widened`]);
  rule("info", [`${where}-type-specialized`, `${where}-became-not-nullable`, `${where}-list-of-types-narrowed`]);
  rule("error", [`${where}-const-removed`, `${where}-const-changed`]);
  rule("info", [`${where}-const-added`]);
  rule("info", [`${where}-pattern-added`, `${where}-pattern-changed`, `${where}-pattern-removed`]);
  rule("info", [`${where}-default-value-added`, `${where}-default-value-removed`, `${where}-default-value-changed`]);
  for (const { id, upper } of Object.values(BOUNDS)) {
    rule("error", [`${where}-${id}-${upper ? "increased" : "decreased"}`, `${where}-${id}-unset`]);
    rule("info", [`${where}-${id}-${upper ? "decreased" : "increased"}`, `${where}-${id}-set`], true);
  }
  rule("error", [`${where}-one-of-added`]);
  rule("info", [`${where}-one-of-removed`, `${where}-any-of-added`, `${where}-any-of-removed`]);
  rule("info", [`${where}-became-enum`], true);
  rule("warning", [`${where}-became-not-enum`], true);
}
rule("warning", ["response-property-enum-value-added"]);
rule("info", ["response-property-enum-value-removed", "response-mediatype-enum-value-removed"]);
rule("warning", ["response-body-enum-value-added"], true);
// This tool's own: oasdiff's checker does not report these at all.
rule("info", ["description-changed", "example-changed"], true);
rule("warning", ["unclassified-change"], true);

/** A JSON-ish deep equality (key order ignored). */
export function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
}

const show = (value) => JSON.stringify(value);
const list = (values) => values.map(show).join(", ");

/**
 * Every change from `base` to `head`, both OpenAPI 3.x documents with their $refs resolved.
 * @param {Record<string, any>} base
 * @param {Record<string, any>} head
 * @returns {Change[]}
 */
export function diffSpecs(base, head) {
  /** @type {Change[]} */
  const changes = [];
  const emit = (id, operation, message) => {
    const known = RULES[id];
    if (!known) throw new Error(`spec-diff: rule ${id} is not in RULES`);
    changes.push({ rule: id, operation, level: known.level, breaking: known.level === "error", message });
  };

  const basePaths = base.paths ?? {};
  const headPaths = head.paths ?? {};
  for (const path of union(Object.keys(basePaths), Object.keys(headPaths))) {
    const before = basePaths[path];
    const after = headPaths[path];
    for (const method of METHODS) {
      const op = `${method.toUpperCase()} ${path}`;
      const b = before?.[method];
      const a = after?.[method];
      if (b && !a) {
        if (!after) {
          emit(
            b.deprecated ? "api-path-removed-with-deprecation" : "api-path-removed-without-deprecation",
            op,
            `${op}: the path ${path} was removed, and this operation with it${b.deprecated ? " (it was deprecated)" : ". Clients that call it get 404; deprecate it first and remove it in a major release"}.`,
          );
        } else {
          emit(
            b.deprecated ? "api-removed-with-deprecation" : "api-removed-without-deprecation",
            op,
            `${op}: the operation was removed${b.deprecated ? " (it was deprecated)" : ". Clients that call it break; deprecate it first and remove it in a major release"}.`,
          );
        }
      } else if (a && !b) {
        emit("endpoint-added", op, `${op}: the operation was added.`);
      } else if (a && b) {
        const shared = { base: [...(before.parameters ?? [])], head: [...(after.parameters ?? [])] };
        diffOperation(op, b, a, shared, emit);
      }
    }
  }
  diffComponents(base, head, emit);
  return changes;
}

function union(a, b) {
  return [...new Set([...a, ...b])];
}

function diffOperation(op, b, a, pathParameters, emit) {
  if (b.operationId !== a.operationId) {
    if (b.operationId)
      emit(
        "api-operation-id-removed",
        op,
        `${op}: operationId ${show(b.operationId)} was ${a.operationId ? `replaced by ${show(a.operationId)}` : "removed"}. Generated method and type names that use it change.`,
      );
    else emit("api-operation-id-added", op, `${op}: operationId ${show(a.operationId)} was added.`);
  }
  for (const key of ["summary", "description"]) {
    if (!same(b[key], a[key])) emit("description-changed", op, `${op}: the operation's ${key} changed.`);
  }
  if (!b.deprecated && a.deprecated) emit("endpoint-deprecated", op, `${op}: the operation was deprecated.`);
  if (b.deprecated && !a.deprecated) emit("endpoint-reactivated", op, `${op}: the operation is no longer deprecated.`);
  const tagsB = b.tags ?? [];
  const tagsA = a.tags ?? [];
  for (const tag of tagsB.filter((t) => !tagsA.includes(t)))
    emit("api-tag-removed", op, `${op}: tag ${show(tag)} was removed.`);
  for (const tag of tagsA.filter((t) => !tagsB.includes(t)))
    emit("api-tag-added", op, `${op}: tag ${show(tag)} was added.`);

  diffParameters(
    op,
    mergeParameters(pathParameters.base, b.parameters),
    mergeParameters(pathParameters.head, a.parameters),
    emit,
  );
  diffRequestBody(op, b.requestBody, a.requestBody, emit);
  diffResponses(op, b.responses ?? {}, a.responses ?? {}, emit);
  // Anything else about the operation (security, servers, callbacks, …): listed, graded warning.
  otherKeys(op, "the operation", b, a, OPERATION_KEYS, emit);
}

const OPERATION_KEYS = new Set([
  "operationId",
  "summary",
  "description",
  "deprecated",
  "tags",
  "parameters",
  "requestBody",
  "responses",
  "externalDocs",
]);
const PARAMETER_KEYS = new Set([
  "name",
  "in",
  "required",
  "deprecated",
  "description",
  "example",
  "examples",
  "schema",
]);

/** Each key outside `handled` that differs: an `unclassified-change` (a warning: it may break). */
function otherKeys(op, what, b, a, handled, emit) {
  for (const key of union(Object.keys(b), Object.keys(a))) {
    if (handled.has(key) || key.startsWith("x-") || same(b[key], a[key])) continue;
    emit(
      "unclassified-change",
      op,
      `${op}: ${show(key)} of ${what} changed from ${show(b[key] ?? null)} to ${show(a[key] ?? null)}; check its effect on clients.`,
    );
  }
}

/** Path-level parameters, overridden by the operation's own, keyed by `in` and `name`. */
function mergeParameters(pathLevel, own = []) {
  const byKey = new Map();
  for (const parameter of [...pathLevel, ...own]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return byKey;
}

function diffParameters(op, before, after, emit) {
  for (const [key, b] of before) {
    const a = after.get(key);
    const what = `${b.in} parameter ${show(b.name)}`;
    if (!a) {
      if (b.deprecated)
        emit("request-parameter-removed-with-deprecation", op, `${op}: the ${what} was removed (deprecated before).`);
      else
        emit(
          "request-parameter-removed",
          op,
          `${op}: the ${what} was removed. Clients that still send it may get an error or have it ignored; deprecate it first.`,
        );
      continue;
    }
    if (!b.required && a.required)
      emit(
        "request-parameter-became-required",
        op,
        `${op}: the ${what} became required. Every client call that leaves it out now fails; keep it optional (with a default) or release a major version.`,
      );
    if (b.required && !a.required) emit("request-parameter-became-optional", op, `${op}: the ${what} became optional.`);
    if (!b.deprecated && a.deprecated) emit("request-parameter-deprecated", op, `${op}: the ${what} was deprecated.`);
    if (b.deprecated && !a.deprecated)
      emit("request-parameter-reactivated", op, `${op}: the ${what} is no longer deprecated.`);
    if (!same(b.description, a.description))
      emit("description-changed", op, `${op}: the description of the ${what} changed.`);
    if (!same(b.example, a.example) || !same(b.examples, a.examples))
      emit("example-changed", op, `${op}: the examples of the ${what} changed.`);
    otherKeys(op, `the ${what}`, b, a, PARAMETER_KEYS, emit);
    diffSchema(
      { op, side: "request", where: "request-parameter", nested: "request-parameter", parameter: true },
      { root: `the ${what}`, path: "" },
      b.schema ?? {},
      a.schema ?? {},
      emit,
      new Map(),
    );
  }
  for (const [key, a] of after) {
    if (before.has(key)) continue;
    const what = `${a.in} parameter ${show(a.name)}`;
    if (a.in === "path")
      emit(
        "new-request-path-parameter",
        op,
        `${op}: the ${what} was added. Every client builds this URL differently now.`,
      );
    else if (a.required)
      emit(
        "new-required-request-parameter",
        op,
        `${op}: a new required ${what} was added. Every existing call lacks it and fails; make it optional (with a default) or release a major version.`,
      );
    else emit("new-optional-request-parameter", op, `${op}: a new optional ${what} was added.`);
  }
}

function diffRequestBody(op, b, a, emit) {
  if (!b && !a) return;
  if (b && !a) {
    emit("request-body-removed", op, `${op}: the request body was removed. Clients that send one may be rejected.`);
    return;
  }
  if (!b) {
    if (a.required)
      emit(
        "request-body-added-required",
        op,
        `${op}: a required request body was added. Existing calls send none and fail; make it optional or release a major version.`,
      );
    else emit("request-body-added-optional", op, `${op}: an optional request body was added.`);
    return;
  }
  if (!b.required && a.required)
    emit("request-body-became-required", op, `${op}: the request body became required. Calls without one now fail.`);
  if (b.required && !a.required) emit("request-body-became-optional", op, `${op}: the request body became optional.`);
  if (!same(b.description, a.description))
    emit("description-changed", op, `${op}: the request body's description changed.`);
  diffContent(op, "request", b.content ?? {}, a.content ?? {}, "the request body", emit);
}

function diffContent(op, side, before, after, what, emit) {
  for (const type of union(Object.keys(before), Object.keys(after))) {
    const b = before[type];
    const a = after[type];
    if (b && !a) {
      emit(
        `${side}-${side === "request" ? "body-" : ""}media-type-removed`,
        op,
        `${op}: ${what} no longer has media type ${type}. Clients that ${side === "request" ? "send" : "expect"} ${type} break.`,
      );
    } else if (a && !b) {
      emit(
        `${side}-${side === "request" ? "body-" : ""}media-type-added`,
        op,
        `${op}: ${what} gained media type ${type}.`,
      );
    } else if (a && b) {
      if (!same(b.example, a.example) || !same(b.examples, a.examples))
        emit("example-changed", op, `${op}: the examples of ${what} (${type}) changed.`);
      otherKeys(op, `${what} (${type})`, b, a, new Set(["schema", "example", "examples", "encoding"]), emit);
      if (!same(b.encoding, a.encoding))
        emit(
          "unclassified-change",
          op,
          `${op}: the encoding of ${what} (${type}) changed; check that clients still send it right.`,
        );
      diffSchema(
        { op, side, where: `${side}-body`, nested: `${side}-property`, parameter: false },
        { root: what, path: "" },
        b.schema ?? {},
        a.schema ?? {},
        emit,
        new Map(),
      );
    }
  }
}

const isSuccess = (status) => /^2/.test(status) || status === "2XX";

function diffResponses(op, before, after, emit) {
  for (const status of union(Object.keys(before), Object.keys(after))) {
    const b = before[status];
    const a = after[status];
    if (b && !a) {
      if (isSuccess(status))
        emit(
          "response-success-status-removed",
          op,
          `${op}: the success response ${status} was removed. Clients that handle it break; keep it or release a major version.`,
        );
      else emit("response-non-success-status-removed", op, `${op}: the error response ${status} was removed.`);
    } else if (a && !b) {
      if (isSuccess(status))
        emit("response-success-status-added", op, `${op}: the success response ${status} was added.`);
      else emit("response-non-success-status-added", op, `${op}: the error response ${status} was added.`);
    } else if (a && b) {
      const what = `the ${status} response`;
      if (!same(b.description, a.description))
        emit("description-changed", op, `${op}: the description of ${what} changed.`);
      diffHeaders(op, what, b.headers ?? {}, a.headers ?? {}, emit);
      otherKeys(op, what, b, a, new Set(["description", "headers", "content"]), emit);
      diffContent(op, "response", b.content ?? {}, a.content ?? {}, what, emit);
    }
  }
}

function diffHeaders(op, what, before, after, emit) {
  for (const name of union(Object.keys(before), Object.keys(after))) {
    const b = before[name];
    const a = after[name];
    if (b && !a) {
      if (b.required)
        emit("required-response-header-removed", op, `${op}: ${what} no longer sends the required header ${name}.`);
      else emit("optional-response-header-removed", op, `${op}: ${what} no longer documents the header ${name}.`);
    } else if (a && !b) emit("response-header-added", op, `${op}: ${what} gained the header ${name}.`);
    else if (!same(a, b)) {
      if (!same(stripAnnotations(a), stripAnnotations(b)))
        emit(
          "unclassified-change",
          op,
          `${op}: the header ${name} of ${what} changed; check what clients read from it.`,
        );
      else emit("description-changed", op, `${op}: the description of the header ${name} of ${what} changed.`);
    }
  }
}

function stripAnnotations(node) {
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map(stripAnnotations);
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !ANNOTATIONS.has(key))
      .map(([key, value]) => [key, stripAnnotations(value)]),
  );
}

/** The schema with its `allOf` members merged in: properties and `required` are what a value must have. */
function flatten(schema) {
  if (!schema || typeof schema !== "object" || !Array.isArray(schema.allOf)) return schema ?? {};
  const { allOf, ...own } = schema;
  const merged = { ...own };
  const properties = {};
  const required = new Set(own.required ?? []);
  for (const member of [...allOf.map(flatten), own]) {
    for (const [name, value] of Object.entries(member.properties ?? {})) {
      properties[name] = properties[name] && properties[name] !== value ? mergeSchemas(properties[name], value) : value;
    }
    for (const name of member.required ?? []) required.add(name);
    for (const [key, value] of Object.entries(member)) {
      if (key !== "properties" && key !== "required" && !(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required].sort();
  return merged;
}

/** Two schemas of one property (an allOf member refining another's): the later's keywords win. */
function mergeSchemas(first, second) {
  return { ...flatten(first), ...flatten(second) };
}

const typesOf = (schema) => {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  return types;
};
/** `integer` is a `number`: a type set that gains `number` over `integer` accepts more. */
const covers = (wider, narrower) =>
  narrower.every((type) => wider.includes(type) || (type === "integer" && wider.includes("number")));

/**
 * Compares one schema in a request or a response. `at` names where it sits, for messages.
 * `seen` stops at a pair already compared (a recursive schema).
 */
function diffSchema(place, loc, rawBase, rawHead, emit, seen) {
  const at = loc.path ? `${loc.path} in ${loc.root}` : loc.root;
  const child = (suffix) => ({ root: loc.root, path: loc.path + suffix });
  if (rawBase === rawHead) return;
  const pairs = seen.get(rawBase) ?? new Set();
  if (pairs.has(rawHead)) return;
  pairs.add(rawHead);
  seen.set(rawBase, pairs);

  const b = flatten(rawBase);
  const a = flatten(rawHead);
  const { op, side, where } = place;
  const inner = { ...place, where: place.nested, parameter: place.parameter };
  const say = (id, text) => emit(`${where}-${id}`, op, `${op}: ${text}`);
  const request = side === "request";

  // Annotations.
  for (const key of ["description", "title"]) {
    if (!same(b[key], a[key])) emit("description-changed", op, `${op}: the ${key} of ${at} changed.`);
  }
  if (!same(b.example, a.example) || !same(b.examples, a.examples))
    emit("example-changed", op, `${op}: the examples of ${at} changed.`);

  // Types and nullability.
  const typesB = typesOf(b);
  const typesA = typesOf(a);
  const nullB = typesB.includes("null");
  const nullA = typesA.includes("null");
  if (!nullB && nullA && typesB.length > 0)
    say(
      "became-nullable",
      `${at} may now be null.${request ? "" : " Clients that read it without a null check break."}`,
    );
  if (nullB && !nullA && typesA.length > 0)
    say("became-not-nullable", `${at} may no longer be null.${request ? " Clients that send null are rejected." : ""}`);
  const plainB = typesB.filter((t) => t !== "null");
  const plainA = typesA.filter((t) => t !== "null");
  if (!same([...plainB].sort(), [...plainA].sort())) {
    if (plainB.length === 0 && plainA.length > 0 && request)
      say(
        "type-changed",
        `${at} now has type ${list(plainA)} (it had none). Clients that send anything else are rejected.`,
      );
    else if (plainB.length === 0 || plainA.length === 0) {
      if (request) say("type-generalized", `${at} no longer has a type; it accepts any value.`);
      else say("type-changed", `${at} no longer has a fixed type (was ${list(plainB)}).`);
    } else if (request ? covers(plainA, plainB) : covers(plainB, plainA)) {
      if (plainB.length > 1 || plainA.length > 1)
        say(
          request ? "list-of-types-widened" : "list-of-types-narrowed",
          `the types of ${at} went from ${list(plainB)} to ${list(plainA)}.`,
        );
      else
        say(
          request ? "type-generalized" : "type-specialized",
          `the type of ${at} went from ${list(plainB)} to ${list(plainA)}.`,
        );
    } else if (plainB.length > 1 || plainA.length > 1) {
      say(
        request ? "list-of-types-narrowed" : "list-of-types-widened",
        `the types of ${at} went from ${list(plainB)} to ${list(plainA)}. ${request ? "Values of a dropped type are rejected." : "Clients get values of a type they do not handle."}`,
      );
    } else {
      say(
        "type-changed",
        `the type of ${at} changed from ${list(plainB)} to ${list(plainA)}. ${request ? "Clients that send the old type are rejected." : "Clients that read the old type break."}`,
      );
    }
  }
  if (!same(b.format, a.format)) {
    const widened = request ? a.format === undefined : b.format === undefined;
    if (widened)
      say(
        request ? "type-generalized" : "type-specialized",
        `the format of ${at} went from ${show(b.format ?? null)} to ${show(a.format ?? null)}.`,
      );
    else
      say(
        "type-changed",
        `the format of ${at} changed from ${show(b.format ?? null)} to ${show(a.format ?? null)}. ${request ? "Values in the old format may be rejected." : "Clients that parse the old format break."}`,
      );
  }

  // Enums and const.
  diffEnum(place, at, b, a, say, emit);
  if (!same(b.const, a.const)) {
    if (b.const === undefined)
      say(
        "const-added",
        `${at} must now be ${show(a.const)}.${request ? " Clients that send anything else are rejected." : ""}`,
      );
    else if (a.const === undefined)
      say(
        "const-removed",
        `${at} is no longer fixed to ${show(b.const)}.${request ? "" : " Clients that rely on it break."}`,
      );
    else say("const-changed", `${at} changed from the constant ${show(b.const)} to ${show(a.const)}.`);
  }

  // Defaults.
  if (!same(b.default, a.default)) {
    const kind = b.default === undefined ? "added" : a.default === undefined ? "removed" : "changed";
    const text =
      kind === "added"
        ? `${at} gained the default ${show(a.default)}.`
        : kind === "removed"
          ? `${at} lost its default ${show(b.default)}.`
          : `the default of ${at} changed from ${show(b.default)} to ${show(a.default)}.`;
    const id = place.parameter ? "request-parameter" : where;
    emit(
      `${id}-default-value-${kind}`,
      op,
      `${op}: ${text}${place.parameter ? " Calls that leave it out now behave differently; keep the default or release a major version." : ""}`,
    );
  }

  // Bounds.
  for (const [keyword, { id, upper }] of Object.entries(BOUNDS)) {
    const vb = b[keyword];
    const va = a[keyword];
    if (same(vb, va) || typeof vb === "boolean" || typeof va === "boolean") continue;
    if (vb === undefined)
      say(
        `${id}-set`,
        `${at} gained ${keyword} ${va}.${request ? " Values beyond it are rejected; check what clients send." : ""}`,
      );
    else if (va === undefined)
      say(`${id}-unset`, `${at} lost ${keyword} ${vb}.${request ? "" : " Clients may get values beyond it."}`);
    else {
      const increased = va > vb;
      const narrows = increased !== upper;
      say(
        `${id}-${increased ? "increased" : "decreased"}`,
        `${keyword} of ${at} went from ${vb} to ${va}.${request && narrows ? " Values that were valid are now rejected." : ""}${!request && !narrows ? " Clients may get values they did not expect." : ""}`,
      );
    }
  }

  // Pattern.
  if (!same(b.pattern, a.pattern)) {
    if (b.pattern === undefined) say("pattern-added", `${at} must now match ${show(a.pattern)}.`);
    else if (a.pattern === undefined) say("pattern-removed", `${at} no longer has to match ${show(b.pattern)}.`);
    else
      say(
        "pattern-changed",
        `the pattern of ${at} changed from ${show(b.pattern)} to ${show(a.pattern)}${request ? "; values valid before may be rejected" : ""}.`,
      );
  }

  // Object properties.
  const propsB = b.properties ?? {};
  const propsA = a.properties ?? {};
  const reqB = new Set(b.required ?? []);
  const reqA = new Set(a.required ?? []);
  const propEmit = (id, text) => emit(id, op, `${op}: ${text}`);
  for (const name of union(Object.keys(propsB), Object.keys(propsA))) {
    const pb = propsB[name];
    const pa = propsA[name];
    const field = `${loc.path ? `${loc.path}.` : ""}${name} in ${loc.root}`;
    if (pb && !pa) {
      if (request)
        propEmit(
          "request-property-removed",
          `the property ${field} was removed. Clients that still send it may be rejected.`,
        );
      else if (reqB.has(name))
        propEmit(
          "response-required-property-removed",
          `the required property ${field} was removed. Clients that read it get undefined; keep it or release a major version.`,
        );
      else
        propEmit(
          "response-optional-property-removed",
          `the optional property ${field} was removed. Clients that read it get undefined.`,
        );
    } else if (pa && !pb) {
      if (request) {
        if (reqA.has(name))
          propEmit(
            "new-required-request-property",
            `a new required property ${field} was added. Existing calls lack it and fail; make it optional or release a major version.`,
          );
        else propEmit("new-optional-request-property", `a new optional property ${field} was added.`);
      } else
        propEmit(
          reqA.has(name) ? "response-required-property-added" : "response-optional-property-added",
          `the ${reqA.has(name) ? "required" : "optional"} property ${field} was added.`,
        );
    } else if (pa && pb) {
      if (!reqB.has(name) && reqA.has(name)) {
        if (request)
          propEmit(
            "request-property-became-required",
            `the property ${field} became required. Calls that leave it out now fail; keep it optional or release a major version.`,
          );
        else propEmit("response-property-became-required", `the property ${field} became required.`);
      }
      if (reqB.has(name) && !reqA.has(name)) {
        if (request) propEmit("request-property-became-optional", `the property ${field} became optional.`);
        else
          propEmit(
            "response-property-became-optional",
            `the property ${field} became optional. Clients that read it without a check break; keep it required or release a major version.`,
          );
      }
      diffSchema(inner, child(loc.path ? `.${name}` : name), pb, pa, emit, seen);
    }
  }
  // A `required` entry for a property neither side declares (a rule written on its own).
  for (const name of [...reqA].filter((n) => !reqB.has(n) && !propsA[n] && !propsB[n])) {
    propEmit(
      request ? "request-property-became-required" : "response-property-became-required",
      `${show(name)} is now required in ${at}.`,
    );
  }
  for (const name of [...reqB].filter((n) => !reqA.has(n) && !propsA[n] && !propsB[n])) {
    propEmit(
      request ? "request-property-became-optional" : "response-property-became-optional",
      `${show(name)} is no longer required in ${at}.`,
    );
  }

  // Array items.
  if (b.items || a.items) {
    if (b.items && a.items) diffSchema(inner, child("[]"), b.items, a.items, emit, seen);
    else
      emit(
        "unclassified-change",
        op,
        `${op}: the items schema of ${at} was ${a.items ? "added" : "removed"}; check what clients send and read.`,
      );
  }

  // anyOf / oneOf: alternatives compared in order; fewer alternatives accept less.
  for (const [keyword, id] of [
    ["anyOf", "any-of"],
    ["oneOf", "one-of"],
  ]) {
    const lb = b[keyword] ?? [];
    const la = a[keyword] ?? [];
    if (la.length < lb.length)
      say(`${id}-removed`, `${at} lost ${lb.length - la.length} of its ${keyword} alternatives.`);
    if (la.length > lb.length) say(`${id}-added`, `${at} gained ${la.length - lb.length} ${keyword} alternative(s).`);
    for (let i = 0; i < Math.min(lb.length, la.length); i++) {
      diffSchema(place, { root: `${keyword} alternative ${i + 1} of ${at}`, path: "" }, lb[i], la[i], emit, seen);
    }
  }

  // Anything else that differs: listed, graded warning (it cannot be judged here).
  for (const key of union(Object.keys(b), Object.keys(a))) {
    if (HANDLED.has(key) || key.startsWith("x-") || same(b[key], a[key])) continue;
    emit(
      "unclassified-change",
      op,
      `${op}: ${show(key)} of ${at} changed from ${show(b[key] ?? null)} to ${show(a[key] ?? null)}; check its effect on clients.`,
    );
  }
}

function diffEnum(place, at, b, a, say, emit) {
  const { op, side, where } = place;
  const request = side === "request";
  const enumB = Array.isArray(b.enum) ? b.enum : undefined;
  const enumA = Array.isArray(a.enum) ? a.enum : undefined;
  if (!enumB && !enumA) return;
  if (!enumB && enumA) {
    say(
      "became-enum",
      `${at} is now limited to ${list(enumA)}.${request ? " Clients that send any other value are rejected." : ""}`,
    );
    return;
  }
  if (enumB && !enumA) {
    say(
      "became-not-enum",
      `${at} is no longer limited to ${list(enumB)}.${request ? "" : " Clients get values they do not handle."}`,
    );
    return;
  }
  const removed = enumB.filter((value) => !enumA.some((other) => same(other, value)));
  const added = enumA.filter((value) => !enumB.some((other) => same(other, value)));
  for (const value of removed) {
    if (request)
      say(
        "enum-value-removed",
        `the value ${show(value)} of ${at} was removed. Clients that send it are rejected; keep the value or release a major version.`,
      );
    else
      emit(
        where === "response-body" ? "response-mediatype-enum-value-removed" : "response-property-enum-value-removed",
        op,
        `${op}: the value ${show(value)} of ${at} was removed; it is no longer sent.`,
      );
  }
  for (const value of added) {
    if (request) say("enum-value-added", `${at} gained the value ${show(value)}.`);
    else
      say(
        "enum-value-added",
        `${at} gained the value ${show(value)}. Clients with an exhaustive switch over it break; handle unknown values.`,
      );
  }
}

/**
 * What sits outside `paths`: component schemas and security schemes added or removed (a change
 * inside one is reported in every operation that uses it), the document's own descriptions, and
 * anything else at the top level.
 */
function diffComponents(base, head, emit) {
  const at = "components";
  for (const [kind, removed, added] of [
    ["schemas", "api-schema-removed", "api-schema-added"],
    ["securitySchemes", "api-security-component-removed", "api-security-component-added"],
  ]) {
    const before = base.components?.[kind] ?? {};
    const after = head.components?.[kind] ?? {};
    for (const name of Object.keys(before).filter((n) => !(n in after)))
      emit(removed, at, `components.${kind}.${name} was removed. Code that imports its generated type by name breaks.`);
    for (const name of Object.keys(after).filter((n) => !(n in before)))
      emit(added, at, `components.${kind}.${name} was added.`);
  }
  for (const key of ["summary", "description", "title"]) {
    if (!same(base.info?.[key], head.info?.[key])) emit("description-changed", at, `info.${key} changed.`);
  }
  for (const key of ["tags", "externalDocs"]) {
    if (!same(stripAnnotations(base[key]), stripAnnotations(head[key])))
      emit("unclassified-change", at, `${key} changed; check what it means for clients.`);
    else if (!same(base[key], head[key])) emit("description-changed", at, `the descriptions in ${key} changed.`);
  }
  if (!same(base.servers, head.servers))
    emit(
      "unclassified-change",
      at,
      `servers changed from ${show(base.servers ?? [])} to ${show(head.servers ?? [])}; clients that use the default base URL now call another host.`,
    );
  if (!same(base.security, head.security))
    emit(
      "unclassified-change",
      at,
      `the global security requirement changed from ${show(base.security ?? [])} to ${show(head.security ?? [])}; check how clients authenticate.`,
    );
}
