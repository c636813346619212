// A scratch git repository shaped like this one (the spec, the two packages it versions, the
// changeset folder), for the gates' tests. Nothing here touches the real repository.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const realSpec = readFileSync(join(repoRoot, "spec/voices.openapi.yaml"), "utf8");

export interface ScratchRepo {
  dir: string;
  write(path: string, text: string): void;
  read(path: string): string;
  setVersion(dir: string, version: string): void;
  commit(message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export function scratchRepo(versions: { spec: string; client: string }): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), "noiz-gate-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const setVersion = (pkg: string, version: string) =>
    write(`packages/${pkg}/package.json`, `${JSON.stringify({ name: `@noiz-voices/${pkg}`, version }, null, 2)}\n`);
  // No "main": the gates must not assume a branch name.
  git("init", "-q", "-b", "trunk");
  write("spec/voices.openapi.yaml", realSpec);
  setVersion("spec", versions.spec);
  setVersion("client", versions.client);
  cpSync(join(repoRoot, ".changeset/config.json"), join(dir, ".changeset/config.json"));
  return {
    dir,
    write,
    read: (path) => readFileSync(join(dir, path), "utf8"),
    setVersion,
    commit: (message) => {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    git,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The spec with `voice_type`'s `built-in` dropped. */
export const dropBuiltIn = (spec: string) => {
  const changed = spec.replace("enum: [custom, built-in]", "enum: [custom]");
  if (changed === spec) throw new Error("the spec's VoiceType enum is not written as expected");
  return changed;
};

/** The spec with `limit` required. */
export const requireLimit = (spec: string) => {
  const changed = spec.replace(/(- name: limit\n\s+in: query\n\s+required: )false/, "$1true");
  if (changed === spec) throw new Error("the spec's limit parameter is not written as expected");
  return changed;
};
