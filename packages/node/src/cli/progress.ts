/** Progress bars (cli-progress) on stderr, shown only on a terminal. */
import cliProgress from "cli-progress";
import { formatBytes } from "./format.js";

/** A bar to update with bytes done and the total; `stop()` clears it. */
export interface Progress {
  update(done: number, total: number | undefined): void;
  stop(): void;
}

/** No bar: for output that is not a terminal. */
export const silentProgress: Progress = { update() {}, stop() {} };

/** A byte-counting bar titled `label` on `stream` (a terminal). */
export function byteProgress(label: string, stream: NodeJS.WritableStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream & { isTTY: true },
      format: `${label} [{bar}] {percentage}% | {done} of {size}`,
      barCompleteChar: "#",
      barIncompleteChar: "-",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.legacy,
  );
  let started = false;
  return {
    update(done, total) {
      const size = total ?? Math.max(done, 1);
      const payload = { done: formatBytes(done), size: total === undefined ? "?" : formatBytes(total) };
      if (!started) {
        bar.start(size, done, payload);
        started = true;
      } else {
        bar.setTotal(size);
        bar.update(done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
