// Links written for GitHub, as the site has them; and docs/ as a reader on GitHub meets it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/published-packages.mjs";
import { githubSlug, rewriteMarkdownLinks, siteLinkOf } from "../src/links.mjs";

const repo = {
  web: "https://github.com/o/r",
  branch: "main",
  referenceOf: (dir: string) => (dir === "client" ? "/reference/client/" : undefined),
};

describe("siteLinkOf", () => {
  it.each([
    ["errors.md#what-an-error-carries", "index.md", undefined],
    ["#packages", "index.md", undefined],
    ["https://noiz.ai", "index.md", undefined],
    ["/reference/", "index.md", undefined],
    ["../packages/client/README.md", "index.md", "/reference/client/"],
    ["../packages/unknown/README.md", "index.md", "https://github.com/o/r/blob/main/packages/unknown/README.md"],
    ["../spec/voices.openapi.yaml#L3", "http-api.md", "https://github.com/o/r/blob/main/spec/voices.openapi.yaml#L3"],
    ["../examples/voice-library/", "guide.md", "https://github.com/o/r/tree/main/examples/voice-library"],
  ])("%s on docs/%s → %s", (href, page, expected) => {
    expect(siteLinkOf(href, page, repo)).toBe(expected);
  });

  it("refuses a link that leaves the repository", () => {
    expect(() => siteLinkOf("../../elsewhere.md", "index.md", repo)).toThrow("leaves the repository");
  });

  it("rewrites the links of a markdown text the same way", () => {
    expect(rewriteMarkdownLinks("[a](errors.md) [b](../packages/client/README.md)", "index.md", repo)).toBe(
      "[a](errors.md) [b](/reference/client/)",
    );
  });
});

describe("githubSlug", () => {
  it.each([
    ["Did my clone happen? <code>outcomeUnknown</code>", "did-my-clone-happen-outcomeunknown"],
    ["Retries, timeouts & signal", "retries-timeouts--signal"],
    ["`noiz-voices list`", "noiz-voices-list"],
    ["Responses of successful calls: .withResponse()", "responses-of-successful-calls-withresponse"],
  ])("%s → %s", (text, slug) => {
    expect(githubSlug(text)).toBe(slug);
  });
});

describe("docs/*.md as GitHub shows them", () => {
  const docs = join(repoRoot, "docs");
  /** The ids GitHub gives a markdown file's headings (a repeated heading gets -1, -2, …). */
  const headingIds = (markdown: string) => {
    const seen = new Map<string, number>();
    const ids = new Set<string>();
    for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)) {
      const base = githubSlug(heading ?? "");
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      ids.add(count ? `${base}-${count}` : base);
    }
    return ids;
  };

  it("every relative link lands on a file of the repository, and on a heading that exists", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of readdirSync(docs).filter((name) => name.endsWith(".md"))) {
      const markdown = readFileSync(join(docs, page), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, href = ""] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const [path = "", hash] = href.split("#");
        const target = path === "" ? join(docs, page) : resolve(docs, path);
        checked += 1;
        if (!existsSync(target)) broken.push(`docs/${page} → ${href} (no such file)`);
        else if (hash && target.endsWith(".md") && !headingIds(readFileSync(target, "utf8")).has(hash))
          broken.push(`docs/${page} → ${href} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it("no section is left empty: every heading has something under it before the next one", () => {
    const empty: string[] = [];
    for (const page of readdirSync(docs).filter((name) => name.endsWith(".md"))) {
      const markdown = readFileSync(join(docs, page), "utf8").replace(/```[\s\S]*?```/g, "code");
      const sections = markdown.split(/^(?=#{1,6} )/m);
      for (const section of sections) {
        const [heading = "", ...body] = section.split("\n");
        const next = sections[sections.indexOf(section) + 1] ?? "";
        const deeper = (next.match(/^#+/)?.[0].length ?? 0) > (heading.match(/^#+/)?.[0].length ?? 0);
        const text = body
          .join("\n")
          .replace(/<!--[\s\S]*?-->/g, "")
          .trim();
        if (heading.startsWith("#") && text === "" && !deeper) empty.push(`docs/${page}: ${heading}`);
      }
    }
    expect(empty).toEqual([]);
  });
});
