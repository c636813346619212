/**
 * `fake.handlers`: MSW 2 handlers for the fake. msw is an optional peer dependency, so it is loaded
 * only when `handlers` is first read, and synchronously (a property cannot wait for `import()`):
 * through Node's `createRequire` (Node 20.16+, Bun, Deno), or `require` in the CommonJS build.
 */
import type { HttpHandler } from "msw";
import { type FakeCore, isConnectionReset } from "./core.js";

type Msw = typeof import("msw");

// CommonJS builds have a module-scoped `require`; ES module builds do not.
declare const require: ((id: string) => unknown) | undefined;

interface NodeModuleApi {
  createRequire(from: string): (id: string) => unknown;
}

function loadMsw(baseUrl: string): Msw {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = process?.getBuiltinModule?.("module") as NodeModuleApi | undefined;
  const load = nodeModule ? nodeModule.createRequire(import.meta.url) : typeof require === "function" ? require : null;
  let failure: unknown;
  if (load) {
    try {
      return load("msw") as Msw;
    } catch (error) {
      if ((error as { code?: unknown }).code === "MODULE_NOT_FOUND") {
        throw new Error("fake.handlers needs msw 2: install it beside your tests (npm install --save-dev msw@2).", {
          cause: error,
        });
      }
      failure = error;
    }
  }
  throw new Error(
    "fake.handlers could not load msw synchronously here (it needs Node 20.16+, Bun or Deno, and msw 2 installed). " +
      `Serve the fake from your own handler instead: http.all("${baseUrl}/*", ({ request }) => fake.fetch(request)).`,
    { cause: failure },
  );
}

/** MSW handlers that send every request under `baseUrl` to the fake. */
export function mswHandlers(core: FakeCore, baseUrl: string): HttpHandler[] {
  const { http, HttpResponse } = loadMsw(baseUrl);
  // A pattern such as `${baseUrl}/*` would read `+`, `(`, `:` and the like in the base URL's path as
  // msw's path syntax; a RegExp of the URL as it is matches it literally.
  const under = new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`);
  return [
    http.all(under, async ({ request }) => {
      try {
        return await core.handle(request, baseUrl);
      } catch (error) {
        // An injected reset: msw's network error, which fetch rejects with a TypeError.
        if (isConnectionReset(error)) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
