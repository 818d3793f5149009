import { describe, expect, it } from 'vitest';
import { createFrameQueue, type FrameClock } from './frameQueue.ts';

/** Frames that run only when the test says so, at a time the test sets. */
function fakeFrames() {
  let time = 0;
  let nextId = 1;
  const waiting = new Map<number, () => void>();
  const clock: FrameClock = {
    now: () => time,
    requestFrame: (callback) => (waiting.set(nextId, callback), nextId++),
    cancelFrame: (id) => void waiting.delete(id),
  };
  const frame = (ms = 16) => {
    time += ms;
    const due = [...waiting.values()];
    waiting.clear();
    for (const callback of due) callback();
  };
  return { clock, frame, pending: () => waiting.size };
}

describe('the frame queue (worker messages into the store)', () => {
  it('hands over everything pushed before a frame in one batch, in order, and schedules nothing when idle', () => {
    const frames = fakeFrames();
    const batches: number[][] = [];
    const queue = createFrameQueue<number>((items) => batches.push(items), 0, frames.clock);
    expect(frames.pending()).toBe(0);
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(frames.pending()).toBe(0);
  });

  it('flushes at most once per interval: frames in between wait and keep collecting', () => {
    const frames = fakeFrames();
    const batches: number[][] = [];
    const queue = createFrameQueue<number>((items) => batches.push(items), 200, frames.clock);
    queue.push(1);
    frames.frame(16);
    expect(batches).toEqual([[1]]);
    queue.push(2);
    for (let i = 0; i < 5; i++) frames.frame(16); // 80 ms after the first flush
    queue.push(3);
    expect(batches).toEqual([[1]]);
    for (let i = 0; i < 8; i++) frames.frame(16); // 208 ms
    expect(batches).toEqual([[1], [2, 3]]);
    expect(frames.pending()).toBe(0);
  });

  it('flushNow hands over at once, ignoring the interval; clear drops what waits', () => {
    const frames = fakeFrames();
    const batches: number[][] = [];
    const queue = createFrameQueue<number>((items) => batches.push(items), 1000, frames.clock);
    queue.push(1);
    frames.frame();
    queue.push(2);
    queue.flushNow();
    expect(batches).toEqual([[1], [2]]);
    expect(frames.pending()).toBe(0);
    queue.push(3);
    queue.clear();
    frames.frame(2000);
    expect(batches).toEqual([[1], [2]]);
    queue.flushNow();
    expect(batches).toEqual([[1], [2]]);
  });
});
