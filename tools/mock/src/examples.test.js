// Every named example of every documented response, served by `prism mock --errors`:
// Prism answers 500 when an example breaks its own schema, so this keeps the spec honest.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultSpecPath, startMockServer } from "./index.js";

const spec = parse(readFileSync(defaultSpecPath, "utf8"));

function resolveRef(node) {
  if (!node?.$ref) return node;
  const path = node.$ref.replace(/^#\//, "").split("/");
  return path.reduce((value, key) => value[key], spec);
}

const WAV = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]);

const cases = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of ["get", "post", "delete"]) {
    const operation = item[method];
    if (!operation) continue;
    for (const [status, responseRef] of Object.entries(operation.responses)) {
      const response = resolveRef(responseRef);
      const examples = response.content?.["application/json"]?.examples ?? {};
      expect(Object.keys(examples).length, `${method} ${path} ${status} has a named example`).toBeGreaterThan(0);
      for (const [name, example] of Object.entries(examples)) {
        cases.push({
          operationId: operation.operationId,
          method,
          path,
          status: Number(status),
          name,
          value: example.value,
        });
      }
    }
  }
}

describe("prism mock --errors serves every example", () => {
  let server;
  beforeAll(async () => {
    server = await startMockServer();
  }, 180_000);
  afterAll(() => server?.stop());

  it("covers every documented status of every operation", () => {
    const statuses = new Set(cases.map((c) => `${c.operationId} ${c.status}`));
    expect([...statuses].sort()).toEqual(
      [
        "cloneVoice 200",
        "cloneVoice 400",
        "cloneVoice 401",
        "cloneVoice 429",
        "deleteVoice 200",
        "deleteVoice 401",
        "deleteVoice 404",
        "deleteVoice 429",
        "getVoice 200",
        "getVoice 400",
        "getVoice 401",
        "getVoice 404",
        "getVoice 429",
        "listVoices 200",
        "listVoices 400",
        "listVoices 401",
        "listVoices 429",
      ].sort(),
    );
  });

  it.each(cases.map((c) => [`${c.operationId} ${c.status} ${c.name}`, c]))("%s", async (_, example) => {
    const url = `${server.url}${example.path.replace("{voice_id}", "abc123def456")}`;
    const init = {
      method: example.method.toUpperCase(),
      headers: { Authorization: "test-key", Prefer: `code=${example.status}, example=${example.name}` },
    };
    if (example.method === "post") {
      const form = new FormData();
      form.append("file", new Blob([WAV], { type: "audio/wav" }), "a.wav");
      init.body = form;
    }
    const response = await fetch(url, init);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(response.status).toBe(example.status);
    expect(await response.json()).toEqual(example.value);
  });
});
