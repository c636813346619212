import { publishedPackages } from "../scripts/published-packages.mjs";

// Size budgets (min+gzip), checked by `pnpm test` (test/size.test.ts) and `pnpm --filter
// @noiz-voices/packaging size`. Each budget measures a small browser program in size/ that
// imports the built package the way an app would.

/**
 * Packages with a budget: size/<folder under packages/>.js is the program, the value its limit.
 * `initial` is what the program downloads up front; code behind a dynamic import() (the client
 * loads openapi-fetch that way, only when `client.raw` is used) is fetched on first use.
 */
export const budgets = {
  // Issue #5 asks for 4 kB; the program measures 4.9 kB (5.8 kB before the compaction of
  // 2026-11-24). It is everything the four operations can load: validation with audio sniffing,
  // the transport (timeouts, retries, abort), the error tree and factory with their messages, and
  // key redaction. The code alone, every message string removed, is 4.0 kB, so 4 kB is not
  // reachable without dropping what issues #2 and #6 require. listAll and client.raw
  // (openapi-fetch) are lazy chunks the program never loads. This budget stops growth.
  // Since the transport seam (issue 10), retries, redirects and the error factory load as a chunk on a
  // request's first failure and the clone body on the first clone: the initial load fell to 4.4 kB.
  // Everything together grew with the seam, the body cap, redirect handling and paging checks
  // (issues 10 and 11), then logging, middleware and .withResponse() (issue 13, one more lazy
  // chunk): 11.4 kB. Then the clone body's field rules moved into the clone chunk (issue 10's per-call
  // work): the initial load is 4.78 kB.
  client: { initial: "4.9 kB", withLazyChunks: "11.5 kB" },
  // The hooks alone: React, TanStack Query and the client are peers, measured apart.
  react: { initial: "2 kB", withLazyChunks: "2 kB" },
};

/** Published packages that never run in a browser, with the reason they need no budget. */
export const exempt = {
  node: "Node-only (files, streams, the CLI): never bundled for a browser.",
  mcp: "A Node command (an MCP server on stdio or loopback HTTP, reading files from disk): never bundled for a browser.",
  testing: "A test-time package (a fake of the service): it runs in test bundles, never in an app's.",
};

/** Peer dependencies are the app's, not the package's: they are left out of its bundle. */
const peersOf = (dirName) =>
  Object.keys(publishedPackages().find((pkg) => pkg.dirName === dirName)?.manifest.peerDependencies ?? {}).flatMap(
    (name) => (name === "react" ? ["react", "react/jsx-runtime", "react-dom"] : [name]),
  );

const lazyImportsExternal = {
  name: "lazy-imports-external",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
    );
  },
};
const browserEsm = (config) => ({ ...config, format: "esm", platform: "browser" });
const initialLoad = (config) => ({ ...browserEsm(config), plugins: [...(config.plugins ?? []), lazyImportsExternal] });

// Only packages that exist: a budget can be written before its package lands.
const present = new Set(publishedPackages().map((pkg) => pkg.dirName));

export default Object.entries(budgets)
  .filter(([dirName]) => present.has(dirName))
  .flatMap(([dirName, limits]) => [
    {
      name: `${dirName}: initial load`,
      path: `size/${dirName}.js`,
      limit: limits.initial,
      gzip: true,
      ignore: peersOf(dirName),
      modifyEsbuildConfig: initialLoad,
    },
    {
      name: `${dirName}: with lazy chunks`,
      path: `size/${dirName}.js`,
      limit: limits.withLazyChunks,
      gzip: true,
      ignore: peersOf(dirName),
      modifyEsbuildConfig: browserEsm,
    },
  ]);
