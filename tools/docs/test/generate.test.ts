// The generated blocks of docs/*.md: the committed text is what `pnpm docs:generate` writes now (the
// package table, the install lines, the CLI reference from the built command, the spec's
// operations), and the rules that text is made of.
import { describe, expect, it } from "vitest";
import { commandsIn } from "../src/cli-reference.mjs";
import { cliReference, fillBlocks, installCommand, operationsTable, staleDocs } from "../src/generate.mjs";

describe("docs/*.md", () => {
  it("every generated block is what pnpm docs:generate writes now (no drift, no bare marker)", async () => {
    const stale = await staleDocs();
    expect(
      stale.map(({ file }) => file),
      "out of date: run `pnpm docs:generate` and commit docs/",
    ).toEqual([]);
  }, 60_000);
});

describe("fillBlocks", () => {
  const contentOf = async (name: string, argument?: string) => `${name}${argument ? `:${argument}` : ""} content`;

  it("turns a bare marker into a block, replaces a block's old content, and is idempotent", async () => {
    const page = "# A\n\n<!-- packages -->\n\ntext\n\n<!-- cli-reference: tool -->\n";
    const once = await fillBlocks(page, contentOf);
    expect(once).toContain("<!-- BEGIN generated: packages (pnpm docs:generate");
    expect(once).toContain("\npackages content\n<!-- END generated -->\n\ntext");
    expect(once).toContain("\ncli-reference:tool content\n<!-- END generated -->\n");
    expect(once).not.toMatch(/<!-- (packages|cli-reference: tool) -->/);
    await expect(fillBlocks(once, contentOf)).resolves.toBe(once);
    const edited = once.replace("packages content", "a hand edit");
    await expect(fillBlocks(edited, contentOf)).resolves.toBe(once);
  });
});

describe("the blocks' content", () => {
  it("installCommand adds required peers, leaves optional ones out, and puts a test kit in devDependencies", () => {
    expect(
      installCommand({
        name: "@noiz-voices/react",
        peerDependencies: { "@noiz-voices/client": "^1", react: "^19", prism: "5" },
        peerDependenciesMeta: { prism: { optional: true } },
      }),
    ).toBe("npm install @noiz-voices/react @noiz-voices/client react");
    expect(installCommand({ name: "@noiz-voices/testing" })).toBe("npm install --save-dev @noiz-voices/testing");
  });

  it("cliReference gives each command a heading (GitHub's id: `tool-list`) and its help verbatim", () => {
    const text = cliReference("tool", [
      { path: [], help: "Usage: tool <x>" },
      { path: ["list"], help: "Usage: tool list | more" },
    ]);
    expect(text).toBe(
      "### `tool`\n\n```text\nUsage: tool <x>\n```\n\n### `tool list`\n\n```text\nUsage: tool list | more\n```",
    );
  });

  it("operationsTable lists every operation of every path, in the spec's order, pipes escaped", () => {
    const table = operationsTable({
      paths: {
        "/a": { get: { summary: "List a | b", operationId: "listA" }, parameters: [] },
        "/a/{id}": { delete: { summary: "Delete", operationId: "deleteA" } },
      },
    });
    expect(table.split("\n").slice(2)).toEqual([
      "| `GET /a` | List a \\| b | `listA` |",
      "| `DELETE /a/{id}` | Delete | `deleteA` |",
    ]);
  });

  it("commandsIn lists the commands of commander's help, wrapped descriptions and `help` left out", () => {
    const help = [
      "Usage: tool [options] [command]",
      "",
      "Commands:",
      "  list [options]                 List voices as a table (id, name, type, labels,",
      "                                 created), or as JSON with --json",
      "  completion <shell>             Print a completion script",
      "  help [command]                 display help for command",
      "",
      "Exit codes: 0 success.",
      "  not-a-command                  (indented, but after the section)",
    ].join("\n");
    expect(commandsIn(help)).toEqual(["list", "completion"]);
    expect(commandsIn("Usage: tool get <id>\n\nOptions:\n  -h, --help  display help")).toEqual([]);
  });
});
