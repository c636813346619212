// Finds Debian's Chromium for browser tests, installing it with apt-get when it is missing
// (CI machines start bare). Never skips: a browser test without a browser is a failure.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);

/** Flags that keep headless Chromium off the network and quiet on these machines. */
export const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** Returns the path of a Chromium executable, installing Debian's `chromium` package if needed. */
export function ensureChromium() {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  console.error("Chromium not found: installing Debian's chromium package (about 30 s)…");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    execFileSync(cmd, rest, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  };
  // Several suites may ask at once: wait for another apt-get's lock rather than fail on it.
  const wait = ["-o", "DPkg::Lock::Timeout=300"];
  run(["apt-get", ...wait, "update", "-q"]);
  run(["apt-get", ...wait, "install", "-y", "-q", "--no-install-recommends", "chromium"]);
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (!installed) throw new Error("apt-get installed chromium but no executable was found at /usr/bin/chromium");
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
