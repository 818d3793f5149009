/**
 * Collects items and hands them over once per display frame, so streamed
 * metrics cause at most one store update (and one chart render) per frame.
 */
export function createFrameQueue<T>(flush: (items: T[]) => void): { push(item: T): void; flushNow(): void; clear(): void } {
  let items: T[] = [];
  let scheduled: number | null = null;
  const schedule = typeof requestAnimationFrame === 'function'
    ? (cb: () => void) => requestAnimationFrame(cb)
    : (cb: () => void) => setTimeout(cb, 16) as unknown as number;
  const cancel = typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id: number) => clearTimeout(id);
  const run = () => {
    scheduled = null;
    if (items.length === 0) return;
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
      run();
    },
    clear() {
      if (scheduled !== null) cancel(scheduled);
      scheduled = null;
      items = [];
    },
  };
}
