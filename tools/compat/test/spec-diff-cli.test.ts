// The command: files or git refs in, the text or JSON verdict out, exit 1 exactly when breaking.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropBuiltIn, repoRoot, type ScratchRepo, scratchRepo } from "./git-repo.js";

const run = promisify(execFile);
const cli = join(repoRoot, "tools/compat/src/spec-diff-cli.mjs");
const specDiff = (cwd: string, ...args: string[]) =>
  run(process.execPath, [cli, ...args], { cwd, env: { ...process.env, INIT_CWD: cwd } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe("pnpm spec:diff", () => {
  let repo: ScratchRepo;
  let before: string;

  beforeAll(() => {
    repo = scratchRepo({ spec: "1.0.0", client: "1.0.0" });
    before = repo.commit("base");
    repo.write("spec/voices.openapi.yaml", dropBuiltIn(repo.read("spec/voices.openapi.yaml")));
    repo.commit("drop built-in");
    repo.git("tag", "v-next");
    repo.write("old.yaml", repo.git("show", `${before}:spec/voices.openapi.yaml`));
  });
  afterAll(() => repo.remove());

  it("--json on two git refs: the shape of the issue, breaking, exit 1", async () => {
    const { code, stdout } = await specDiff(repo.dir, before.slice(0, 10), "v-next", "--json");
    expect(code).toBe(1);
    const verdict = JSON.parse(stdout);
    expect(verdict.breaking).toBe(true);
    expect(verdict.changes).toContainEqual({
      rule: "request-parameter-enum-value-removed",
      operation: "GET /voices",
      level: "error",
      breaking: true,
      message: expect.stringContaining('"built-in"'),
    });
    for (const change of verdict.changes)
      expect(Object.keys(change)).toEqual(["rule", "operation", "level", "breaking", "message"]);
  });

  it("a file against a ref, in text: errors first, with the rule and the operation", async () => {
    const { code, stdout } = await specDiff(repo.dir, "old.yaml", "HEAD");
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe(
      "old.yaml → HEAD:spec/voices.openapi.yaml: 3 change(s): 1 breaking (error), 0 warning, 2 info.",
    );
    expect(stdout).toContain("error   request-parameter-enum-value-removed  [GET /voices]");
  });

  it("the other way round nothing breaks: exit 0", async () => {
    const { code, stdout } = await specDiff(repo.dir, "HEAD", "old.yaml", "--json");
    expect(code).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict.breaking).toBe(false);
    expect(verdict.changes.map((change: { rule: string }) => change.rule)).toContain(
      "request-parameter-enum-value-added",
    );
  });

  it("bad input: a usage line or a reason, exit 2", async () => {
    expect(await specDiff(repo.dir, "only-one")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage: pnpm spec:diff"),
    });
    expect(await specDiff(repo.dir, "nope", "HEAD")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("nope: neither a file nor a git ref"),
    });
  });
});
