/**
 * Collects items and hands them over on a display frame at most every
 * `minIntervalMs`, so streamed metrics cause few store updates (and renders):
 * on a 2-core machine the training workers leave the main thread little time.
 */
export function createFrameQueue<T>(flush: (items: T[]) => void, minIntervalMs = 0): { push(item: T): void; flushNow(): void; clear(): void } {
  let items: T[] = [];
  let scheduled: number | null = null;
  let lastFlushAt = -Infinity;
  const schedule = typeof requestAnimationFrame === 'function'
    ? (cb: () => void) => requestAnimationFrame(cb)
    : (cb: () => void) => setTimeout(cb, 16) as unknown as number;
  const cancel = typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id: number) => clearTimeout(id);
  const run = () => {
    scheduled = null;
    if (items.length === 0) return;
    if (performance.now() - lastFlushAt < minIntervalMs) {
      scheduled = schedule(run);
      return;
    }
    lastFlushAt = performance.now();
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
