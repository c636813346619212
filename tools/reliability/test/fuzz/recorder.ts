// A passed-in fetch that records every request the client sends and answers at once with a valid
// envelope, plus a checker that replays a sample of those requests against Prism: a 422 or an
// `sl-violations` header from Prism means the client sent a request that breaks the contract.

/** One request as the client sent it. */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
}

/** The fake service's base URL: a reserved name, so nothing could ever reach a real host. */
export const FAKE_BASE = "https://api.fuzz.invalid/v1";

const voice = (voice_id: string) => ({
  id: 1,
  voice_id,
  display_name: "Fuzz",
  voice_type: "custom",
  labels: "",
  sample: "https://cdn.example/s.wav",
  meta: { text: "t" },
  url: "https://cdn.example/v.wav",
  create_time: 1,
});

function answer(request: Request, path: string): unknown {
  if (request.method === "GET" && path.endsWith("/voices")) {
    const url = new URL(request.url);
    const skip = Number(url.searchParams.get("skip") ?? 0);
    // Two voices in all: listAll ends after one or two pages whatever the limit.
    return { total_count: 2, voices: skip < 2 ? [voice(`v${skip}`)] : [] };
  }
  if (request.method === "POST") return { voice_id: "new-voice", voice_display_name: "Fuzz" };
  if (request.method === "DELETE") return { voice_id: "gone", display_name: "Fuzz", delete_time: 1 };
  return voice("one");
}

/** A recording fetch and what it saw. */
export function recorder() {
  const sent: SentRequest[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = init ? new Request(input, init) : input;
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const url = new URL(request.url);
    sent.push({ method: request.method, url, headers: new Headers(request.headers), body });
    const payload = JSON.stringify({ code: 0, message: "success", data: answer(request, url.pathname) });
    return new Response(payload, { status: 200, headers: { "content-type": "application/json" } });
  };
  return { sent, fetch };
}

/** Keeps a bounded, spread-out sample of requests for the Prism check. */
export class Sample {
  readonly items: SentRequest[] = [];
  #seen = 0;
  constructor(readonly size: number) {}

  add(requests: Iterable<SentRequest>): void {
    for (const request of requests) {
      this.#seen++;
      if (this.items.length < this.size) this.items.push(request);
      else {
        // Reservoir sampling: every request has the same chance to be checked.
        const slot = Math.floor(Math.random() * this.#seen);
        if (slot < this.size) this.items[slot] = request;
      }
    }
  }
}

/** A request Prism found against the contract, with what it said. */
export interface Violation {
  method: string;
  url: string;
  status: number;
  violations: string | null;
  body: string;
  /** The start of the request body that was sent. */
  sent: string;
}

/**
 * Replays requests against Prism (`mockUrl`), `FAKE_BASE` swapped for it, and returns the
 * ones Prism rejects as breaking the spec.
 */
export async function contractViolations(
  requests: SentRequest[],
  mockUrl: string,
  concurrency = 6,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const base = new URL(FAKE_BASE);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const sent = requests[next++]!;
      const path = sent.url.pathname.startsWith(base.pathname)
        ? sent.url.pathname.slice(base.pathname.length)
        : sent.url.pathname;
      const headers = new Headers(sent.headers);
      // Prism picks examples by Prefer; a fuzzed Prefer must not turn a good request into a 4xx.
      headers.delete("prefer");
      const body = sent.body && compensatePrismDecoding(sent.body);
      const send = () => fetch(`${mockUrl}${path}${sent.url.search}`, { method: sent.method, headers, body });
      let response: Response;
      try {
        // Prism sometimes closes a kept-alive connection as the next request goes out: one more try.
        response = await send().catch(send);
      } catch (error) {
        const head = sent.body ? new TextDecoder().decode(sent.body.subarray(0, 600)) : "";
        throw new Error(`Prism did not answer ${sent.method} ${path}${sent.url.search.slice(0, 200)}: ${head}`, {
          cause: error,
        });
      }
      const answer = await response.text();
      const flagged = response.headers.get("sl-violations");
      if (response.status === 422 || response.status === 401 || flagged) {
        violations.push({
          method: sent.method,
          url: `${path}${sent.url.search}`.slice(0, 200),
          status: response.status,
          violations: flagged,
          body: answer.slice(0, 500),
          sent: sent.body ? new TextDecoder().decode(sent.body.subarray(0, 600)).replace(/\r\n/g, "\n") : "",
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return violations;
}

/** The checker itself must work: Prism flags a request with `limit=0` and one without a key. */
export async function expectCheckerCatches(mockUrl: string): Promise<void> {
  const bad = (url: string, headers: Record<string, string>): SentRequest => ({
    method: "GET",
    url: new URL(url),
    headers: new Headers(headers),
    body: undefined,
  });
  const found = await contractViolations(
    [bad(`${FAKE_BASE}/voices?limit=0`, { authorization: "k" }), bad(`${FAKE_BASE}/voices`, {})],
    mockUrl,
  );
  if (found.length !== 2) throw new Error(`the Prism check missed a known-bad request: ${JSON.stringify(found)}`);
}

/**
 * Prism percent-decodes multipart text fields before validating them, so a valid
 * `voice_url` such as `https://x/a%20b.wav` reaches its `format: uri` check as
 * `https://x/a b.wav` and fails. Escaping `%` once more in that field makes Prism validate
 * exactly the string the client sent. Bytes are mapped 1:1 (latin1), so file parts are untouched.
 */
export function compensatePrismDecoding(body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const text = Buffer.from(body).toString("latin1");
  const fixed = text.replace(
    /(name="voice_url"\r\n\r\n)([^\r]*)/,
    (_, head: string, value: string) => head + value.replaceAll("%", "%25"),
  );
  return fixed === text ? body : new Uint8Array(Buffer.from(fixed, "latin1"));
}
