// Property-based bad input for list, listAll, get and delete, with the request options: every
// input yields a ValidationError before any request, or exactly the request that was asked for.
// A sample of the requests sent is replayed against Prism, which rejects anything off-contract.
import { createVoicesClient, voiceTypeValues } from "@noiz-voices/client";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import {
  anything,
  field,
  goodId,
  goodText,
  headerName,
  nastyHeaderName,
  nastyNumber,
  nastyString,
  type Tagged,
} from "./arbitraries.js";
import { badFields, expectValidationOrCorrect, untag, voiceIdOf } from "./check.js";
import { contractViolations, expectCheckerCatches, FAKE_BASE, recorder, Sample, type SentRequest } from "./recorder.js";

const KEY = "fuzz-key-0123";
const BASE_PATH = new URL(FAKE_BASE).pathname;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const sample = new Sample(250);
const { sent, fetch } = recorder();
const client = createVoicesClient({ apiKey: KEY, baseUrl: FAKE_BASE, fetch, maxRetries: 0 });

const OWNED_HEADERS = new Set(["content-type", "content-length", "host", "transfer-encoding", "connection"]);

const goodHeaders = fc.dictionary(
  headerName.filter((name) => !OWNED_HEADERS.has(name.toLowerCase())),
  fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/),
  { maxKeys: 3 },
);
const badHeaders = fc.oneof(
  fc.dictionary(nastyHeaderName, fc.oneof(nastyString, nastyNumber, fc.constant(null), fc.constant(["a", "b"])), {
    minKeys: 1,
    maxKeys: 3,
  }),
  anything,
);

const goodSignal = fc.constant(undefined).map(() => new AbortController().signal);

/** Request options: every field good, absent or hostile, or the whole thing not an object. */
const requestOptions: fc.Arbitrary<Tagged<Record<string, Tagged>> | Tagged<unknown>> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ value: undefined, good: true }) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        signal: field(goodSignal, anything, 1),
        timeoutMs: field(
          fc.oneof(fc.integer({ min: 1, max: 600_000 }), fc.double({ min: 1, max: 1e6, noNaN: true })),
          anything,
          1,
        ),
        maxRetries: field(fc.integer({ min: 0, max: 5 }), anything, 1),
        headers: field(goodHeaders, badHeaders, 1),
        // A per-call fetch: the same recorder when good, anything that is not a function when not.
        fetch: field(
          fc.constant(fetch),
          anything.filter((value) => typeof value !== "function"),
          1,
        ),
      })
      .map((fields) => ({ value: fields, good: true })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constant(null), nastyString, nastyNumber, fc.boolean(), fc.array(fc.anything(), { maxLength: 2 }))
      .map((value) => ({ value, good: false })),
  },
);

/** The plain options object and the fields that were bad. */
function resolveOptions(tagged: Tagged<unknown>): {
  options: unknown;
  bad: string[];
  headers: Record<string, unknown>;
} {
  const value = tagged.value;
  if (tagged.good && value && typeof value === "object" && !Array.isArray(value)) {
    const fields = value as Record<string, Tagged>;
    const options = untag(fields);
    const headers = (options.headers ?? {}) as Record<string, unknown>;
    return { options, bad: badFields(fields), headers: typeof headers === "object" && headers ? headers : {} };
  }
  return { options: value, bad: tagged.good ? [] : ["options"], headers: {} };
}

/** The key always wins over a caller's Authorization; the caller's other headers go out as given. */
function checkCommon(request: SentRequest, headers: Record<string, unknown>) {
  const expected = new Headers({ accept: "application/json" });
  for (const [name, value] of Object.entries(headers)) if (typeof value === "string") expected.set(name, value);
  expected.set("authorization", KEY);
  for (const [name, value] of expected) expect(request.headers.get(name), name).toBe(value);
}

