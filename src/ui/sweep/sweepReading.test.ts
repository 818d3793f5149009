import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../store/settingsSchema.ts';
import type { SweepState } from '../../store/savedRecords.ts';
import { newSweep, sweepFinished, sweepJobEnded, sweepJobStarted, sweepStopped } from '../../store/sweepState.ts';
import type { ConfigSummary } from '../../worker/trainProtocol.ts';
import { createI18n } from '../i18n/i18n.ts';
import { accuracyStandardError, readSweep as readSweepIn, rowBest, withinNoise } from './sweepReading.ts';

const english = createI18n('en');
const chinese = createI18n('zh-CN');
const readSweep = (sweep: Parameters<typeof readSweepIn>[0]) => readSweepIn(sweep, english.t);

const summary = (bestValAcc: number): ConfigSummary => ({
  outcome: 'finished',
  iterations: 125,
  finalTrainAcc: 1,
  finalValAcc: bestValAcc,
  bestValAcc,
  bestEpoch: 20,
  elapsedMs: 1,
  message: null,
});
/** What every reading of a sweep whose best accuracies average near 0.90 ends its first part with. */
const NOISE_90 =
  'With 1,000 validation images, an accuracy near 0.90 has a standard error of about 0.9 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell.';

/** A sweep whose rows (hidden sizes) have these best validation accuracies, one per p; null leaves a run unfinished. */
function sweepOf(keepProbs: number[], rows: Record<number, (number | null)[]>, end = true): SweepState {
  const hiddenSizes = Object.keys(rows).map(Number);
  let s = newSweep('s', defaultSettings(), 'MNIST', { axis: 'hiddenSize', keepProbs, rows: hiddenSizes }, 2, 0);
  for (const h of hiddenSizes) {
    rows[h].forEach((acc, i) => {
      const jobId = `h${h}-p${keepProbs[i]}`;
      s = sweepJobStarted(s, jobId);
      if (acc !== null) s = sweepJobEnded(s, jobId, { kind: 'finished', summary: summary(acc) });
    });
  }
  return end && s.jobs.every((j) => j.status === 'finished') ? sweepFinished(s, 1) : s;
}

const P = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

describe('the noise of an accuracy measured on n validation images', () => {
  it('is sqrt(a(1 - a)/n): about 1.4 points at a = 0.3 and n = 1,000, and shrinks with more images', () => {
    expect(accuracyStandardError(0.3, 1000)).toBeCloseTo(0.01449, 5);
    expect(accuracyStandardError(0.3, 10_000)).toBeCloseTo(0.00458, 5);
    expect(accuracyStandardError(1, 1000)).toBe(0);
    expect(withinNoise(0.285, 0.282, 1000)).toBe(true);
    expect(withinNoise(0.31, 0.275, 1000)).toBe(false);
    expect(withinNoise(0.285, 0.282, 1_000_000)).toBe(false);
  });
});

