import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRemoteLoads } from "../src/offline.mjs";

describe("findRemoteLoads", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function site(files: Record<string, string>): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), "noiz-offline-"));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(dir, name, ".."), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    return dir;
  }

  it("finds CDN scripts, stylesheets, fonts and images", async () => {
    const root = await site({
      "index.html": `<html><head>
        <script src="https://cdn.example.com/redoc.js"></script>
        <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
        <style>@font-face { src: url(https://fonts.gstatic.com/x.woff2) }</style>
        </head><body><img alt="logo" src="https://cdn.example.com/logo.svg"></body></html>`,
      "assets/style.css": `@import url("https://cdn.example.com/theme.css");`,
    });
    const found = await findRemoteLoads(root);
    expect(found.map((f) => `${f.file} ${f.what}`).sort()).toEqual([
      "assets/style.css remote @import",
      "assets/style.css remote url()",
      "index.html remote link",
      "index.html remote src",
      "index.html remote src",
      "index.html remote url()",
    ]);
  });

  it("accepts local resources, inline scripts and links a reader may follow", async () => {
    const root = await site({
      "index.html": `<html><head><script src="assets/main.js"></script><link rel="stylesheet" href="assets/style.css">
        <script>const Link = "<Link to=\\"https://x\\">";</script></head>
        <body><a href="https://noiz.ai">NOIZ</a><img src="data:,"></body></html>`,
      "assets/style.css": `body { background: url(bg.png) }`,
    });
    await expect(findRemoteLoads(root)).resolves.toEqual([]);
  });
});
