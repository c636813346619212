// One listener per signal, deadlines, and the wait between retries.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDeadline, onAbort, sleep, TIMED_OUT } from "./signals.js";

afterEach(() => {
  vi.useRealTimers();
});

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("onAbort", () => {
  it("puts one listener on a signal however many subscribe, and runs each subscriber once", () => {
    const controller = new AbortController();
    const calls: number[] = [];
    for (let i = 0; i < 50; i++) onAbort(controller.signal, () => calls.push(i));
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    controller.abort();
    expect(calls).toHaveLength(50);
  });

  it("removes its listener once the last subscriber leaves, and adds it back for the next", () => {
    const controller = new AbortController();
    const leaveA = onAbort(controller.signal, () => {});
    const leaveB = onAbort(controller.signal, () => {});
    leaveA();
    expect(listeners(controller.signal)).toBe(1);
    leaveB();
    leaveB();
    expect(listeners(controller.signal)).toBe(0);
    let fired = false;
    onAbort(controller.signal, () => {
      fired = true;
    });
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect(fired).toBe(true);
  });

  it("does not run a subscriber that left", () => {
    const controller = new AbortController();
    let fired = false;
    const leave = onAbort(controller.signal, () => {
      fired = true;
    });
    onAbort(controller.signal, () => {});
    leave();
    controller.abort();
    expect(fired).toBe(false);
  });
});

describe("createDeadline", () => {
  it("aborts its signal with TIMED_OUT when the time runs out, and run() rejects even if the work ignores it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const deadline = createDeadline(1000);
    const outcome = deadline.run(new Promise(() => {})).catch((reason: unknown) => reason);
    await vi.advanceTimersByTimeAsync(999);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.signal.reason).toBe(TIMED_OUT);
    expect(await outcome).toBe(TIMED_OUT);
  });

  it("follows the caller's signal with its reason, and leaves it on clear()", async () => {
    const caller = new AbortController();
    const deadline = createDeadline(60_000, caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    const outcome = deadline.run(new Promise(() => {})).catch((reason: unknown) => reason);
    caller.abort("stop");
    expect(await outcome).toBe("stop");
    expect(deadline.signal.reason).toBe("stop");
    deadline.clear();
    const other = new AbortController();
    createDeadline(60_000, other.signal).clear();
    expect(listeners(other.signal)).toBe(0);
  });

  it("settles with the work when nothing aborts, and clear() stops the timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const deadline = createDeadline(1000);
    expect(await deadline.run(Promise.resolve(42))).toBe(42);
    deadline.clear();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("sleep", () => {
  it("resolves after the delay", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let done = false;
    const pending = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });

  it("rejects with the signal's reason as soon as it aborts, and clears its timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal has already aborted", async () => {
    const controller = new AbortController();
    controller.abort("gone");
    await expect(sleep(10_000, controller.signal)).rejects.toBe("gone");
  });
});
