// Links written for GitHub, as the site has them.
import { describe, expect, it } from "vitest";
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
