// The API reports on scratch repositories: a fixture package's built types against its committed
// report, and the reports against those of the package's last release with the pending changesets.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiEntries, releaseCheck, reportPath, runReports } from "../src/api-report.mjs";
import { type ScratchRepo, scratchRepo } from "./git-repo.js";

let repo: ScratchRepo | undefined;
afterEach(() => repo?.remove());

const TYPES = `/** Makes a client. */
export declare function createVoicesClient(): object;
/** A voice. */
export interface Voice { voice_id: string }
/** The base URL. */
export declare const DEFAULT_BASE_URL = "https://noiz.ai/v1";
`;
const SERVER_TYPES = "/** Starts it. */\nexport declare function start(): void;\n";

/** A published package `widget` with two entry points, built (its .d.ts written by hand). */
function widgetRepo(version: string) {
  repo = scratchRepo({ spec: version, client: version });
  repo.write(
    "packages/widget/package.json",
    JSON.stringify({
      name: "@noiz-voices/widget",
      version,
      type: "module",
      exports: {
        ".": { import: { types: "./dist/index.d.ts", default: "./dist/index.js" } },
        "./server": { import: { types: "./dist/server.d.ts", default: "./dist/server.js" } },
        "./data.json": "./dist/data.json",
        "./package.json": "./package.json",
      },
    }),
  );
  repo.write("packages/widget/dist/index.d.ts", TYPES);
  repo.write("packages/widget/dist/server.d.ts", SERVER_TYPES);
  // packages/spec and packages/client of the scratch repo have no exports: one entry point each.
  for (const pkg of ["spec", "client"]) {
    repo.write(
      `packages/${pkg}/package.json`,
      JSON.stringify({ name: `@noiz-voices/${pkg}`, version, types: "./dist/index.d.ts" }),
    );
    repo.write(`packages/${pkg}/dist/index.d.ts`, "/** x */\nexport declare const x: 1;\n");
  }
  return repo;
}

const widgetEntries = (dir: string) => apiEntries(dir).filter((entry) => entry.name === "@noiz-voices/widget");

describe("API reports", () => {
  it("one report per code entry point of the exports map (data files have none)", () => {
    const repo = widgetRepo("1.0.0");
    expect(widgetEntries(repo.dir).map((entry) => [entry.subpath, reportPath(entry)])).toEqual([
      [".", "packages/widget/etc/widget.api.md"],
      ["./server", "packages/widget/etc/widget-server.api.md"],
    ]);
  });

  it("update writes the reports; check then passes, and fails once an export is removed", () => {
    const repo = widgetRepo("1.0.0");
    const entries = widgetEntries(repo.dir);
    expect(runReports({ root: repo.dir, update: true, entries }).changed.map(reportPath)).toEqual([
      "packages/widget/etc/widget.api.md",
      "packages/widget/etc/widget-server.api.md",
    ]);
    const report = readFileSync(join(repo.dir, "packages/widget/etc/widget.api.md"), "utf8");
    expect(report).toContain("export function createVoicesClient(): object;");
    expect(report).toContain("export interface Voice {");
    expect(runReports({ root: repo.dir, entries })).toEqual({ changed: [], problems: [] });

    repo.write("packages/widget/dist/index.d.ts", TYPES.replace(/\/\*\* The base URL[\s\S]*$/, ""));
    const { changed } = runReports({ root: repo.dir, entries });
    expect(changed.map((entry) => entry.subpath)).toEqual(["."]);
    // check leaves the committed report as it was.
    expect(readFileSync(join(repo.dir, "packages/widget/etc/widget.api.md"), "utf8")).toBe(report);
  });

  it("a build that is missing is a problem that says to build", () => {
    const repo = widgetRepo("1.0.0");
    repo.write("packages/widget/dist/server.d.ts", "");
    const entries = widgetEntries(repo.dir).map((entry) => ({ ...entry, types: `${entry.types}.missing` }));
    expect(runReports({ root: repo.dir, entries }).problems[0]).toMatch(/is missing; build the package first/);
  });
});

describe("API changes since the last release", () => {
  function released(version: string) {
    const repo = widgetRepo(version);
    const entries = widgetEntries(repo.dir);
    runReports({ root: repo.dir, update: true, entries });
    repo.commit("Version packages");
    return { repo, entries };
  }
  const rewrite = (repo: ScratchRepo, entries: ReturnType<typeof widgetEntries>, types: string) => {
    repo.write("packages/widget/dist/index.d.ts", types);
    runReports({ root: repo.dir, update: true, entries });
  };

  it("a removed export needs a major changeset, and one makes it pass", async () => {
    const { repo, entries } = released("1.0.0");
    rewrite(repo, entries, TYPES.replace(/\/\*\* The base URL[\s\S]*$/, ""));
    const failed = await releaseCheck(repo.dir, entries);
    expect(failed.ok).toBe(false);
    expect(failed.failures[0]).toContain("@noiz-voices/widget: its API changed since @noiz-voices/widget@1.0.0");
    expect(failed.failures[0]).toContain('.: export const DEFAULT_BASE_URL = "https://noiz.ai/v1";');
    expect(failed.failures[0]).toContain("That needs a major bump (version 1.0.0); the pending changesets give none.");
    expect(failed.failures[0]).toContain('"@noiz-voices/widget": major');
    repo.write(".changeset/widget.md", '---\n"@noiz-voices/widget": major\n---\n\nDEFAULT_BASE_URL is gone.\n');
    expect(await releaseCheck(repo.dir, entries)).toMatchObject({ ok: true, failures: [] });
  });

  it("an added export needs a minor (a patch below 1.0); a narrowed one a major (a minor below 1.0)", async () => {
    const { repo, entries } = released("1.2.0");
    rewrite(repo, entries, `${TYPES}/** New. */\nexport declare function extra(): void;\n`);
    expect((await releaseCheck(repo.dir, entries)).failures[0]).toContain("That needs a minor bump (version 1.2.0)");
    repo.write(".changeset/widget.md", '---\n"@noiz-voices/widget": minor\n---\n\nextra().\n');
    expect((await releaseCheck(repo.dir, entries)).ok).toBe(true);

    const below = released("0.3.0");
    rewrite(below.repo, below.entries, TYPES.replace("voice_id: string", 'voice_id: "a" | "b"'));
    expect((await releaseCheck(below.repo.dir, below.entries)).failures[0]).toContain(
      "That needs a minor bump (version 0.3.0)",
    );
  });

  it("an entry point removed since the release is a removal", async () => {
    const { repo } = released("1.0.0");
    const manifest = JSON.parse(repo.read("packages/widget/package.json"));
    delete manifest.exports["./server"];
    repo.write("packages/widget/package.json", JSON.stringify(manifest));
    const failed = await releaseCheck(repo.dir, widgetEntries(repo.dir));
    expect(failed.failures[0]).toContain("./server: the whole entry point");
  });

  it("before the first release there is nothing to compare", async () => {
    const repo = widgetRepo("0.0.0");
    mkdirSync(join(repo.dir, "packages/widget/etc"), { recursive: true });
    writeFileSync(join(repo.dir, "packages/widget/etc/widget.api.md"), "");
    repo.commit("start");
    const result = await releaseCheck(repo.dir, widgetEntries(repo.dir));
    expect(result).toEqual({
      ok: true,
      failures: [],
      notes: [
        "@noiz-voices/widget: @noiz-voices/widget has never been released (version 0.0.0); no released API to compare with.",
      ],
    });
  });
});
