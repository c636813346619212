// Runs the scenarios inside edge-runtime's VM (Vercel's Edge Runtime: web APIs only, no Node).
// Usage: node edge.mjs <edge-runtime cache folder> <IIFE bundle> <fake url>
import { readFileSync } from "node:fs";
import { importFrom, report } from "./load.mjs";

const [dir, bundlePath, baseUrl] = process.argv.slice(2);
const { EdgeRuntime } = await importFrom(dir, "edge-runtime");
const runtime = new EdgeRuntime({ initialCode: readFileSync(bundlePath, "utf8") });
// JSON text crosses the VM boundary; objects from another realm would too, but text is plain.
report(
  await runtime.evaluate(
    `__ecosystem.runScenarios({ baseUrl: ${JSON.stringify(baseUrl)} }).then((results) => JSON.stringify(results))`,
  ),
);
