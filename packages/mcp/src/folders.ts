/**
 * The folders the server may read files from and write samples to: `--allow-dir` folders, and the
 * client's MCP roots. A path is checked after every symlink in it is followed, so a link inside an
 * allowed folder cannot lead out of it.
 */
import { lstat, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ValidationError } from "@noiz-voices/client";

/** How a message quotes a path: one readable line, whatever it holds. */
export function quote(path: string): string {
  const shown = path.length > 200 ? `${path.slice(0, 100)}…${path.slice(-60)}` : path;
  return JSON.stringify(shown);
}

/** The real path of an allowed folder; throws a message naming `flag` when it is not a folder. */
export async function realFolder(folder: string, flag: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    throw new Error(`${flag} ${quote(folder)}: there is no such folder.`);
  }
  if (!(await lstat(real)).isDirectory()) throw new Error(`${flag} ${quote(folder)} is not a folder.`);
  return real;
}

const inside = (folder: string, path: string): boolean => {
  const rest = relative(folder, path);
  return rest === "" || (!rest.startsWith(`..${sep}`) && rest !== ".." && !isAbsolute(rest));
};

/** Reads the client's roots, when it has any (`undefined` when it does not offer roots). */
export type RootsSource = () => Promise<string[] | undefined>;

/** The allowed folders of one session: the `--allow-dir` ones, and the client's roots. */
export class AllowedFolders {
  readonly #given: readonly string[];
  readonly #roots: RootsSource | undefined;
  #fixed: Promise<string[]> | undefined;
  #rootFolders: Promise<string[]> | undefined;

  /** `fixed`: the `--allow-dir` folders (resolved to their real paths; a missing one allows nothing); `roots`: reads the client's MCP roots. */
  constructor(fixed: readonly string[], roots?: RootsSource) {
    this.#given = fixed;
    this.#roots = roots;
  }

  /** Forgets the roots read so far (the client said its list changed). */
  rootsChanged(): void {
    this.#rootFolders = undefined;
  }

  /** Every allowed folder, real paths. Roots that are not `file:` URLs of existing folders are skipped. */
  async folders(): Promise<string[]> {
    this.#fixed ??= Promise.all(this.#given.map((folder) => realFolder(folder, "folder").catch(() => ""))).then(
      (folders) => folders.filter(Boolean),
    );
    const fixed = await this.#fixed;
    if (!this.#roots) return [...fixed];
    this.#rootFolders ??= this.#readRoots();
    return [...fixed, ...(await this.#rootFolders)];
  }

  async #readRoots(): Promise<string[]> {
    let uris: string[] | undefined;
    try {
      uris = await this.#roots?.();
    } catch {
      // A client that fails to list its roots grants nothing; ask again next time.
      this.#rootFolders = undefined;
      return [];
    }
    const folders: string[] = [];
    for (const uri of uris ?? []) {
      try {
        const url = new URL(uri);
        if (url.protocol !== "file:") continue;
        folders.push(await realFolder(fileURLToPath(url), "root"));
      } catch {
        // Not a folder on this machine: it allows nothing.
      }
    }
    return folders;
  }

  /** Why `path` is refused: the allowed folders, and how to allow another. */
  async #refusal(argument: string, path: string, why: string): Promise<ValidationError> {
    const folders = await this.folders();
    const allowed =
      folders.length === 0
        ? "This server may not use any folder: start it with --allow-dir DIR (repeat it for more folders), or let the client share its roots."
        : `The folders it may use: ${folders.map(quote).join(", ")}. Start the server with --allow-dir DIR to allow another.`;
    return new ValidationError(argument, `${argument} ${quote(path)} ${why}. ${allowed}`);
  }

  /** Checks what a path argument looks like before the disk is asked anything. */
  async #checkShape(argument: string, path: string): Promise<void> {
    if (path.includes("\0")) throw await this.#refusal(argument, path.replace(/\0/g, "\\0"), "holds a NUL character");
    if (!isAbsolute(path)) throw await this.#refusal(argument, path, "is not an absolute path");
    if (path.split(/[\\/]/).includes("..")) throw await this.#refusal(argument, path, "contains `..`");
    if ((await this.folders()).length === 0) throw await this.#refusal(argument, path, "cannot be used");
  }

  /** The real path of an existing file to read, inside an allowed folder; a `ValidationError` naming `argument` otherwise. */
  async readable(argument: string, path: string): Promise<string> {
    await this.#checkShape(argument, path);
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      // Said the same way inside and outside: the error tells nothing of what exists elsewhere.
      if (await this.#allows(path))
        throw new ValidationError(argument, `${argument} ${quote(path)}: there is no such file.`);
      throw await this.#refusal(argument, path, "is outside the allowed folders");
    }
    return this.#inside(argument, path, real);
  }

  /**
   * The real path to write a new file at, inside an allowed folder: its folder's real path and its
   * name (a symlink there is followed first). A `ValidationError` naming `argument` otherwise.
   */
  async writable(argument: string, path: string): Promise<string> {
    await this.#checkShape(argument, path);
    let target = path;
    const existing = await lstat(path).catch(() => undefined);
    if (existing?.isSymbolicLink()) target = await realpath(path).catch(() => path);
    let folder: string;
    try {
      folder = await realpath(dirname(target));
    } catch {
      if (await this.#allows(target)) {
        throw new ValidationError(argument, `${argument} ${quote(path)}: its folder does not exist; create it first.`);
      }
      throw await this.#refusal(argument, path, "is outside the allowed folders");
    }
    const real = join(folder, basename(target));
    return this.#inside(argument, path, real);
  }

  /** `real` (the real path of `path`) when it is inside an allowed folder; the refusal otherwise. */
  async #inside(argument: string, path: string, real: string): Promise<string> {
    if (await this.#allows(real)) return real;
    throw await this.#refusal(
      argument,
      path,
      real === path ? "is outside the allowed folders" : "leads outside the allowed folders",
    );
  }

  async #allows(path: string): Promise<boolean> {
    return (await this.folders()).some((folder) => inside(folder, path));
  }
}
