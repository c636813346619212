/** Keeping the API key out of everything an error carries: servers and fetch errors may echo it. */

/** Returns a copy of a value with every occurrence of the secret replaced by `[redacted]`. */
export type Redactor = <T>(value: T) => T;

/**
 * Builds the redactor for one secret. It copies strings, `Headers`, errors (name, message,
 * stack, `cause`, `errors` and their own fields, which `util.inspect` prints), arrays and
 * plain objects, keys included, down to a bounded depth; deeper and other objects are dropped.
 */
export function createRedactor(secret: string): Redactor {
  const redact = (value: unknown, depth = 0): unknown => {
    if (typeof value === "string") return value.split(secret).join("[redacted]");
    if (typeof value !== "object" || !value) return value;
    if (depth > 10) return undefined;
    if (value instanceof Headers)
      return new Headers([...value].map(([name, text]) => [name, redact(text)] as [string, string]));
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
    const isError = value instanceof Error;
    // Anything else (a Buffer, a socket) is dropped: copying it could be huge, and nothing needs it.
    if (!isError && ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return undefined;
    const names = isError ? ["name", ...Object.getOwnPropertyNames(value)] : Object.keys(value);
    // fromEntries defines each key, so a parsed "__proto__" stays a plain key.
    const copy = Object.fromEntries(
      names.map((name) => [redact(name), redact((value as Record<string, unknown>)[name], depth + 1)]),
    );
    return isError ? Object.assign(new Error(), copy) : copy;
  };
  return redact as Redactor;
}