const listParams = fc.record({
  voice_type: field(fc.constantFrom(...voiceTypeValues)),
  keyword: field(goodText),
  skip: field(fc.integer({ min: 0, max: 1_000_000 })),
  limit: field(fc.integer({ min: 1, max: 1_000_000 })),
});
const listParamsInput = fc.oneof(
  { weight: 8, arbitrary: listParams.map((fields) => ({ fields, whole: undefined as Tagged | undefined })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(nastyString, nastyNumber, fc.boolean(), fc.array(fc.anything(), { maxLength: 2 }))
      .map((value) => ({ fields: undefined, whole: { value, good: false } as Tagged })),
  },
);

function checkListQuery(request: SentRequest, params: Record<string, unknown>, ignoreSkip = false) {
  expect(request.method).toBe("GET");
  expect(request.url.pathname).toBe(`${BASE_PATH}/voices`);
  const query = request.url.searchParams;
  for (const key of query.keys()) expect(["voice_type", "keyword", "skip", "limit"]).toContain(key);
  for (const key of ["voice_type", "keyword", "skip", "limit"]) {
    if (ignoreSkip && (key === "skip" || key === "limit")) continue;
    const value = params[key];
    if (value === undefined) expect(query.has(key), `${key} sent though not given`).toBe(false);
    else expect(query.get(key), `${key} round-trips`).toBe(String(value));
  }
}

describe("fuzz: list", () => {
  it(`${RUNS} hostile inputs: ValidationError or exactly the asked-for request`, async () => {
    const counts = { rejected: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(listParamsInput, requestOptions, async (paramsInput, optionsInput) => {
        const params = paramsInput.fields ? untag(paramsInput.fields) : paramsInput.whole!.value;
        const paramBad = paramsInput.fields ? badFields(paramsInput.fields) : ["params"];
        const { options, bad, headers } = resolveOptions(optionsInput);
        const allBad = [...paramBad, ...bad];
        const outcome = await expectValidationOrCorrect({
          call: () => client.voices.list(params as never, options as never),
          sent,
          mustSucceed: allBad.length === 0,
          allowedFields: [...allBad, "params"],
          checkRequests: (requests, result) => {
            expect(requests).toHaveLength(1);
            checkListQuery(requests[0]!, params as Record<string, unknown>);
            checkCommon(requests[0]!, headers);
            expect(result).toMatchObject({ total_count: 2 });
          },
        });
        counts[outcome]++;
        sample.add(sent.splice(0));
      }),
      { numRuns: RUNS },
    );
    // The generators must exercise both outcomes, or the property proves little.
    expect(counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(counts.sent).toBeGreaterThan(RUNS / 20);
  });
});

describe("fuzz: listAll", () => {
  const runs = Math.ceil(RUNS / 4);
  it(`${runs} hostile inputs: ValidationError or the asked-for pages`, async () => {
    const listAllParams = fc.record({
      voice_type: field(fc.constantFrom(...voiceTypeValues)),
      keyword: field(goodText),
      skip: field(fc.integer({ min: 0, max: 1 })),
      limit: field(fc.integer({ min: 1, max: 50 })),
      concurrency: field(fc.integer({ min: 1, max: 16 })),
    });
    await fc.assert(
      fc.asyncProperty(listAllParams, requestOptions, async (fields, optionsInput) => {
        const params = untag(fields);
        const { options, bad, headers } = resolveOptions(optionsInput);
        const allBad = [...badFields(fields), ...bad];
        await expectValidationOrCorrect({
          call: async () => {
            const ids: string[] = [];
            for await (const voice of client.voices.listAll(params as never, options as never))
              ids.push(voice.voice_id);
            return ids;
          },
          sent,
          mustSucceed: allBad.length === 0,
          allowedFields: [...allBad, "params"],
          checkRequests: (requests) => {
            expect(requests.length).toBeGreaterThanOrEqual(1);
            expect(requests.length).toBeLessThanOrEqual(2);
            const firstSkip = typeof params.skip === "number" ? params.skip : 0;
            requests.forEach((request, i) => {
              checkListQuery(request, params, true);
              checkCommon(request, headers);
              expect(request.url.searchParams.get("skip")).toBe(String(firstSkip + i));
            });
          },
        });
        sample.add(sent.splice(0));
      }),
      { numRuns: runs },
    );
  });
});

const voiceIdInput = fc.oneof(
  { weight: 2, arbitrary: goodId.map((value): Tagged => ({ value, good: true })) },
  { weight: 3, arbitrary: fc.oneof(nastyString, anything).map((value): Tagged => ({ value, good: false })) },
);

describe.each([
  ["get", "GET"],
  ["delete", "DELETE"],
] as const)("fuzz: %s", (name, method) => {
  it(`${RUNS} hostile voice ids and options: ValidationError or one request for exactly that id`, async () => {
    const counts = { rejected: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(voiceIdInput, requestOptions, async (idInput, optionsInput) => {
        const { options, bad, headers } = resolveOptions(optionsInput);
        const allBad = [...(idInput.good ? [] : ["voice_id"]), ...bad];
        const outcome = await expectValidationOrCorrect({
          call: () => client.voices[name](idInput.value as string, options as never),
          sent,
          mustSucceed: allBad.length === 0,
          allowedFields: allBad,
          checkRequests: (requests) => {
            expect(requests).toHaveLength(1);
            const request = requests[0]!;
            expect(request.method).toBe(method);
            expect(voiceIdOf(request, BASE_PATH)).toBe(idInput.value);
            checkCommon(request, headers);
          },
        });
        counts[outcome]++;
        sample.add(sent.splice(0));
      }),
      { numRuns: RUNS },
    );
    expect(counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(counts.sent).toBeGreaterThan(RUNS / 10);
  });
});

describe("the requests the fuzzing sent", () => {
  it("pass Prism's contract check", async () => {
    expect(sample.items.length).toBeGreaterThan(100);
    await expectCheckerCatches(inject("mockUrl"));
    const violations = await contractViolations(sample.items, inject("mockUrl"));
    expect(violations).toEqual([]);
  });
});
