import { readFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

// `adapter`: the transport seam for packages that bring their own (`@noiz-voices/client/adapter`).
const entry = ["src/index.ts", "src/adapter.ts"];
type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Turns the client's lazy `import("./x.js")` into a static import for the builds that servers and
 * tests load (the `node` export condition, and CommonJS). Lazy chunks only save a browser bytes;
 * elsewhere a first use would wait on file I/O, which a user's test on a fake clock
 * (`vi.runAllTimersAsync()`) cannot wait for, so a retry's timer would never be set.
 */
const eagerChunks: Plugin = {
  name: "eager-chunks",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/][^\\/]+\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const modules = new Map<string, string>();
      const contents = source.replace(/\bimport\("(\.\/[\w-]+\.js)"\)/g, (_, specifier: string) => {
        const name = modules.get(specifier) ?? `__eager${modules.size}`;
        modules.set(specifier, name);
        return `Promise.resolve(${name})`;
      });
      if (!modules.size) return undefined;
      const imports = [...modules].map(([specifier, name]) => `import * as ${name} from "${specifier}";`).join("\n");
      return { contents: `${imports}\n${contents}`, loader: "ts" };
    });
  },
};

const shared: Options = { sourcemap: true, target: "es2022", treeshake: true };

export default defineConfig([
  // Browsers and bundlers: retries, redirects and errors, the clone body, listAll, raw and
  // observability are chunks loaded on first use (the initial-load budget in tools/packaging).
  { ...shared, entry, format: ["esm"], dts: true },
  // Node, Deno and Bun (`node` condition) and CommonJS: every chunk static. Shared code is one chunk,
  // so an error made by `./adapter` is an instance of the classes `.` exports.
  {
    ...shared,
    entry,
    format: ["esm", "cjs"],
    outDir: "dist/node",
    splitting: true,
    dts: true,
    esbuildPlugins: [eagerChunks],
  },
]);
