// A scratch copy of the repository in a temp dir: tracked and new (not ignored) files, plus the
// published packages' builds, committed to a fresh `main` so changesets finds its base branch.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * @param {string} root  the repository
 * @param {string} target  an empty directory
 * @param {{ dir: string }[]} packages  whose dist/ to copy (dist is gitignored)
 */
export function scratchCopy(root, target, packages) {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  for (const file of listed.split("\0").filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(root, file), join(target, file));
  }
  for (const pkg of packages) {
    const relativeDir = pkg.dir.slice(root.length + 1);
    cpSync(join(pkg.dir, "dist"), join(target, relativeDir, "dist"), { recursive: true });
  }
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=release dry run", "-c", "user.email=dry-run@example.invalid", ...args], {
      cwd: target,
      stdio: "ignore",
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "--no-verify", "-m", "scratch copy for the release dry run");
}
