// Reads a spec (a file, or a git ref whose spec/voices.openapi.yaml is meant) and resolves its
// $refs with @redocly/openapi-core, so a change behind a $ref shows where the $ref is used.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bundleFromString, createConfig } from "@redocly/openapi-core";

/** Where the spec lives in this repository. */
export const SPEC_PATH = "spec/voices.openapi.yaml";

const git = (cwd, args) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });

/**
 * The text of a spec and a name for it: `source` is a file path, or else a git ref (a commit,
 * branch or tag) whose `spec/voices.openapi.yaml` is read.
 * @param {string} source
 * @param {string} cwd
 * @returns {{ text: string, name: string, file: string }}
 */
export function readSpecSource(source, cwd = process.cwd()) {
  const file = resolve(cwd, source);
  if (existsSync(file)) return { text: readFileSync(file, "utf8"), name: source, file };
  let root;
  try {
    root = git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  } catch {
    throw new Error(`${source}: no such file, and ${cwd} is not in a git repository to read it as a ref from.`);
  }
  let commit;
  try {
    commit = git(root, ["rev-parse", "--verify", "--quiet", `${source}^{commit}`]).trim();
  } catch {
    throw new Error(`${source}: neither a file nor a git ref (commit, branch or tag).`);
  }
  try {
    const text = git(root, ["show", `${commit}:${SPEC_PATH}`]);
    return { text, name: `${source}:${SPEC_PATH}`, file: resolve(root, SPEC_PATH) };
  } catch {
    throw new Error(`${source}: the commit ${commit.slice(0, 12)} has no ${SPEC_PATH}.`);
  }
}

/**
 * The document with every $ref resolved (shared objects stand where a $ref was; a recursive
 * schema stays a cycle).
 * @param {string} text   YAML or JSON
 * @param {string} file   where it came from (relative $refs resolve from here)
 * @returns {Promise<Record<string, any>>}
 */
export async function resolveSpec(text, file) {
  const config = await createConfig({});
  const { bundle, problems } = await bundleFromString({
    source: text,
    absoluteRef: file,
    config,
    dereference: true,
  });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((problem) => problem.message).join("; ")}`);
  const document = bundle.parsed;
  if (!document || typeof document !== "object" || !/^3\./.test(String(document.openapi)))
    throw new Error(`${file}: not an OpenAPI 3 document`);
  return document;
}

/**
 * Reads and resolves a spec from a file or a git ref.
 * @param {string} source
 * @param {string} [cwd]
 */
export async function loadSpec(source, cwd = process.cwd()) {
  const { text, name, file } = readSpecSource(source, cwd);
  return { name, document: await resolveSpec(text, file) };
}
