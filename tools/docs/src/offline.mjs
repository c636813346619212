// Finds everything in a built site that a browser would fetch from the network: remote scripts,
// stylesheets, fonts, images, frames. Links a reader may click (`<a href>`) are not fetches.
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";

const REMOTE = "(?:https?:)?//";
// Tag names are matched lowercase only: Redoc's inline bundle carries JSX such as `<Link to=…>`.
const HTML_RULES = [
  {
    what: "remote src",
    pattern: new RegExp(
      String.raw`<(?:script|img|iframe|source|audio|video|embed|track|input)\b[^>]*?\ssrc\s*=\s*["']?${REMOTE}[^"'\s>]*`,
      "g",
    ),
  },
  { what: "remote link", pattern: new RegExp(String.raw`<link\b[^>]*?\shref\s*=\s*["']?${REMOTE}[^"'\s>]*`, "g") },
  { what: "remote object", pattern: new RegExp(String.raw`<object\b[^>]*?\sdata\s*=\s*["']?${REMOTE}[^"'\s>]*`, "g") },
  { what: "remote srcset", pattern: new RegExp(String.raw`\ssrcset\s*=\s*["'][^"']*${REMOTE}[^"']*`, "g") },
];
const CSS_RULES = [
  { what: "remote @import", pattern: new RegExp(String.raw`@import\s+(?:url\()?\s*["']?${REMOTE}[^"')\s;]*`, "g") },
  { what: "remote url()", pattern: new RegExp(String.raw`url\(\s*["']?${REMOTE}[^"')\s]*`, "g") },
];

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Lists every remote resource the site under `dir` would load.
 * @param {string} dir
 * @returns {Promise<{ file: string, what: string, match: string }[]>}
 */
export async function findRemoteLoads(dir) {
  const found = [];
  for await (const path of files(dir)) {
    const ext = extname(path);
    if (ext !== ".html" && ext !== ".css") continue;
    const text = await readFile(path, "utf8");
    // CSS rules apply to stylesheets and to HTML (inline <style> and style="…").
    const rules = ext === ".html" ? [...HTML_RULES, ...CSS_RULES] : CSS_RULES;
    for (const { what, pattern } of rules) {
      for (const match of text.matchAll(pattern)) {
        found.push({ file: relative(dir, path), what, match: match[0].slice(0, 160) });
      }
    }
  }
  return found;
}
