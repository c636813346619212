/** Keeping the API key out of everything an error carries: servers and fetch errors may echo it. */
import { isPlainObject } from "./validate.js";

/** The secret in base64 and base64url, without padding (a padded echo holds it): none for text beyond Latin-1. */
function base64(text: string): string[] {
  try {
    const encoded = btoa(text).replace(/=+$/, "");
    return [encoded, encoded.replace(/\+/g, "-").replace(/\//g, "_")];
  } catch {
    return [];
  }
}

/** The secret percent-encoded as a URL (`encodeURIComponent`), in lower-case hex too, and as a form (`+` for a space, `~!'()*` escaped). */
function percentEncoded(text: string): string[] {
  const url = encodeURIComponent(text);
  return [
    url,
    url.replace(/%[\dA-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ "": text }).toString().slice(1),
  ];
}

/** Returns a copy of a value with every occurrence of the secret replaced by `[redacted]`. */
export type Redactor = <T>(value: T) => T;

/**
 * Builds the redactor for a secret: every form a server may echo it in goes, as given (a key read
 * from a file keeps its newline), trimmed (as `Headers` sends it), URL-encoded or form-encoded (as a
 * query or a form echoes it, in either case of hex), JSON-escaped, and base64 or base64url (as a
 * header dump may show it). It copies strings, `Headers`, errors (name, message, stack, `cause`, `errors`
 * and their own fields, which `util.inspect` prints), arrays and plain objects, keys included, down
 * to a bounded depth; deeper and other objects are dropped. Without a secret it only copies.
 */
export function createRedactor(secret = ""): Redactor {
  const trimmed = secret.trim();
  // Longest first: the form as given contains the trimmed one. A JSON text spells `"` and `\` escaped.
  const forms = [
    ...new Set([secret, trimmed, ...percentEncoded(trimmed), JSON.stringify(trimmed).slice(1, -1), ...base64(trimmed)]),
  ]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const redact = (value: unknown, depth = 0): unknown => {
    if (typeof value === "string") {
      let text = value;
      for (const form of forms) if (text.includes(form)) text = text.split(form).join("[redacted]");
      return text;
    }
    if (typeof value !== "object" || !value) return value;
    if (depth > 10) return undefined;
    if (value instanceof Headers)
      return new Headers([...value].map(([name, text]) => [name, redact(text)] as [string, string]));
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
    const isError = value instanceof Error;
    // Anything else (a Buffer, a socket) is dropped: copying it could be huge, and nothing needs it.
    if (!isError && !isPlainObject(value)) return undefined;
    const names = isError ? ["name", ...Object.getOwnPropertyNames(value)] : Object.keys(value);
    // fromEntries defines each key, so a parsed "__proto__" stays a plain key.
    const copy = Object.fromEntries(
      names.map((name) => [redact(name), redact((value as Record<string, unknown>)[name], depth + 1)]),
    );
    return isError ? Object.assign(new Error(), copy) : copy;
  };
  return redact as Redactor;
}
