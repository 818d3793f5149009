/**
 * Collects items and hands them over on a display frame at most every
 * `minIntervalMs`, so streamed metrics cause few store updates (and renders):
 * on a 2-core machine the training workers leave the main thread little time.
 */
export interface FrameQueue<T> {
  push(item: T): void;
  /** Hands over what is queued at once (Stop: the last figures before the run ends). */
  flushNow(): void;
  /** Drops what is queued (a new run). */
  clear(): void;
}

/** Display frames and the clock: the browser's, or fakes in tests. */
export interface FrameClock {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(id: number): void;
}

export const browserFrameClock = (): FrameClock => ({
  now: () => performance.now(),
  requestFrame:
    typeof requestAnimationFrame === 'function'
      ? (cb) => requestAnimationFrame(cb)
      : (cb) => setTimeout(cb, 16) as unknown as number,
  cancelFrame: typeof cancelAnimationFrame === 'function' ? (id) => cancelAnimationFrame(id) : (id) => clearTimeout(id),
});

export function createFrameQueue<T>(
  flush: (items: T[]) => void,
  minIntervalMs = 0,
  clock: FrameClock = browserFrameClock(),
): FrameQueue<T> {
  let items: T[] = [];
  let scheduled: number | null = null;
  let lastFlushAt = -Infinity;
  const schedule = (cb: () => void) => clock.requestFrame(cb);
  const cancel = (id: number) => clock.cancelFrame(id);
  const run = () => {
    scheduled = null;
    if (items.length === 0) return;
    if (clock.now() - lastFlushAt < minIntervalMs) {
      scheduled = schedule(run);
      return;
    }
    lastFlushAt = clock.now();
    const batch = items;
    items = [];
    flush(batch);
  };
  return {
    push(item) {
      items.push(item);
      if (scheduled === null) scheduled = schedule(run);
    },
    flushNow() {
      if (scheduled !== null) cancel(scheduled);
      lastFlushAt = -Infinity;
      run();
    },
    clear() {
      if (scheduled !== null) cancel(scheduled);
      scheduled = null;
      items = [];
    },
  };
}
