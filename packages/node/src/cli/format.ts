/** Plain-text formatting for results: tables, dates and sizes. Every cell is escaped by `visible`. */
import type { Voice } from "@noiz-voices/client";
import { show, visible } from "./escape.js";

/** `2025-02-04 10:13 UTC` from Unix seconds; empty when absent. */
export function formatTime(seconds: number | undefined): string {
  // A server's number can be past what a Date holds (toISOString would throw).
  const date = new Date(typeof seconds === "number" ? seconds * 1000 : Number.NaN);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `1.5 MiB` and the like. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** Aligned columns with a header row; long cells are cut with an ellipsis. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[], maxWidth = 40): string {
  // Escaped first, so a newline or tab shows as `\u000a` instead of breaking the row.
  const cells = rows.map((row) => row.map((cell) => clip(visible(show(cell)).replace(/\s+/g, " "), maxWidth)));
  // A loop, not Math.max(...cells): a spread of 125,000+ arguments overflows the stack.
  const widths = headers.map((header) => header.length);
  for (const row of cells) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...cells.map(line)].join("\n")}\n`;
}

/** The list table: id, name, type, labels, created. */
export function voicesTable(voices: readonly Voice[]): string {
  return table(
    ["ID", "NAME", "TYPE", "LABELS", "CREATED"],
    voices.map((v) => [v.voice_id, v.display_name, v.voice_type, v.labels, formatTime(v.create_time)]),
  );
}

/**
 * `key  value` lines for one object, skipping empty values; a pair's third element is our own note
 * on what the value is, shown after it in parentheses.
 */
export function details(pairs: readonly (readonly [key: string, value: unknown, note?: string])[]): string {
  const shown = pairs
    .map(([key, value, note]) => [key, visible(show(value)), note] as const)
    .filter(([, value]) => value !== "");
  const width = shown.reduce((max, [key]) => Math.max(max, key.length), 0);
  const line = ([key, value, note]: (typeof shown)[number]) =>
    `${key.padEnd(width)}  ${value}${note ? `  (${note})` : ""}`;
  return `${shown.map(line).join("\n")}\n`;
}
