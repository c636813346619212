// The benchmarks' service: a child process, so its CPU time is not counted as the client's.
// GET /voices answers with one page of the Voices envelope, after LATENCY_MS when set: with
// `keyword` in the query, the realistic page (10 voices, about 2.6 KB); with `skip`, the page of a
// TOTAL_COUNT-voice list (listall.mjs); otherwise the same two-voice page. POST /voices (upload.mjs)
// drains the upload, counts its bytes and answers like a clone, with `received` and the `expected`
// Content-Length in its data.
// Prints {"port":N} once listening; exits when its parent closes stdin, or after a hard limit.
import { createServer } from "node:http";

const latencyMs = Number(process.env.LATENCY_MS ?? 0);
const totalCount = Number(process.env.TOTAL_COUNT ?? 2);

const voice = (voice_id) => ({
  id: 1024,
  voice_id,
  display_name: "My Custom Voice",
  voice_type: "custom",
  labels: "warm, narration",
  sample: `https://cdn.noiz.ai/samples/${voice_id}.wav`,
  meta: { text: "The quick brown fox jumps over the lazy dog." },
  url: `https://cdn.noiz.ai/voices/${voice_id}.wav`,
  create_time: 1738664000,
});

// The same two-voice page for every plain GET /voices: what the throughput runs fetch.
const fixed = Buffer.from(
  JSON.stringify({
    code: 0,
    message: "success",
    data: { total_count: 2, voices: [voice("abc123def456"), voice("fed654cba321")] },
  }),
);

// Ten voices with every field the spec lists, values of a realistic length.
const names = ["Warm Narrator", "Podcast Host", "Calm Storyteller", "News Anchor", "Bright Guide"];
const realistic = Buffer.from(
  JSON.stringify({
    code: 0,
    message: "success",
    data: {
      total_count: 250,
      voices: Array.from({ length: 10 }, (_, i) => ({
        id: 1024 + i,
        voice_id: `vc${(0x5f3a9c00 + i).toString(16)}`,
        display_name: names[i % names.length],
        voice_type: "custom",
        labels: "warm, narration",
        sample: `https://cdn.noiz.ai/s/${i}.wav`,
        meta: { text: "The quick brown fox jumps." },
        url: `https://cdn.noiz.ai/v/${i}.wav`,
        create_time: 1738664000 + i * 3600,
      })),
    },
  }),
);

function page(url) {
  const skip = Number(url.searchParams.get("skip") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 10);
  const voices = [];
  for (let i = skip * limit; i < Math.min(totalCount, (skip + 1) * limit); i++) voices.push(voice(`v${i}`));
  return Buffer.from(JSON.stringify({ code: 0, message: "success", data: { total_count: totalCount, voices } }));
}

/** The answer to an upload of `received` bytes that declared `expected`. */
function cloned(received, expected) {
  const data = { voice_id: "bench", received, expected };
  return Buffer.from(JSON.stringify({ code: 0, message: "success", data }));
}

const server = createServer((req, res) => {
  let received = 0;
  const answer = () => {
    const url = new URL(req.url, "http://x");
    const body =
      req.method === "POST"
        ? cloned(received, Number(req.headers["content-length"] ?? Number.NaN))
        : url.searchParams.has("keyword")
          ? realistic
          : url.searchParams.has("skip")
            ? page(url)
            : fixed;
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  };
  // Drain any body first (none for GET), counting its bytes.
  req.on("data", (chunk) => {
    received += chunk.length;
  });
  req.on("end", () => (latencyMs > 0 ? setTimeout(answer, latencyMs) : answer()));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
setTimeout(stop, Number(process.env.HARD_LIMIT_MS ?? 600_000)).unref();
