/** The package's version, written in by the build (tsup `define`). */
declare const __PACKAGE_VERSION__: string;

/** The version of `@noiz-voices/mcp`, as the server reports it to clients. */
export const VERSION: string = __PACKAGE_VERSION__;
