import { describe, expect, it } from 'vitest';
import { createRedrawScheduler, type Timers } from './redrawScheduler.ts';

/** A clock that moves only when the test advances it. */
function fakeTimers() {
  let time = 0;
  const due: { at: number; callback: () => void }[] = [];
  const timers: Timers = { setTimeout: (callback, ms) => due.push({ at: time + ms, callback }) };
  const advance = (ms: number) => {
    const until = time + ms;
    for (;;) {
      due.sort((a, b) => a.at - b.at);
      if (!due.length || due[0].at > until) break;
      const next = due.shift()!;
      time = next.at;
      next.callback();
    }
    time = until;
  };
  return { timers, advance, now: () => time, waiting: () => due.length };
}

describe('the redraw scheduler (charts take turns)', () => {
  it('runs one redraw per task, gapMs apart, in the order queued', () => {
    const clock = fakeTimers();
    const scheduler = createRedrawScheduler(40, clock.timers);
    const drawn: [string, number][] = [];
    for (const chart of ['train', 'val', 'gap']) scheduler.queue(() => drawn.push([chart, clock.now()]));
    expect(drawn).toEqual([]);
    clock.advance(0);
    expect(drawn).toEqual([['train', 0]]);
    clock.advance(100);
    expect(drawn).toEqual([
      ['train', 0],
      ['val', 40],
      ['gap', 80],
    ]);
    clock.advance(1000);
    expect(clock.waiting()).toBe(0);
  });

  it('a redraw queued while others wait joins the line; one queued after the line emptied starts at once', () => {
    const clock = fakeTimers();
    const scheduler = createRedrawScheduler(40, clock.timers);
    const drawn: [string, number][] = [];
    scheduler.queue(() => {
      drawn.push(['a', clock.now()]);
      scheduler.queue(() => drawn.push(['c', clock.now()]));
    });
    scheduler.queue(() => drawn.push(['b', clock.now()]));
    clock.advance(500);
    expect(drawn).toEqual([
      ['a', 0],
      ['b', 40],
      ['c', 80],
    ]);
    scheduler.queue(() => drawn.push(['d', clock.now()]));
    clock.advance(0);
    expect(drawn.at(-1)).toEqual(['d', 500]);
  });

  it('two schedulers (two panels, two stores) do not share a line', () => {
    const clock = fakeTimers();
    const first = createRedrawScheduler(40, clock.timers);
    const second = createRedrawScheduler(40, clock.timers);
    const drawn: string[] = [];
    first.queue(() => drawn.push('first-1'));
    first.queue(() => drawn.push('first-2'));
    second.queue(() => drawn.push('second-1'));
    clock.advance(0);
    expect(drawn).toEqual(['first-1', 'second-1']);
  });
});
