/** The timers a scheduler uses: the browser's, or a fake clock in tests. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
}

export interface RedrawScheduler {
  /** Runs `redraw` after those queued before it, one per task, `gapMs` apart. */
  queue(redraw: () => void): void;
}

const browserTimers: Timers = { setTimeout: (callback, ms) => setTimeout(callback, ms) };

/**
 * Charts take turns redrawing: one redraw per task with a pause between, so that no single task
 * draws several charts while the training workers keep both cores busy.
 */
export function createRedrawScheduler(gapMs: number, timers: Timers = browserTimers): RedrawScheduler {
  const waiting: (() => void)[] = [];
  let draining = false;
  const next = () => {
    const redraw = waiting.shift();
    if (!redraw) {
      draining = false;
      return;
    }
    redraw();
    timers.setTimeout(next, gapMs);
  };
  return {
    queue(redraw) {
      waiting.push(redraw);
      if (draining) return;
      draining = true;
      timers.setTimeout(next, 0);
    },
  };
}
