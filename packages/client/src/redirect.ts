/**
 * The redirect rules, as a function that decides and does not throw: the request to send next, or
 * the `InvalidResponseError` that ends the call. Only GET, HEAD and DELETE follow (at most
 * `MAX_REDIRECTS` hops); a request with a body (a clone) never does, so it is never re-sent and never
 * resolved with another resource. A hop to another origin keeps only `Accept`: the API key and every
 * client or call header stay behind. `https:` to `http:`, a non-http(s) target or one with
 * credentials is refused.
 */
import type { AdapterRequest, AdapterResponse } from "./adapter.js";
import { OUTCOME_UNKNOWN } from "./error-table.js";
import { InvalidResponseError, type Setting } from "./errors.js";
import type { Redactor } from "./redact.js";

/** Redirect hops a GET or DELETE follows before it gives up. */
export const MAX_REDIRECTS = 5;

/** Where a redirect leads: the next request, or the error that ends the call. */
export function redirectTarget(
  request: AdapterRequest,
  { status, headers }: AdapterResponse,
  hops: number,
  { operation, redact }: { operation: string; redact: Redactor },
  /** The setting that holds the address (the client's `baseUrl`), if one does: the fix it names. */
  addressSetting?: Setting,
): AdapterRequest | InvalidResponseError {
  const location = headers.get("location");
  let target: URL | undefined;
  try {
    target = new URL(location ?? "", request.url);
  } catch {}
  const from = new URL(request.url);
  // A target without an origin of its own (`file:`, `data:`) is named by its scheme.
  const where = target ? ` to ${redact(target.origin === "null" ? target.protocol : target.origin)}` : "";
  const refuse = (why: string) =>
    new InvalidResponseError(`${request.method} ${from.pathname} was redirected (HTTP ${status}${where}): ${why}`, {
      status,
      headers: redact(headers),
      operation,
      setting: addressSetting,
      hint: addressSetting && `Set ${addressSetting} to the service's current address.`,
    });
  if (request.body || !/^(GET|HEAD|DELETE)$/.test(request.method)) {
    return refuse(
      `a request with a body is never sent again after a redirect, and the answer is not the result.${status === 303 ? ` ${OUTCOME_UNKNOWN}` : ""}`,
    );
  }
  if (!location || !target) return refuse("the redirect names no valid Location.");
  if (!/^https?:$/.test(target.protocol) || target.username || target.password) {
    return refuse("the target is not a plain http(s) URL.");
  }
  if (from.protocol === "https:" && target.protocol === "http:")
    return refuse("https to http would expose the request.");
  if (hops >= MAX_REDIRECTS) return refuse(`more than ${MAX_REDIRECTS} redirects in a row.`);
  return {
    ...request,
    method: status === 303 && request.method !== "HEAD" ? "GET" : request.method,
    url: target.href,
    headers:
      target.origin === from.origin ? request.headers : new Headers({ accept: request.headers.get("accept") ?? "*/*" }),
    body: null,
  };
}
