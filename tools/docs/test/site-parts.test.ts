// The small rules the site build is made of, each on the inputs that could trip it.
import { describe, expect, it } from "vitest";
import { repositoryWebUrl } from "../../packaging/src/repository.mjs";
import { commandsIn } from "../src/cli-reference.mjs";
import { leadingComment } from "../src/reference.mjs";
import { installCommand, renderPage, slugOf } from "../src/site.mjs";

describe("commandsIn", () => {
  it("lists the commands of commander's help, wrapped descriptions and `help` left out", () => {
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

describe("repositoryWebUrl", () => {
  it.each([
    [
      { repository: { type: "git", url: "git+https://github.com/noiz-ai/voices-sdk.git" } },
      "https://github.com/noiz-ai/voices-sdk",
    ],
    [{ repository: "github:noiz-ai/voices-sdk" }, "https://github.com/noiz-ai/voices-sdk"],
    [{ repository: "noiz-ai/voices-sdk" }, "https://github.com/noiz-ai/voices-sdk"],
    [{ repository: { url: "git://github.com/noiz-ai/voices-sdk.git" } }, "https://github.com/noiz-ai/voices-sdk"],
    [{}, undefined],
  ])("%j → %s", (manifest, expected) => {
    expect(repositoryWebUrl(manifest)).toBe(expected);
  });
});

describe("installCommand", () => {
  it("adds required peers, leaves optional ones out, and puts a test kit in devDependencies", () => {
    expect(
      installCommand({
        name: "@noiz-voices/react",
        peerDependencies: { "@noiz-voices/client": "^1", react: "^19", prism: "5" },
        peerDependenciesMeta: { prism: { optional: true } },
      }),
    ).toBe("npm install @noiz-voices/react @noiz-voices/client react");
    expect(installCommand({ name: "@noiz-voices/testing" })).toBe("npm install --save-dev @noiz-voices/testing");
  });
});

describe("leadingComment", () => {
  it("reads the first doc comment of a file, without its stars", () => {
    expect(leadingComment("#!/usr/bin/env node\n/**\n * `pkg/testing`: a mock.\n *\n * More.\n */\nexport {};")).toBe(
      "`pkg/testing`: a mock.\n\nMore.",
    );
    expect(leadingComment('import x from "y";\n/** Not leading. */')).toBeUndefined();
    expect(leadingComment('/// <reference types="node" />\n/**\n * `pkg/server`: Node only.\n */\nexport {};')).toBe(
      "`pkg/server`: Node only.",
    );
  });
});

describe("renderPage", () => {
  it("links .md pages as .html, gives headings GitHub's ids, and fills the markers from the packages", async () => {
    const markdown = [
      "# A guide",
      "",
      "## Did it happen? `outcomeUnknown`",
      "",
      "See [errors](errors.md#what-an-error-carries) and [the site](https://example.com/x.md).",
      "",
      "<!-- install -->",
      "",
      "<!-- cli-reference: tool -->",
    ].join("\n");
    const packages = [{ name: "@noiz-voices/client", manifest: { name: "@noiz-voices/client" } }];
    const { html, title } = await renderPage({
      file: "guide.md",
      markdown,
      packages,
      cli: async () => [{ path: [], help: "Usage: tool <x>" }],
    });
    expect(title).toBe("A guide");
    expect(html).toContain('<h2 id="did-it-happen-outcomeunknown">');
    expect(html).toContain('href="errors.html#what-an-error-carries"');
    expect(html).toContain('href="https://example.com/x.md"');
    expect(html).toContain("npm install @noiz-voices/client");
    expect(html).toContain('<h3 id="cli-tool"><code>tool</code></h3>');
    expect(html).toContain("Usage: tool &lt;x&gt;");
    expect(slugOf("Retries, timeouts & <code>signal</code>")).toBe("retries-timeouts--signal");
  });

  it("refuses a page without a title", async () => {
    await expect(renderPage({ file: "x.md", markdown: "no title", packages: [] })).rejects.toThrow(
      'docs/x.md has no "# " title',
    );
  });
});
