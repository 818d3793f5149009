import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../store/settingsSchema.ts';
import { newSweep, sweepFinished, sweepJobEnded, sweepJobStarted, sweepStopped, type SweepState } from '../store/sweepSlice.ts';
import type { ConfigSummary } from '../worker/trainProtocol.ts';
import { createI18n } from './i18n/i18n.ts';
import { readSweep as readSweepIn, rowBest } from './sweepReading.ts';

const english = createI18n('en');
const readSweep = (sweep: Parameters<typeof readSweepIn>[0]) => readSweepIn(sweep, english.t);

const summary = (bestValAcc: number): ConfigSummary => ({
  outcome: 'finished', iterations: 125, finalTrainAcc: 1, finalValAcc: bestValAcc, bestValAcc, bestEpoch: 20, elapsedMs: 1, message: null,
});

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

describe('the reading of a sweep (assignment question 3)', () => {
  it('the default sweep as measured on the built-in MNIST (seed 231): smaller layers want a larger p', () => {
    const s = sweepOf(P, {
      50: [0.824, 0.871, 0.873, 0.876, 0.88, 0.886, 0.89, 0.885, 0.885, 0.886],
      100: [0.857, 0.882, 0.885, 0.885, 0.888, 0.896, 0.89, 0.89, 0.889, 0.872],
      200: [0.884, 0.884, 0.884, 0.878, 0.884, 0.882, 0.879, 0.875, 0.874, 0.869],
      500: [0.885, 0.892, 0.882, 0.888, 0.884, 0.877, 0.873, 0.873, 0.87, 0.854],
    });
    expect(s.status).toBe('done');
    expect(readSweep(s)).toBe(
      'Smaller layers want a larger p: the best p is 0.7 at 50 hidden units, 0.6 at 100, 0.1/0.2/0.3/0.5 (tied) at 200 and 0.2 at 500. Within the rows, the train − val gap shows no steady trend with p (mean Kendall tau 0.11 over 4 rows).',
    );
    expect(rowBest(s, 200)).toEqual({ row: 200, bestValAcc: 0.884, keepProbs: [0.1, 0.2, 0.3, 0.5], complete: true });
  });

  it('reads the opposite direction when the best p grows with the layer', () => {
    const s = sweepOf([0.25, 0.5, 1], { 10: [0.9, 0.8, 0.7], 20: [0.7, 0.9, 0.8], 40: [0.7, 0.8, 0.9] });
    expect(readSweep(s)).toBe('Smaller layers want a smaller p here, not a larger one: the best p is 0.25 at 10 hidden units, 0.5 at 20 and 1 at 40. Within the rows, the train − val gap shows no steady trend with p (mean Kendall tau -0.11 over 3 rows).');
  });

  it('says when there is no steady trend, and when every size has the same best p', () => {
    const zigzag = sweepOf([0.5, 1], { 10: [0.9, 0.8], 20: [0.8, 0.9], 40: [0.9, 0.8], 80: [0.8, 0.9] });
    expect(readSweep(zigzag)).toBe('There is no steady trend between layer size and the best p: it is 0.5 at 10 hidden units, 1 at 20, 0.5 at 40 and 1 at 80. Within the rows, the train − val gap shows no steady trend with p (mean Kendall tau 0.00 over 4 rows).');
    const flat = sweepOf([0.5, 1], { 10: [0.9, 0.8], 20: [0.95, 0.8] });
    expect(readSweep(flat)).toBe('The best p does not change with layer size: 0.5 at 10 hidden units and 0.5 at 20. Within the rows, the train − val gap grows with p (less dropout, more overfitting; mean Kendall tau 1.00 over 2 rows).');
  });

  it('while running, reads only the hidden sizes whose runs have all ended, and says how far it is', () => {
    const s = sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, 0.8], 40: [0.95, null] });
    expect(s.status).toBe('running');
    expect(readSweep(s)).toBe('So far (5 of 6 runs): smaller layers want a larger p: the best p is 1 at 10 hidden units and 0.5 at 20. Within the rows, the train − val gap shows no steady trend with p (mean Kendall tau 0.00 over 2 rows).');
    // The unfinished row has a best so far, but it is not complete.
    expect(rowBest(s, 40)).toEqual({ row: 40, bestValAcc: 0.95, keepProbs: [0.5], complete: false });
  });

  it('is null while fewer than two hidden sizes are complete and the sweep is running', () => {
    expect(readSweep(sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, null] }))).toBeNull();
    expect(readSweep(sweepOf([0.5, 1], { 10: [null, null], 20: [null, null] }))).toBeNull();
  });

  it('after Stop it reads what was complete and says where it stopped', () => {
    const stopped = sweepStopped(sweepOf([0.5, 1], { 10: [0.7, 0.9], 20: [0.9, null] }), 2);
    expect(readSweep(stopped)).toBe('Stopped after 3 of 4 runs: with one complete row there is no trend to read; at 10 hidden units the best p is 1. Within the rows, the train − val gap shrinks as p grows, unlike the usual picture (mean Kendall tau -1.00 over 1 row).');
    expect(rowBest(stopped, 20)).toMatchObject({ keepProbs: [0.5], complete: false });
  });

  it('failed runs count as ended but not as measured', () => {
    let s = sweepOf([0.5, 1], { 10: [0.7, null], 20: [0.9, 0.8] });
    s = sweepFinished(sweepJobEnded(s, 'h10-p1', { kind: 'failed', message: 'boom' }), 3);
    expect(s.status).toBe('done');
    expect(rowBest(s, 10)).toEqual({ row: 10, bestValAcc: 0.7, keepProbs: [0.5], complete: true });
    expect(readSweep(s)).toBe('The best p does not change with layer size: 0.5 at 10 hidden units and 0.5 at 20. Within the rows, the train − val gap grows with p (less dropout, more overfitting; mean Kendall tau 1.00 over 1 row).');
  });
});
