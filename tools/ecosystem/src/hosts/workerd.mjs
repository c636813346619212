// Runs the scenarios inside workerd through miniflare (which needs Node >= 22: the runner starts
// this file with the npm-shipped Node 22). Miniflare's "internet" service allows private and
// loopback addresses, so the Worker's own fetch reaches the fake on 127.0.0.1.
// Usage: node22 workerd.mjs <miniflare cache folder> <worker bundle> <fake url>
import { importFrom, report } from "./load.mjs";

const [dir, workerPath, baseUrl] = process.argv.slice(2);
const { Miniflare } = await importFrom(dir, "miniflare");
const mf = new Miniflare({ modules: true, scriptPath: workerPath, compatibilityDate: "2026-01-01" });
try {
  const response = await mf.dispatchFetch(`http://worker.invalid/?baseUrl=${encodeURIComponent(baseUrl)}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}`);
  report(text);
} finally {
  await mf.dispose();
}
