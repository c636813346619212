// The contract check's report: one line per step, then every violation of its exchanges.
import { formatViolation } from "./violations.mjs";

/**
 * @param {import("./check.mjs").ContractReport} report
 * @param {string} specName
 * @returns {{ text: string, exitCode: 0 | 1 | 2 }}
 *   0: everything conforms; 1: the service broke the spec; 2: the flow could not complete
 *   for another reason (a bad key, the network, a sample the service rejected).
 */
export function formatReport(report, specName) {
  const lines = [`contract check: ${report.upstream} against ${specName} (prism proxy --errors)`, ""];
  for (const step of report.steps) {
    const mark = step.outcome === "ok" ? "ok  " : step.outcome === "skipped" ? "skip" : "FAIL";
    lines.push(`${mark} ${step.name}${step.detail && step.outcome !== "ok" ? `: ${step.detail}` : ""}`);
    for (const exchange of step.exchanges) {
      const prism = exchange.prismError ? `, from Prism: ${exchange.prismError}` : "";
      lines.push(`       ${exchange.method} ${exchange.path} -> ${exchange.status}${prism}`);
      for (const violation of exchange.violations) lines.push(`         ${formatViolation(violation)}`);
    }
  }
  const broken = report.steps
    .flatMap((s) => s.exchanges)
    .filter((e) => e.violations.some((v) => v.severity === "Error"));
  const incomplete = report.steps.some((s) => s.outcome !== "ok");
  lines.push("");
  if (report.violations.length > 0) {
    lines.push(
      `${report.violations.length} violation(s) of ${specName} in ${broken.length} exchange(s): ` +
        "the service and the spec disagree. Fix the spec (then regenerate) or report it to the service.",
    );
    return { text: lines.join("\n"), exitCode: 1 };
  }
  if (incomplete) {
    lines.push("No violation found, but the flow did not complete (see FAIL/skip above): nothing was proven.");
    return { text: lines.join("\n"), exitCode: 2 };
  }
  lines.push(`Every request and response conformed to ${specName}.`);
  return { text: lines.join("\n"), exitCode: 0 };
}
