// createRedactor on its own: every shape an error can carry comes back as a copy without the key.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact.js";

const KEY = "sk-live-0123456789";
const redact = createRedactor(KEY);
const everywhere = (value: unknown) => inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY });

describe("createRedactor", () => {
  it("replaces every occurrence in a string and leaves other primitives alone", () => {
    expect(redact(`a ${KEY} b ${KEY}`)).toBe("a [redacted] b [redacted]");
    for (const value of [undefined, null, 0, 42n, true]) expect(redact(value)).toBe(value);
  });

  it("copies parsed JSON, keys included, and keeps a __proto__ key a plain key", () => {
    const body = JSON.parse(`{"message":"bad key ${KEY}","${KEY}":1,"list":[{"k":"${KEY}"}],"__proto__":{"x":1}}`);
    const copy = redact(body);
    expect(copy).not.toBe(body);
    expect(everywhere(copy)).not.toContain(KEY);
    expect(copy.message).toBe("bad key [redacted]");
    expect(copy["[redacted]"]).toBe(1);
    expect(copy.list).toEqual([{ k: "[redacted]" }]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toContain("__proto__");
    // The original is untouched: the caller may still need it.
    expect(body.message).toContain(KEY);
  });

  it("copies Headers with each value redacted", () => {
    const headers = redact(new Headers({ "x-echo": `key=${KEY}`, "content-type": "application/json" }));
    expect(headers).toBeInstanceOf(Headers);
    expect(headers.get("x-echo")).toBe("key=[redacted]");
    expect(headers.get("content-type")).toBe("application/json");
  });

  it("copies an error with its name, message, stack, code, cause and nested errors", () => {
    const inner = Object.assign(new Error(`connect ECONNREFUSED ${KEY}`), { code: "ECONNREFUSED", port: 443 });
    const aggregate = new AggregateError([inner], `all failed for ${KEY}`);
    const outer = new TypeError(`fetch failed ${KEY}`, { cause: aggregate });
    const copy = redact(outer) as Error & { cause: AggregateError & { errors: (Error & { code: string })[] } };
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe("TypeError");
    expect(copy.message).toBe("fetch failed [redacted]");
    expect(copy.stack).toContain("fetch failed [redacted]");
    expect(copy.cause.message).toBe("all failed for [redacted]");
    expect(copy.cause.errors[0]?.code).toBe("ECONNREFUSED");
    expect(copy.cause.errors[0]?.message).toBe("connect ECONNREFUSED [redacted]");
    expect(everywhere(copy)).not.toContain(KEY);
  });

  it("catches the key URL-encoded (either case of hex) and form-encoded", () => {
    const key = "sk-a b~(c)/+d";
    const redactKey = createRedactor(key);
    const forms = [
      encodeURIComponent(key),
      encodeURIComponent(key).toLowerCase(),
      new URLSearchParams({ key }).toString().slice("key=".length),
    ];
    expect(new Set(forms).size).toBe(3);
    for (const form of forms) expect(redactKey(`echo: ${form}.`)).toBe("echo: [redacted].");
  });

  it("catches the key URL-encoded, JSON-escaped, in base64 and in base64url", () => {
    const key = 'sk-?>?~??>"\\';
    const base64 = btoa(key).replace(/=+$/, "");
    const forms = [
      encodeURIComponent(key),
      JSON.stringify(key).slice(1, -1),
      base64,
      base64.replace(/\+/g, "-").replace(/\//g, "_"),
    ];
    expect(new Set(forms).size).toBe(4);
    const redactKey = createRedactor(key);
    for (const form of forms) expect(redactKey(`echo: ${form}=`)).toBe("echo: [redacted]=");
  });

  it("drops objects that are not plain, such as a Buffer", () => {
    const copy = redact({ data: new TextEncoder().encode(KEY), note: "kept" });
    expect(copy).toEqual({ data: undefined, note: "kept" });
  });

  it("stops at a bounded depth, so a cycle cannot hang it", () => {
    const cyclic: Record<string, unknown> = { note: KEY };
    cyclic.self = cyclic;
    const copy = redact(cyclic);
    expect(everywhere(copy)).not.toContain(KEY);
    expect(copy.note).toBe("[redacted]");
  });
});
