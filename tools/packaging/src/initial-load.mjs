#!/usr/bin/env node
// The size a browser downloads, measured as an app bundler builds it: esbuild bundles a budget
// program (size/<package>.js) with code splitting, minified, for the browser; the initial load is
// the entry chunk plus every chunk it imports statically (what the page fetches before it runs),
// gzipped together. Code behind a dynamic import() (the client's openapi-fetch, for `client.raw`)
// is counted in `all` only. Peers of a package are the app's and are left out.
// `node src/initial-load.mjs [package]` prints the figures.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { publishedPackages } from "../../scripts/published-packages.mjs";

const here = resolve(fileURLToPath(import.meta.url), "../..");

/** Peer dependencies are the app's, not the package's: they are left out of its bundle. */
const peersOf = (dirName) =>
  Object.keys(publishedPackages().find((pkg) => pkg.dirName === dirName)?.manifest.peerDependencies ?? {}).flatMap(
    (name) => (name === "react" ? ["react", "react/jsx-runtime", "react-dom"] : [name]),
  );

/** `{ initial, all }` in gzip bytes for size/<dirName>.js, with the initial chunks' names. */
export async function measureLoad(dirName) {
  const outdir = await mkdtemp(join(tmpdir(), "initial-load-"));
  try {
    const { metafile } = await build({
      entryPoints: [join(here, "size", `${dirName}.js`)],
      absWorkingDir: here,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      minify: true,
      metafile: true,
      outdir,
      external: peersOf(dirName),
      logLevel: "silent",
    });
    const outputs = metafile.outputs;
    const bytesOf = (files) => Promise.all(files.map((file) => readFile(resolve(here, file))));
    const gzipped = async (files) => gzipSync(Buffer.concat(await bytesOf(files))).byteLength;
    const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint);
    const initial = new Set();
    const visit = (file) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const { path, kind } of outputs[file].imports) if (kind === "import-statement" && outputs[path]) visit(path);
    };
    visit(entry);
    const js = Object.keys(outputs).filter((file) => file.endsWith(".js"));
    return {
      initial: await gzipped([...initial]),
      all: await gzipped(js),
      chunks: [...initial].map((file) => relative(outdir, resolve(here, file))),
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { budgets } = await import("../.size-limit.js");
  for (const dirName of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(budgets)) {
    const { initial, all } = await measureLoad(dirName);
    console.log(
      `${dirName}: initial load ${initial} B gzip (budget ${budgets[dirName]?.initial} B), with lazy chunks ${all} B`,
    );
  }
}
