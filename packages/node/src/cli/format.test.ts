import { describe, expect, it } from "vitest";
import { details, table } from "./format.js";

describe("format", () => {
  it("prints a table of any size: 150,000 rows (a spread into Math.max overflowed the stack at 125,000)", () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [
      `v${i}`,
      i === 149_999 ? "the longest name of all" : "n",
      "custom",
    ]);
    const lines = table(["ID", "NAME", "TYPE"], rows).trimEnd().split("\n");
    expect(lines).toHaveLength(150_001);
    // Columns are as wide as the widest cell, the last row's included.
    expect(lines[0]).toBe(`ID       NAME${" ".repeat(21)}TYPE`);
    expect(lines[150_000]).toBe("v149999  the longest name of all  custom");
  });

  it("details: aligned keys, our note after a value, empty values skipped", () => {
    expect(
      details([
        ["id", "a1"],
        ["sample", "https://x/a.wav", "the sample"],
        ["url", undefined, "unused"],
      ]),
    ).toBe("id      a1\nsample  https://x/a.wav  (the sample)\n");
  });
});
