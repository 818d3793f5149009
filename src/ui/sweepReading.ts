import type { TFunction } from 'i18next';
import { endedJobs, type SweepState } from '../store/sweepSlice.ts';

export interface RowBest {
  hiddenSize: number;
  bestValAcc: number;
  /** Every p that reached bestValAcc (validation accuracy moves in steps of 1/numVal, so ties happen). */
  keepProbs: number[];
  /** Every run of the row has ended (finished, diverged or failed). */
  complete: boolean;
}

/** The best p of one hidden size among the runs measured so far; null before any. */
export function rowBest(sweep: SweepState, hiddenSize: number): RowBest | null {
  const row = sweep.jobs.filter((j) => j.hiddenSize === hiddenSize);
  const measured = row.flatMap((j) => (j.figures ? [{ keepProb: j.keepProb, bestValAcc: j.figures.bestValAcc }] : []));
  if (measured.length === 0) return null;
  const bestValAcc = Math.max(...measured.map((j) => j.bestValAcc));
  return {
    hiddenSize,
    bestValAcc,
    keepProbs: measured.filter((j) => j.bestValAcc === bestValAcc).map((j) => j.keepProb).sort((a, b) => a - b),
    complete: row.every((j) => j.status === 'finished' || j.status === 'diverged' || j.status === 'failed'),
  };
}

/** Kendall's tau between two sequences (pairs tied in either count as neither). */
function kendallTau(xs: number[], ys: number[]): number {
  let score = 0;
  let pairs = 0;
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      score += Math.sign(xs[j] - xs[i]) * Math.sign(ys[j] - ys[i]);
      pairs++;
    }
  }
  return pairs === 0 ? 0 : score / pairs;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const pText = (t: TFunction, r: RowBest) => (r.keepProbs.length === 1 ? String(r.keepProbs[0]) : t('reading.sweepTied', { p: r.keepProbs.join('/') }));

/**
 * One line on assignment question 3, from the sweep's own figures: does the best p rise as the hidden layer shrinks?
 * Only hidden sizes whose runs have all ended are read; a tie counts as the mean of the tied p values. The direction is
 * Kendall's tau between hidden size and best p: at most -0.5 reads as "smaller layers want a larger p", at least 0.5
 * as the opposite, anything between as no steady trend. Null while fewer than two sizes are complete.
 */
export function readSweep(sweep: SweepState, t: TFunction): string | null {
  const rows = [...sweep.hiddenSizes].sort((a, b) => a - b).map((h) => rowBest(sweep, h)).filter((r): r is RowBest => !!r && r.complete);
  const counts = { ended: String(endedJobs(sweep)), total: String(sweep.jobs.length) };
  const prefix = sweep.status === 'running' ? t('reading.sweepSoFar', counts) : sweep.status === 'stopped' ? t('reading.sweepStopped', counts) : '';
  if (rows.length === 0) return null;
  if (rows.length === 1) {
    if (sweep.status === 'running') return null;
    const [r] = rows;
    return t('reading.sweepOne', { prefix, start: prefix ? 'no' : 'yes', hidden: String(r.hiddenSize), p: pText(t, r) });
  }
  const reps = rows.map((r) => mean(r.keepProbs));
  const tau = kendallTau(rows.map((r) => r.hiddenSize), reps);
  const parts = rows.map((r, i) => t(i === 0 ? 'reading.sweepFirst' : 'reading.sweepNext', { p: pText(t, r), hidden: String(r.hiddenSize) }));
  const and = t('reading.sweepAnd');
  const list = parts.length === 2 ? parts.join(and) : `${parts.slice(0, -1).join(t('reading.sweepComma'))}${and}${parts.at(-1)}`;
  const key = reps.every((p) => p === reps[0])
    ? 'reading.sweepSame'
    : tau <= -0.5
      ? 'reading.sweepLarger'
      : tau >= 0.5
        ? 'reading.sweepSmaller'
        : 'reading.sweepNone';
  return t(key, { prefix, start: prefix ? 'no' : 'yes', list });
}
