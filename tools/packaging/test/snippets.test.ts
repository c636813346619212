// The code in README.md, CONTRIBUTING.md, docs/*.md and packages/*/README.md compiles against
// the built packages (strict), so the docs cannot drift from the API.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/published-packages.mjs";
import {
  checkedSnippets,
  extractSnippets,
  markdownSources,
  pendingSnippets,
  preludeOf,
  typecheckSnippets,
} from "../src/snippets.mjs";

const work = resolve(import.meta.dirname, "../test-results/snippets");

describe("documentation snippets", () => {
  it("finds the snippets of README.md and docs/index.md", () => {
    const sources = markdownSources(repoRoot).map((file) => file.slice(repoRoot.length + 1));
    expect(sources).toEqual(expect.arrayContaining(["README.md", "docs/index.md"]));
    const readme = extractSnippets(join(repoRoot, "README.md"));
    expect(readme.length).toBeGreaterThanOrEqual(5);
    expect(readme[0]?.code).toContain("createVoicesClient");
  });

  it("finds every guide of the docs site", () => {
    const sources = markdownSources(repoRoot).map((file) => file.slice(repoRoot.length + 1));
    for (const guide of ["getting-started", "errors", "retries-and-timeouts", "pagination", "uploads", "react"]) {
      expect(sources).toContain(`docs/${guide}.md`);
    }
    for (const guide of ["node-and-cli", "testing", "observability"]) expect(sources).toContain(`docs/${guide}.md`);
  });

  it("every ts/tsx snippet that is not pending type-checks against the built packages", async () => {
    const snippets = checkedSnippets(repoRoot);
    expect(snippets.every((snippet) => !snippet.pending)).toBe(true);
    const diagnostics = await typecheckSnippets(snippets, join(work, "docs"), repoRoot);
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it("a pending block is listed and left out of the check; an unknown fence word is an error", async () => {
    await mkdir(work, { recursive: true });
    const markdown = join(work, "pending.md");
    await writeFile(
      markdown,
      ["```ts pending", "client.voices.notYet();", "```", "", "```tsx", "export {};", "```", ""].join("\n"),
    );
    const snippets = extractSnippets(markdown);
    expect(snippets.map(({ line, pending }) => ({ line, pending }))).toEqual([
      { line: 2, pending: true },
      { line: 6, pending: false },
    ]);
    expect(pendingSnippets(repoRoot).every((snippet) => snippet.source.startsWith(repoRoot))).toBe(true);

    const typo = join(work, "typo.md");
    await writeFile(typo, ["# Typo", "", "```ts pendng", "export {};", "```", ""].join("\n"));
    expect(() => extractSnippets(typo)).toThrow(/typo\.md:3: unknown word "pendng" after ```ts/);
  });

  it("a broken snippet is reported at its markdown line", async () => {
    const markdown = join(work, "broken.md");
    await writeFile(
      markdown,
      [
        "# Broken",
        "",
        "```ts",
        'const page = await client.voices.list({ voice_type: "everything" });',
        "console.log(page.total);",
        "```",
        "",
      ].join("\n"),
    );
    const snippets = extractSnippets(markdown);
    expect(preludeOf(snippets[0]?.code ?? "")).toHaveLength(2);
    const diagnostics = await typecheckSnippets(snippets, join(work, "broken"), work);
    expect(diagnostics).toEqual([
      expect.stringMatching(/^broken\.md:4: error TS2322: Type '"everything"' is not assignable/),
      expect.stringMatching(/^broken\.md:5: error TS2339: Property 'total' does not exist/),
    ]);
  }, 120_000);
});
