// Reads what Prism found wrong with an exchange: the `sl-violations` header, and the
// problem+json body it answers with when `--errors` turns a violation into an error.

/**
 * @typedef {object} Violation
 * @property {string} location  such as `response.body.data.create_time`
 * @property {string} severity  `Error`, `Warning`, …
 * @property {string} code      the JSON Schema keyword or Prism code, such as `required` or `type`
 * @property {string} message
 */

/** @param {unknown} list @returns {Violation[]} */
function normalize(list) {
  if (!Array.isArray(list)) return [];
  return list.map((v) => ({
    location: Array.isArray(v?.location) ? v.location.join(".") : String(v?.location ?? "?"),
    severity: String(v?.severity ?? "Error"),
    code: String(v?.code ?? ""),
    message: String(v?.message ?? ""),
  }));
}

/** True when a body is one of Prism's own problem+json errors rather than the upstream's. */
export function isPrismProblem(contentType, body) {
  return /problem\+json/.test(contentType ?? "") && /stoplight\.io\/prism\/errors#/.test(String(body?.type ?? ""));
}

/**
 * @param {Headers} headers
 * @param {string} bodyText
 * @returns {{ violations: Violation[], prismError?: string }}
 */
export function violationsOf(headers, bodyText) {
  const found = [];
  const header = headers.get("sl-violations");
  if (header) {
    try {
      found.push(...normalize(JSON.parse(header)));
    } catch {
      found.push({ location: "sl-violations", severity: "Error", code: "unparsable", message: header });
    }
  }
  let prismError;
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (isPrismProblem(headers.get("content-type"), body)) {
    prismError = `${body.title ?? "Prism error"} (${String(body.type).split("#")[1] ?? body.type})`;
    for (const violation of normalize(body.validation)) {
      const duplicate = found.some((v) => v.location === violation.location && v.message === violation.message);
      if (!duplicate) found.push(violation);
    }
  }
  return { violations: found, prismError };
}

/** One line per violation: `response.body.data.create_time: must be integer [type]`. */
export function formatViolation(violation) {
  const message = violation.message.replace(/^(Request|Response) (body|query|header|path) (property|parameter) /, "");
  const severity = violation.severity === "Error" ? "" : ` (${violation.severity.toLowerCase()})`;
  return `${violation.location}: ${message} [${violation.code}]${severity}`;
}
