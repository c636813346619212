/**
 * The spec as the fake's judge: routing by the spec's paths, request checks and response checks,
 * all from `generated/contract.gen.js` (ajv standalone code compiled from spec/voices.openapi.yaml).
 * Nothing here restates a rule of the spec; it only says where each generated check applies.
 */
import type { operations } from "@noiz-voices/client";
import {
  type OperationSpec,
  requestValidators,
  responseValidators,
  security,
  operations as specOperations,
  type ValidationIssue,
  type Validator,
} from "./generated/contract.gen.js";

/** An operation of the Voices API by its `operationId`: `listVoices`, `cloneVoice`, `getVoice` or `deleteVoice`. */
export type OperationId = keyof operations;

export type { OperationSpec };

/** Every operation of the spec. */
export const OPERATIONS: readonly OperationSpec[] = specOperations;

/** Every operationId, in the spec's order. */
export const OPERATION_IDS: readonly OperationId[] = specOperations.map((operation) => operation.operationId);

/** The header that carries the API key, lower-cased. */
export const API_KEY_HEADER: string = security.header;

/** A request matched to an operation, with its path parameters. */
export interface Route {
  operation: OperationSpec;
  pathParams: Record<string, string>;
}

/** What routing found: an operation, a path the spec has under another method, or nothing. */
export type RouteResult = { route: Route } | { allowed: string[] } | null;

const compiled = specOperations.map((operation) => {
  const names: string[] = [];
  const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { operation, names, pattern: new RegExp(`^${source}$`) };
});

/** Finds the operation for `method` and `path` (the path under the base URL, still percent-encoded). */
export function route(method: string, path: string): RouteResult {
  const allowed: string[] = [];
  for (const { operation, names, pattern } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (operation.method !== method.toUpperCase()) {
      allowed.push(operation.method);
      continue;
    }
    const pathParams: Record<string, string> = {};
    for (const [index, name] of names.entries()) {
      try {
        pathParams[name] = decodeURIComponent(match[index + 1] ?? "");
      } catch {
        return { route: { operation, pathParams: { [name]: "\uFFFD" } } };
      }
    }
    return { route: { operation, pathParams } };
  }
  return allowed.length > 0 ? { allowed } : null;
}

/** Names each violation ajv found, in words a test failure can show as they are. */
function describeIssues(where: string, issues: readonly ValidationIssue[]): string {
  const describe = (issue: ValidationIssue) => {
    const field = issue.instancePath.split("/").filter(Boolean).join(".");
    const allowed = issue.params.allowedValues;
    const detail = Array.isArray(allowed) ? ` (${allowed.join(", ")})` : "";
    return `${field ? `${where} "${field}" ` : `${where} `}${issue.message ?? issue.keyword}${detail}`;
  };
  const alternatives = issues.some((issue) => issue.keyword === "anyOf" || issue.keyword === "oneOf");
  const named = [...new Set(issues.filter((issue) => !/^(any|one)Of$/.test(issue.keyword)).map(describe))];
  return alternatives ? `${where} matches none of the spec's alternatives: ${named.join(", or ")}` : named.join("; ");
}

function check(validator: Validator | undefined, data: unknown, where: string): string | undefined {
  if (!validator || validator(data)) return undefined;
  return describeIssues(where, validator.errors ?? []);
}

/** The parts of a request the spec says something about, as plain values (coerced in place). */
export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The body's media type without parameters, or null without a body. */
  contentType: string | null;
  /** Form fields (a file part as its `type`), or null when the body is not a form. */
  form: Record<string, string | string[] | { file: true; type: string }> | null;
}

/**
 * Checks a request against its operation. Returns the violations, or `undefined` when the request
 * keeps the contract; `parts.query` and `parts.form` then hold typed values, defaults filled in.
 */
export function checkRequest(operation: OperationSpec, parts: RequestParts): string | undefined {
  const id = operation.operationId;
  const problems = [
    check(requestValidators[`${id}:path`], parts.pathParams, "path parameter"),
    check(requestValidators[`${id}:query`], parts.query, "query parameter"),
    check(requestValidators[`${id}:header`], parts.headers, "header"),
    checkBody(operation, parts),
  ].filter((problem): problem is string => problem !== undefined);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

function checkBody(operation: OperationSpec, parts: RequestParts): string | undefined {
  const body = operation.requestBody;
  if (!body) return undefined;
  if (parts.contentType === null) return body.required ? "a request body is required" : undefined;
  if (!body.contentTypes.includes(parts.contentType)) {
    return `the body must be ${body.contentTypes.join(" or ")}, not ${parts.contentType}`;
  }
  if (parts.form === null) return `the body is not valid ${parts.contentType}`;
  // Parts' own media types, from the spec's `encoding`.
  for (const [field, types] of Object.entries(body.encoding)) {
    const value = parts.form[field];
    if (value && typeof value === "object" && !Array.isArray(value) && !types.includes(value.type)) {
      return `form field "${field}" has type ${value.type || "(none)"}; the spec allows ${types.join(", ")}`;
    }
  }
  // Ajv sees a file part as the string OpenAPI's `format: binary` describes.
  const data = Object.fromEntries(
    Object.entries(parts.form).map(([name, value]) => [
      name,
      typeof value === "object" && "file" in value ? "" : value,
    ]),
  );
  const problem = check(requestValidators[`${operation.operationId}:body:${parts.contentType}`], data, "form field");
  if (problem === undefined) Object.assign(parts.form, data, pickFiles(parts.form));
  return problem;
}

const pickFiles = (form: NonNullable<RequestParts["form"]>) =>
  Object.fromEntries(Object.entries(form).filter(([, value]) => typeof value === "object" && "file" in value));

/**
 * Checks a JSON body the fake is about to send: against the operation's documented response for
 * `status`, or, for a status the spec does not list there (an injected fault), the error envelope.
 * Returns the violations, or `undefined`.
 */
export function checkResponse(operationId: OperationId, status: number, body: unknown): string | undefined {
  const validator = responseValidators[`${operationId}:${status}`] ?? responseValidators["schema:ErrorEnvelope"];
  return check(validator, body, "response body");
}

/** Checks a value against one of the spec's component schemas the fake uses on its own. */
export function checkSchema(name: "Voice" | "ErrorEnvelope", value: unknown): string | undefined {
  return schemaProblem(name, value)?.problem;
}

/** `checkSchema`'s violations, with the fields they concern as dotted paths (`labels`, `meta.text`). */
export function schemaProblem(
  name: "Voice" | "ErrorEnvelope",
  value: unknown,
): { problem: string; fields: string[] } | undefined {
  const validator = responseValidators[`schema:${name}`];
  if (!validator || validator(value)) return undefined;
  const issues = validator.errors ?? [];
  const fields = issues.map((issue) => issue.instancePath.split("/").filter(Boolean).join(".")).filter(Boolean);
  return { problem: describeIssues(name, issues), fields: [...new Set(fields)] };
}
