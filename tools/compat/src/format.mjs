// The text form of a list of changes: errors first, then warnings, then info.

const ORDER = { error: 0, warning: 1, info: 2 };
const LABEL = { error: "error  ", warning: "warning", info: "info   " };

/**
 * @param {import("./diff.mjs").Change[]} changes
 * @param {string} title
 */
export function formatChanges(changes, title) {
  if (changes.length === 0) return `${title}: no changes.`;
  const sorted = [...changes].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  const count = (level) => changes.filter((change) => change.level === level).length;
  const lines = sorted.map(
    (change) => `${LABEL[change.level]} ${change.rule}  [${change.operation}]\n        ${change.message}`,
  );
  return [
    `${title}: ${changes.length} change(s): ${count("error")} breaking (error), ${count("warning")} warning, ${count("info")} info.`,
    "",
    ...lines,
  ].join("\n");
}
