// One contender of the GET /voices comparison, in a process of its own (http.mjs forks one per
// contender). Sharing a process skews the figures: whichever library runs first leaves V8's shared
// feedback (undici's fetch, streams, promises) and the heap shaped for itself, and whichever runs
// later pays. Two copies of the same client measured 1.3 to 2.2 times apart in one process,
// depending only on which one warmed up first. Apart, each is measured as an app that uses only it.
//
// Protocol (IPC): the parent sends { url, query, voices, warmup, concurrency }; the worker checks one
// page, warms up and answers { ready: true }; then each { requests } gets { wallMs, cpuUs }.
import { contenders } from "./contenders.mjs";
import "./node-client.mjs";
import { measure } from "./lib.mjs";

const name = process.argv[2];
const contender = contenders.find((c) => c.name === name);
if (!contender) throw new Error(`unknown contender: ${name}`);
let call;
let concurrency = 16;

process.on("message", async (message) => {
  try {
    if (message.url) {
      const fn = contender.make(message.url);
      call = () => fn(message.query);
      concurrency = message.concurrency;
      const page = await call();
      if (page?.voices?.length !== message.voices) throw new Error(`${name} did not return the page`);
      await measure(call, message.warmup, concurrency);
      process.send({ ready: true });
    } else {
      process.send(await measure(call, message.requests, concurrency));
    }
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
