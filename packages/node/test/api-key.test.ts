// readApiKey: the noiz-voices command's key sources, as other programs (noiz-voices-mcp) read them.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApiKey } from "../src/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "noiz-read-api-key-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readApiKey", () => {
  it("is undefined when no source holds a key", async () => {
    expect(await readApiKey({ env: { NOIZ_CONFIG_DIR: dir } })).toBeUndefined();
  });

  it("reads NOIZ_API_KEY before NOIZ_API_KEY_FILE, and the file when it is alone", async () => {
    const file = join(dir, "key.txt");
    await writeFile(file, "from-file-key\n");
    const env = { NOIZ_CONFIG_DIR: dir, NOIZ_API_KEY_FILE: file };
    expect(await readApiKey({ env: { ...env, NOIZ_API_KEY: "from-env-key" } })).toEqual({
      key: "from-env-key",
      source: "NOIZ_API_KEY",
    });
    expect(await readApiKey({ env })).toEqual({ key: "from-file-key", source: "NOIZ_API_KEY_FILE" });
  });

  it("reads a stored profile, the default one when none is named", async () => {
    const config = join(dir, "config");
    await rm(config, { recursive: true, force: true });
    await mkdir(config);
    await writeFile(
      join(config, "credentials.json"),
      JSON.stringify({ profiles: { default: { apiKey: "default-key" }, work: { apiKey: "work-key" } } }),
    );
    const env = { NOIZ_CONFIG_DIR: config, NOIZ_API_KEY: "env-key" };
    expect((await readApiKey({ env, profile: "work" }))?.key).toBe("work-key");
    expect((await readApiKey({ env: { NOIZ_CONFIG_DIR: config } }))?.key).toBe("default-key");
    await expect(readApiKey({ env, profile: "nope" })).rejects.toThrow(/No key is stored for profile nope/);
  });

  it("names an unusable source, never the key", async () => {
    const env = { NOIZ_CONFIG_DIR: dir, NOIZ_API_KEY_FILE: join(dir, "missing.txt") };
    await expect(readApiKey({ env })).rejects.toThrow(/NOIZ_API_KEY_FILE .*missing\.txt: no such file/);
    await expect(readApiKey({ env: { NOIZ_API_KEY: "two words" } })).rejects.toThrow(/NOIZ_API_KEY is not a key/);
    await expect(readApiKey({ env: { NOIZ_API_KEY: "two words" } })).rejects.not.toThrow(/two words/);
  });
});
