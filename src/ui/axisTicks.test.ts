import { describe, expect, it } from 'vitest';
import { endTicks, shareTick, valueTick } from './axisTicks.ts';

describe('axis ticks', () => {
  it('write evenly spaced ticks evenly: 0.225, 0.25, 0.275 (not 0.23, 0.25, 0.28), without floating-point noise', () => {
    expect([0.225, 0.25, 0.275, 0.1 + 0.2, 1, 2.5].map(valueTick)).toEqual(['0.225', '0.25', '0.275', '0.3', '1', '2.5']);
  });

  it('write shares as exactly as their ticks: 3.5%, 7%, 10.5% (not 4%, 7%, 11%)', () => {
    expect([0, 0.035, 0.07, 0.105, 0.14, 1].map(shareTick)).toEqual(['0%', '3.5%', '7%', '10.5%', '14%', '100%']);
  });

  it('for epochs and iterations: even steps and the end, no even tick crowding the end ("12 13", "450 540")', () => {
    expect(endTicks(0, 13)).toEqual([0, 5, 10, 13]);
    expect(endTicks(0, 12)).toEqual([0, 5, 12]);
    expect(endTicks(0, 25)).toEqual([0, 10, 20, 25]);
    expect(endTicks(1, 540)).toEqual([1, 200, 400, 540]);
    expect(endTicks(1, 125)).toEqual([1, 50, 100, 125]);
    expect(endTicks(0, 1)).toEqual([0, 1]);
    expect(endTicks(0, 2)).toEqual([0, 1, 2]);
    expect(endTicks(3, 3)).toEqual([3]);
    // Every gap at least half a step: the end never sits on top of the tick before it.
    for (let max = 2; max <= 2000; max += 7) {
      const ticks = endTicks(0, max);
      const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
      expect(Math.min(...gaps), `0..${max}: ${ticks.join(' ')}`).toBeGreaterThanOrEqual(Math.max(...gaps) / 2);
    }
  });
});
