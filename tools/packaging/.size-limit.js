// Size budgets (min+gzip), checked by `pnpm test` (test/size.test.ts) and `pnpm --filter
// @noiz-voices/packaging size`. Each budget measures a small browser program in size/ that
// imports the built package the way an app would.

/**
 * Packages with a budget: size/<folder under packages/>.js is the program, the value its limit.
 * `initial` is what the program downloads up front; code behind a dynamic import() (the client
 * loads openapi-fetch that way, only when `client.raw` is used) is fetched on first use.
 */
export const budgets = {
  client: { initial: "4 kB", withLazyChunks: "8 kB" },
};

/** Published packages that never run in a browser, with the reason they need no budget. */
export const exempt = {
  node: "Node-only (files, streams, the CLI): never bundled for a browser.",
};

/** Peer dependencies are the app's, not ours: they are left out of the measured bundle. */
const peers = ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"];

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

export default Object.entries(budgets).flatMap(([dirName, limits]) => [
  {
    name: `${dirName}: initial load`,
    path: `size/${dirName}.js`,
    limit: limits.initial,
    gzip: true,
    ignore: peers,
    modifyEsbuildConfig: initialLoad,
  },
  {
    name: `${dirName}: with lazy chunks`,
    path: `size/${dirName}.js`,
    limit: limits.withLazyChunks,
    gzip: true,
    ignore: peers,
    modifyEsbuildConfig: browserEsm,
  },
]);
