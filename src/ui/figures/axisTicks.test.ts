import { describe, expect, it } from 'vitest';
import { FULL_ACCURACY_AXIS, endTicks, fitAxis, shareTick, valueTick } from './axisTicks.ts';

describe('axis ticks', () => {
  it('write evenly spaced ticks evenly: 0.225, 0.25, 0.275 (not 0.23, 0.25, 0.28), without floating-point noise', () => {
    expect([0.225, 0.25, 0.275, 0.1 + 0.2, 1, 2.5].map(valueTick)).toEqual([
      '0.225',
      '0.25',
      '0.275',
      '0.3',
      '1',
      '2.5',
    ]);
  });

  it('write shares as exactly as their ticks: 3.5%, 7%, 10.5% (not 4%, 7%, 11%)', () => {
    expect([0, 0.035, 0.07, 0.105, 0.14, 1].map(shareTick)).toEqual(['0%', '3.5%', '7%', '10.5%', '14%', '100%']);
  });

  it('fit validation accuracies of 0.19-0.31 with room and even ticks, so 0.275 and 0.310 lie far apart', () => {
    const fit = fitAxis([0.19, 0.24, 0.275, 0.31]);
    expect(fit.domain[0]).toBeLessThan(0.19);
    expect(fit.domain[1]).toBeGreaterThan(0.31);
    expect(fit.domain[1] - fit.domain[0]).toBeLessThanOrEqual(0.2);
    const steps = fit.ticks.slice(1).map((t, i) => Number((t - fit.ticks[i]).toFixed(6)));
    expect(new Set(steps).size).toBe(1);
    expect(fit.ticks.length).toBeLessThanOrEqual(7);
    expect(fit.ticks[0]).toBe(fit.domain[0]);
    expect(fit.ticks.at(-1)).toBe(fit.domain[1]);
    // The gain is at least a sixth of the chart's height (on 0-1 it was 3.5%).
    expect((0.31 - 0.275) / (fit.domain[1] - fit.domain[0])).toBeGreaterThan(1 / 6);
  });

  it('stay inside 0-1 for accuracy, and show 0 when asked (the gap)', () => {
    expect(fitAxis([0.95, 0.99, 1]).domain[1]).toBe(1);
    expect(fitAxis([0, 0.02]).domain[0]).toBe(0);
    const gap = fitAxis([0.3, 0.6, 0.71], [-1, 1], [0]);
    expect(gap.domain[0]).toBe(0);
    expect(gap.domain[1]).toBeGreaterThanOrEqual(0.71);
    expect(gap.ticks.length).toBeLessThanOrEqual(7);
    expect(fitAxis([-0.05, 0.02], [-1, 1], [0]).domain[0]).toBeLessThan(-0.05);
  });

  it('with nothing to show (or one value), still a range with room and even ticks', () => {
    expect(fitAxis([])).toEqual(FULL_ACCURACY_AXIS);
    expect(FULL_ACCURACY_AXIS.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const one = fitAxis([0.3, NaN]);
    expect(one.domain[0]).toBeLessThan(0.3);
    expect(one.domain[1]).toBeGreaterThan(0.3);
  });

  it('for a histogram of any numbers: even steps and its last edge, none crowding it ("6 6.7")', () => {
    expect(endTicks(0, 6.7, 5, 0)).toEqual([0, 2, 4, 6.7]);
    expect(endTicks(0, 19.46, 5, 0)).toEqual([0, 5, 10, 15, 19.46]);
    expect(endTicks(0, 1, 5, 0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(endTicks(0, 0.85, 5, 0)).toEqual([0, 0.25, 0.5, 0.85]);
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
