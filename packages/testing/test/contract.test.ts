// The spec is the judge: every documented response of every operation is provoked, and each one the
// fake sends validates against spec/voices.openapi.yaml (through the independent judge). And the
// compiled validators need no code generation at run time.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { operations as generated } from "../src/generated/contract.gen.js";
import { createFakeVoices, type Fault, makeWav, type OperationId } from "../src/index.js";
import { judge, spec } from "./helpers/spec-judge.js";

type Provoke = (send: (path: string, init?: RequestInit) => Promise<Response>) => Promise<Response>;

const form = (fields: Record<string, string | Blob>) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
};

// How to make the fake give each documented answer without fault injection, where a request can.
const natural: Record<string, Provoke> = {
  "listVoices 200": (send) => send("/voices?voice_type=built-in&limit=2"),
  "listVoices 400": (send) => send("/voices?skip=-1"),
  "listVoices 401": (send) => send("/voices", { headers: { Authorization: "" } }),
  "cloneVoice 200": (send) => send("/voices", { method: "POST", body: form({ file: new Blob([makeWav()]) }) }),
  "cloneVoice 400": (send) => send("/voices", { method: "POST", body: form({ display_name: "no audio" }) }),
  "cloneVoice 401": (send) =>
    send("/voices", {
      method: "POST",
      body: form({ voice_url: "https://x.test/a.wav" }),
      headers: { Authorization: "wrong" },
    }),
  "getVoice 200": (send) => send("/voices/builtin-aria"),
  "getVoice 401": (send) => send("/voices/builtin-aria", { headers: { Authorization: "wrong" } }),
  "getVoice 404": (send) => send("/voices/nope"),
  "deleteVoice 200": (send) => send("/voices/seeded", { method: "DELETE" }),
  "deleteVoice 401": (send) => send("/voices/seeded", { method: "DELETE", headers: { Authorization: "" } }),
  "deleteVoice 404": (send) => send("/voices/nope", { method: "DELETE" }),
};

const documented = Object.entries(
  spec.paths as Record<string, Record<string, { operationId: string; responses: object }>>,
).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
    .flatMap(([method, op]) =>
      Object.keys(op.responses).map((status) => ({
        path,
        method,
        id: op.operationId as OperationId,
        status: Number(status),
      })),
    ),
);

describe("the spec is the judge of responses", () => {
  it("compiled every operation of the spec", () => {
    expect(generated.map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual([
      ...new Set(documented.map((d) => `${d.method.toUpperCase()} ${d.path} ${d.id}`)),
    ]);
  });

  it.each(documented)("$id $status: provoked, and the body validates", async ({ id, path, method, status }) => {
    const fake = createFakeVoices({ voices: [{ voice_id: "seeded", display_name: "Seeded" }] });
    const { fetch, verdicts } = judge(fake.fetch, fake.baseUrl);
    const send = (p: string, init: RequestInit = {}) =>
      fetch(`${fake.baseUrl}${p}`, { ...init, headers: { Authorization: fake.apiKey, ...init.headers } });
    const provoke = natural[`${id} ${status}`];
    let response: Response;
    if (provoke) {
      response = await provoke(send);
    } else {
      // No request makes the fake say this by itself (a 429, a getVoice 400): inject it.
      fake.failNext(id, { status } as Fault);
      const samplePath = path.replace("{voice_id}", "builtin-aria");
      const body = method === "post" ? form({ voice_url: "https://x.test/a.wav" }) : undefined;
      response = await send(samplePath, { method: method.toUpperCase(), ...(body ? { body } : {}) });
    }
    expect(response.status).toBe(status);
    expect(verdicts.answers).toEqual([`${id} ${status}`]);
    expect(verdicts.violations).toEqual([]);
    expect(verdicts.undocumented).toEqual([]);
  });

  it("sends bodies for statuses the spec does not list (injected) as the error envelope", async () => {
    const fake = createFakeVoices();
    const { fetch, verdicts } = judge(fake.fetch, fake.baseUrl);
    for (const fault of [{ status: 503 }, { status: 500, code: 7, message: "m" }, { envelopeCode: 9 }] as Fault[]) {
      fake.failNext("deleteVoice", fault);
      await fetch(`${fake.baseUrl}/voices/x`, { method: "DELETE", headers: { Authorization: fake.apiKey } });
    }
    expect(verdicts.undocumented).toEqual(["deleteVoice 503", "deleteVoice 500", "deleteVoice 200"]);
    expect(verdicts.violations).toEqual([]);
  });
});

describe("no code generation at run time", () => {
  it("the generated validators and the built package hold no eval, no new Function and no ajv import", async () => {
    const sources = [
      await readFile(new URL("../src/generated/contract.gen.js", import.meta.url), "utf8"),
      await readFile(new URL("../dist/index.js", import.meta.url), "utf8"),
    ];
    for (const source of sources) {
      expect(source).not.toMatch(/\beval\(|new Function\b/);
      // (ajv's runtime helpers are bundled in; one carries its own require() call as a string)
      expect(source).not.toMatch(/from\s*["']ajv|(?<!['"])require\(["']ajv/);
    }
    expect(sources[0]).toMatch(/^\/\*\*\n \* Generated, do not edit\./);
  });
});
