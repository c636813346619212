// The gate, on scratch git repositories: a breaking spec change since the last release of
// @noiz-voices/spec fails until a pending changeset bumps spec and client enough.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { checkSpec } from "../src/spec-check.mjs";
import { dropBuiltIn, requireLimit, type ScratchRepo, scratchRepo } from "./git-repo.js";

let repo: ScratchRepo | undefined;
afterEach(() => repo?.remove());

const majorChangeset = `---\n"@noiz-voices/spec": major\n"@noiz-voices/client": major\n---\n\nbuilt-in voices are gone.\n`;

function released(version = "1.0.0") {
  repo = scratchRepo({ spec: version, client: version });
  const release = repo.commit("Version packages");
  repo.write("README.md", "later work\n");
  repo.commit("later work");
  return { repo, release };
}

describe("spec:check", () => {
  it("passes, saying so, before the first release", async () => {
    repo = scratchRepo({ spec: "0.0.0", client: "0.0.0" });
    repo.commit("start");
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    const result = await checkSpec(repo.dir);
    expect(result).toEqual({
      ok: true,
      report: expect.stringContaining("@noiz-voices/spec has never been released (version 0.0.0)"),
    });
  });

  it("passes with no change since the release", async () => {
    const { repo, release } = released();
    expect(await checkSpec(repo.dir)).toEqual({
      ok: true,
      report: `spec:check: 0 change(s) since @noiz-voices/spec@1.0.0 (commit ${release.slice(0, 12)}), none breaking.`,
    });
  });

  it("fails on a dropped voice_type value, naming the change and the changeset it needs", async () => {
    const { repo, release } = released();
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    const { ok, report } = await checkSpec(repo.dir);
    expect(ok).toBe(false);
    expect(report).toContain(`since @noiz-voices/spec@1.0.0 (commit ${release.slice(0, 12)})`);
    expect(report).toContain(
      `- request-parameter-enum-value-removed [GET /voices]: GET /voices: the value "built-in" of the query parameter "voice_type" was removed.`,
    );
    expect(report).toContain(
      "a major bump of @noiz-voices/spec (now 1.0.0) and a major bump of @noiz-voices/client (now 1.0.0)",
    );
    expect(report).toContain('---\n"@noiz-voices/spec": major\n"@noiz-voices/client": major\n---');
  });

  it("fails on limit made required, and a major changeset for both packages makes it pass", async () => {
    const { repo } = released();
    repo.write("spec/voices.openapi.yaml", requireLimit(repo.read("spec/voices.openapi.yaml")));
    const failed = await checkSpec(repo.dir);
    expect(failed.ok).toBe(false);
    expect(failed.report).toContain(
      `request-parameter-became-required [GET /voices]: GET /voices: the query parameter "limit" became required.`,
    );
    repo.write(".changeset/limit-required.md", majorChangeset);
    const passed = await checkSpec(repo.dir);
    expect(passed.ok).toBe(true);
    expect(passed.report).toContain(
      "released by the pending changesets (@noiz-voices/spec major, @noiz-voices/client major)",
    );
  });

  it("a changeset that bumps only the spec, or only by a minor, is not enough at 1.x", async () => {
    const { repo } = released();
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    repo.write(".changeset/a.md", `---\n"@noiz-voices/spec": major\n"@noiz-voices/client": minor\n---\n\nx\n`);
    const { ok, report } = await checkSpec(repo.dir);
    expect(ok).toBe(false);
    expect(report).toContain("the pending changesets give @noiz-voices/client minor");
    expect(report).toContain('"@noiz-voices/spec": major\n"@noiz-voices/client": major');
  });

  it("below 1.0 a minor is the breaking bump", async () => {
    const { repo } = released("0.4.0");
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    expect((await checkSpec(repo.dir)).report).toContain("a minor bump of @noiz-voices/spec (now 0.4.0)");
    repo.write(".changeset/a.md", `---\n"@noiz-voices/spec": minor\n"@noiz-voices/client": minor\n---\n\nx\n`);
    expect((await checkSpec(repo.dir)).ok).toBe(true);
  });

  it("compares with the commit that set the current version: after the next release, that one", async () => {
    const { repo } = released();
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    repo.write(".changeset/a.md", majorChangeset);
    repo.commit("drop built-in voices");
    // `changeset version`: the changeset is consumed, the versions go up.
    repo.git("rm", "-q", ".changeset/a.md");
    repo.setVersion("spec", "2.0.0");
    repo.setVersion("client", "2.0.0");
    const second = repo.commit("Version packages");
    expect((await checkSpec(repo.dir)).report).toBe(
      `spec:check: 0 change(s) since @noiz-voices/spec@2.0.0 (commit ${second.slice(0, 12)}), none breaking.`,
    );
  });

  it("a shallow clone is refused with the fix, not compared with a wrong base", async () => {
    const { repo: origin } = released();
    const clone = `${origin.dir}-clone`;
    origin.git("clone", "-q", "--depth", "1", `file://${origin.dir}`, clone);
    try {
      await expect(checkSpec(clone)).rejects.toThrow(/shallow.*fetch-depth: 0/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
