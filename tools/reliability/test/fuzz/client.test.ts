// Property-based bad input for createVoicesClient: hostile options yield a ValidationError at
// once, or a client whose requests carry exactly the key, base URL and headers it was given.
import { createVoicesClient, ValidationError } from "@noiz-voices/client";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { anything, field, headerName, nastyHeaderName, nastyNumber, nastyString, type Tagged } from "./arbitraries.js";
import { badFields, expectValidationOrCorrect, untag, voiceIdOf } from "./check.js";
import { contractViolations, FAKE_BASE, recorder, Sample, type SentRequest } from "./recorder.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const sample = new Sample(150);
const { sent, fetch } = recorder();

const goodKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~+/=-]{1,80}$/),
  fc.constantFrom("sk-live-0123456789abcdef", "ünïcödé-latin1-ok", " padded "),
);
const badKey = fc.oneof(
  // Whitespace inside a key is a copy-paste accident: refused, where surrounding whitespace is trimmed.
  fc.constantFrom(
    "",
    "   ",
    "\t",
    "key with spaces inside",
    "ключ",
    "key\nX-Injected: 1",
    "key\r\n",
    "nul\0key",
    "😀",
    "\uD800",
  ),
  anything,
);

const goodBaseUrl = fc.oneof(
  fc.constantFrom(
    FAKE_BASE,
    `${FAKE_BASE}/`,
    `${FAKE_BASE}//`,
    "https://api.fuzz.invalid",
    "HTTPS://API.FUZZ.INVALID/v1",
    "http://127.0.0.1:9/v1",
    "http://[::1]:9/api/v1/",
    "https://api.fuzz.invalid/{voice_id}/v1",
    "https://api.fuzz.invalid/a b/ü/",
  ),
  fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: false, withFragments: false }),
);
const badBaseUrl = fc.oneof(
  fc.constantFrom(
    "",
    "/v1",
    "api.fuzz.invalid",
    "ftp://api.fuzz.invalid/v1",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://",
    "http:///v1",
    "https://user:secret@api.fuzz.invalid/v1",
    "https://api.fuzz.invalid/v1?x=1",
    "https://api.fuzz.invalid/v1?",
    "https://api.fuzz.invalid/v1#frag",
    "http://a b/",
    "http://[::1/",
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  anything,
);

const goodHeaders = fc.dictionary(
  headerName.filter(
    (name) =>
      !["content-type", "content-length", "host", "transfer-encoding", "connection"].includes(name.toLowerCase()),
  ),
  fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/),
  { maxKeys: 3 },
);
const badHeaders = fc.oneof(
  fc.dictionary(nastyHeaderName, fc.oneof(nastyString, nastyNumber, fc.constant(null)), { minKeys: 1, maxKeys: 3 }),
  anything,
);

// `fetch` is never absent here: that would fall back to the global fetch and the network.
const badFetch = anything.filter((value) => value != null && typeof value !== "function");

const clientOptions = fc.record({
  apiKey: fc.oneof(
    { weight: 3, arbitrary: goodKey.map((value): Tagged => ({ value, good: true })) },
    {
      weight: 1,
      arbitrary: badKey.map((value): Tagged => ({ value, good: false })),
    },
  ),
  baseUrl: field(goodBaseUrl, badBaseUrl, 1),
  fetch: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Tagged>({ value: fetch, good: true }) },
    { weight: 1, arbitrary: badFetch.map((value): Tagged => ({ value, good: false })) },
  ),
  timeoutMs: field(fc.integer({ min: 1, max: 2 ** 31 - 1 }), anything, 1),
  maxRetries: field(fc.integer({ min: 0, max: 10 }), anything, 1),
  headers: field(goodHeaders, badHeaders, 1),
});

/** The request rebased on FAKE_BASE, so Prism can check it whatever base URL the client had. */
function rebase(request: SentRequest, basePath: string): SentRequest {
  const rest = request.url.pathname.slice(basePath.length);
  return { ...request, url: new URL(`${FAKE_BASE}${rest}${request.url.search}`) };
}

describe("fuzz: createVoicesClient", () => {
  it(`${RUNS} hostile option sets: ValidationError, or a client that sends what it was given`, async () => {
    const counts = { rejected: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(clientOptions, fc.boolean(), async (fields, useGet) => {
        const options = untag(fields);
        const bad = badFields(fields);
        let expectedBase = "";
        const outcome = await expectValidationOrCorrect({
          call: async () => {
            const client = createVoicesClient(options as never);
            expectedBase = new URL((options.baseUrl as string | undefined) ?? "https://noiz.ai/v1").href.replace(
              /\/+$/,
              "",
            );
            return useGet ? client.voices.get("a/b?c") : client.voices.list({ limit: 5, keyword: "k&x" });
          },
          sent,
          mustSucceed: bad.length === 0,
          allowedFields: [...bad, "options"],
          checkRequests: (requests) => {
            expect(requests).toHaveLength(1);
            const request = requests[0]!;
            const base = new URL(expectedBase);
            const basePath = base.pathname.replace(/\/+$/, "");
            expect(request.url.origin).toBe(base.origin);
            if (useGet) expect(voiceIdOf(request, basePath)).toBe("a/b?c");
            else {
              expect(request.url.pathname).toBe(`${basePath}/voices`);
              expect(request.url.searchParams.get("keyword")).toBe("k&x");
            }
            const expected = new Headers({ accept: "application/json" });
            for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, unknown>)) {
              if (typeof value === "string") expected.set(name, value);
            }
            // The key, trimmed, always wins over a caller's Authorization header. A blank key is no key
            // (a client whose baseUrl is the user's own backend): only the caller's header, if any, goes.
            const key = typeof options.apiKey === "string" ? options.apiKey.trim() : "";
            if (key) expected.set("authorization", key);
            else if (!expected.has("authorization")) expect(request.headers.has("authorization")).toBe(false);
            for (const [name, value] of expected) expect(request.headers.get(name), name).toBe(value);
            // Prism checks what the service would get: a request with no key at all is for a backend of
            // the user's own, which the spec does not describe.
            if (request.headers.has("authorization")) sample.add([rebase(request, basePath)]);
          },
        });
        counts[outcome]++;
        sent.length = 0;
      }),
      { numRuns: RUNS },
    );
    expect(counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(counts.sent).toBeGreaterThan(RUNS / 10);
  });

  it("options that are not an object are a ValidationError (or, for null, the defaults)", () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.array(fc.anything())), (options) => {
        expect(() => createVoicesClient(options as never)).toThrow(ValidationError);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("the requests pass Prism's contract check", async () => {
    expect(sample.items.length).toBeGreaterThan(50);
    expect(await contractViolations(sample.items, inject("mockUrl"))).toEqual([]);
  });
});
