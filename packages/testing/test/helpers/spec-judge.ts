// The spec as an independent judge of the fake's answers: compiled at test time by ajv straight from
// spec/voices.openapi.yaml, not from the fake's generated validators, so a bug in the generator
// or in the fake cannot hide behind itself.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
export const specPath = fileURLToPath(new URL("../../../../spec/voices.openapi.yaml", import.meta.url));
export const spec = parse(readFileSync(specPath, "utf8"));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, "spec");

type Json = Record<string, unknown>;
const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
function resolve(node: Json): { node: Json; at: string } | undefined {
  const ref = node.$ref;
  if (typeof ref !== "string") return undefined;
  const target = ref
    .slice(2)
    .split("/")
    .reduce<Json>((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, spec);
  return { node: target, at: ref.slice(1) };
}

interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
  /** Status → a validator of the JSON body. */
  responses: Map<string, ReturnType<typeof ajv.compile>>;
}

const operations: Operation[] = [];
for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
  for (const method of ["get", "post", "delete", "put", "patch"]) {
    const op = item[method] as Json | undefined;
    if (!op) continue;
    const responses = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
      const followed = resolve(response);
      const base = followed ? followed.at : `/${pointer("paths", path, method, "responses", status)}`;
      responses.set(status, ajv.compile({ $ref: `spec#${base}/content/application~1json/schema` }));
    }
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    operations.push({ id: op.operationId as string, method: method.toUpperCase(), pattern, responses });
  }
}
const errorEnvelope = ajv.compile({ $ref: "spec#/components/schemas/ErrorEnvelope" });

/** What the judge saw: each API answer and every way one broke the spec. */
export interface Verdicts {
  /** `"<operationId> <status>"` of each API answer, in order. */
  answers: string[];
  /** Answers with a status the spec does not list for their operation (injected faults). */
  undocumented: string[];
  /** Every violation found; a fake that keeps the contract leaves this empty. */
  violations: string[];
}

/**
 * Wraps a fetch that serves the API under `baseUrl`: every JSON answer of an operation is checked
 * against the spec (the documented response of its status, or the error envelope for a status
 * the spec does not list there).
 */
export function judge(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>, baseUrl: string) {
  const verdicts: Verdicts = { answers: [], undocumented: [], violations: [] };
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  const judged = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const path = new URL(request.url).pathname.slice(basePath.length);
    const operation = operations.find((op) => op.method === request.method && op.pattern.test(path));
    if (!operation) return response;
    const label = `${operation.id} ${response.status}`;
    verdicts.answers.push(label);
    if (!/^application\/json\b/.test(response.headers.get("content-type") ?? "")) {
      verdicts.violations.push(`${label}: content-type ${response.headers.get("content-type")}`);
    }
    const body: unknown = await response.clone().json();
    // HTTP 200 with a non-zero envelope code (an injected { envelopeCode }) is no documented answer:
    // the spec's 200 bodies all say code 0. It must still be the error envelope.
    const failedIn200 = response.status === 200 && (body as { code?: unknown })?.code !== 0;
    const validate = failedIn200 ? undefined : operation.responses.get(String(response.status));
    if (!validate) verdicts.undocumented.push(label);
    const check = validate ?? errorEnvelope;
    if (!check(body)) verdicts.violations.push(`${label}: ${ajv.errorsText(check.errors)}`);
    return response;
  };
  return { fetch: judged, verdicts };
}