describe('the reading of a sweep (assignment question 3)', () => {
  it('the 2 x 2 sweep of issue 27: 0.285 against 0.282 calls no trend, and says the difference is within the noise', () => {
    const s = sweepOf([0.25, 1], { 50: [0.282, 0.285], 500: [0.3, 0.29] });
    const reading = readSweep(s)!;
    expect(reading).toBe(
      'The best p differs between layer sizes by no more than the noise, so this sweep shows no trend: the best p is 1 (0.25 within noise) at 50 hidden units and 0.25 (1 within noise) at 500. ' +
        'With 1,000 validation images, an accuracy near 0.29 has a standard error of about 1.4 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell. ' +
        'The train − val gap at p = 1 differs from that at p = 0.25 by no more than the noise in both rows.',
    );
    expect(reading).not.toMatch(/want a larger p|Kendall|tau/);
    expect(rowBest(s, 50)).toEqual({ row: 50, bestValAcc: 0.285, keepProbs: [1], withinNoise: [0.25], complete: true });
    expect(readSweepIn(s, chinese.t)).toContain('所以这次扫描看不出趋势');
  });

  it('the same best p values measured on 100,000 images are beyond the noise, and read as a trend', () => {
    const s = { ...sweepOf([0.25, 1], { 50: [0.282, 0.285], 500: [0.3, 0.29] }), numVal: 100_000 };
    expect(readSweep(s)).toMatch(
      /^Smaller layers want a larger p: the best p is 1 at 50 hidden units and 0.25 at 500\. With 100,000 validation images, an accuracy near 0.29 has a standard error of about 0.1 points/,
    );
  });

  it('the default sweep as measured on the built-in MNIST (seed 231): its best p values are all within the noise of each other', () => {
    const s = sweepOf(P, {
      50: [0.824, 0.871, 0.873, 0.876, 0.88, 0.886, 0.89, 0.885, 0.885, 0.886],
      100: [0.857, 0.882, 0.885, 0.885, 0.888, 0.896, 0.89, 0.89, 0.889, 0.872],
      200: [0.884, 0.884, 0.884, 0.878, 0.884, 0.882, 0.879, 0.875, 0.874, 0.869],
      500: [0.885, 0.892, 0.882, 0.888, 0.884, 0.877, 0.873, 0.873, 0.87, 0.854],
    });
    expect(s.status).toBe('done');
    expect(readSweep(s)).toBe(
      'The best p differs between layer sizes by no more than the noise, so this sweep shows no trend: the best p is 0.7 (0.5/0.6/0.8/0.9/1 within noise) at 50 hidden units, 0.6 (0.5/0.7/0.8/0.9 within noise) at 100, 0.1/0.2/0.3/0.5 (tied; 0.4/0.6/0.7/0.8/0.9 within noise) at 200 and 0.2 (0.1/0.3/0.4/0.5 within noise) at 500. ' +
        'With 1,000 validation images, an accuracy near 0.89 has a standard error of about 1.0 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell. ' +
        'The train − val gap shows no steady change between p = 0.1 and p = 1: larger at p = 1 in 2, smaller in 2 and within the noise in 0 of 4 rows.',
    );
    expect(rowBest(s, 200)).toEqual({
      row: 200,
      bestValAcc: 0.884,
      keepProbs: [0.1, 0.2, 0.3, 0.5],
      withinNoise: [0.4, 0.6, 0.7, 0.8, 0.9],
      complete: true,
    });
  });

  it('reads a trend when the best p moves one way and the ends differ by more than the noise', () => {
    const larger = sweepOf([0.25, 0.5, 1], { 10: [0.7, 0.8, 0.9], 20: [0.7, 0.9, 0.8], 40: [0.9, 0.8, 0.7] });
    expect(readSweep(larger)).toBe(
      `Smaller layers want a larger p: the best p is 1 at 10 hidden units, 0.5 at 20 and 0.25 at 40. ${NOISE_90} The train − val gap shows no steady change between p = 0.25 and p = 1: larger at p = 1 in 1, smaller in 2 and within the noise in 0 of 3 rows.`,
    );
    const smaller = sweepOf([0.25, 0.5, 1], { 10: [0.9, 0.8, 0.7], 20: [0.7, 0.9, 0.8], 40: [0.7, 0.8, 0.9] });
    expect(readSweep(smaller)).toMatch(
      /^Smaller layers want a smaller p here, not a larger one: the best p is 0.25 at 10 hidden units, 0.5 at 20 and 1 at 40\./,
    );
  });

  it('a step inside the noise does not make a trend: the ends must be told apart', () => {
    // 0.9 against 0.895 at 40 units: p = 0.5 is within the noise of p = 1 there, and p = 0.5 is the best at 10.
    const s = sweepOf([0.25, 0.5, 1], { 10: [0.7, 0.9, 0.8], 40: [0.7, 0.895, 0.9] });
    expect(readSweep(s)).toMatch(
      /^The best p differs between layer sizes by no more than the noise, so this sweep shows no trend: the best p is 0.5 at 10 hidden units and 1 \(0.5 within noise\) at 40\./,
    );
  });

  it('says when there is no steady trend, and when every size has the same best p', () => {
    const zigzag = sweepOf([0.5, 1], { 10: [0.9, 0.8], 20: [0.8, 0.9], 40: [0.9, 0.8], 80: [0.8, 0.9] });
    expect(readSweep(zigzag)).toBe(
      `There is no steady trend between layer size and the best p: it is 0.5 at 10 hidden units, 1 at 20, 0.5 at 40 and 1 at 80. ${NOISE_90} The train − val gap shows no steady change between p = 0.5 and p = 1: larger at p = 1 in 2, smaller in 2 and within the noise in 0 of 4 rows.`,
    );
    const flat = sweepOf([0.5, 1], { 10: [0.9, 0.8], 20: [0.95, 0.8] });
    expect(readSweep(flat)).toBe(
      'The best p does not change with layer size: 0.5 at 10 hidden units and 0.5 at 20. With 1,000 validation images, an accuracy near 0.93 has a standard error of about 0.8 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell. Less dropout, more overfitting: the train − val gap is larger at p = 1 than at p = 0.5 in 2 of 2 rows.',
    );
  });

  it('while running, reads only the hidden sizes whose runs have all ended, and says how far it is', () => {
    const s = sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, 0.8], 40: [0.95, null] });
    expect(s.status).toBe('running');
    expect(readSweep(s)).toBe(
      `So far (5 of 6 runs): smaller layers want a larger p: the best p is 1 at 10 hidden units and 0.5 at 20. ${NOISE_90} The train − val gap shows no steady change between p = 0.5 and p = 1: larger at p = 1 in 1, smaller in 1 and within the noise in 0 of 2 rows.`,
    );
    // The unfinished row has a best so far, but it is not complete.
    expect(rowBest(s, 40)).toEqual({ row: 40, bestValAcc: 0.95, keepProbs: [0.5], withinNoise: [], complete: false });
  });

  it('is null while fewer than two hidden sizes are complete and the sweep is running', () => {
    expect(readSweep(sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, null] }))).toBeNull();
    expect(readSweep(sweepOf([0.5, 1], { 10: [null, null], 20: [null, null] }))).toBeNull();
  });

  it('after Stop it reads what was complete and says where it stopped', () => {
    const stopped = sweepStopped(sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, null] }), 2);
    expect(readSweep(stopped)).toBe(
      'Stopped after 3 of 4 runs: with one complete row there is no trend to read; at 10 hidden units the best p is 1. With 1,000 validation images, an accuracy near 0.90 has a standard error of about 0.9 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell. Unlike the usual picture, the train − val gap is smaller at p = 1 than at p = 0.5 in 1 of 1 row.',
    );
    expect(rowBest(stopped, 20)).toMatchObject({ keepProbs: [0.5], complete: false });
  });

  it('failed runs count as ended but not as measured', () => {
    let s = sweepOf([0.5, 1], { 10: [0.7, null], 20: [0.9, 0.8] });
    s = sweepFinished(sweepJobEnded(s, 'h10-p1', { kind: 'failed', message: 'boom' }), 3);
    expect(s.status).toBe('done');
    expect(rowBest(s, 10)).toEqual({ row: 10, bestValAcc: 0.7, keepProbs: [0.5], withinNoise: [], complete: true });
    expect(readSweep(s)).toBe(
      'The best p does not change with layer size: 0.5 at 10 hidden units and 0.5 at 20. With 1,000 validation images, an accuracy near 0.80 has a standard error of about 1.3 points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell. Less dropout, more overfitting: the train − val gap is larger at p = 1 than at p = 0.5 in 1 of 1 row.',
    );
  });

  it('the Chinese reading joins its sentences without spaces', () => {
    const s = sweepOf([0.5, 1], { 10: [0.9, 0.8], 20: [0.95, 0.8] });
    const reading = readSweepIn(s, chinese.t)!;
    expect(reading).not.toMatch(/。 /);
    expect(reading).toContain('标准误差约为 0.8 个百分点');
  });
});
