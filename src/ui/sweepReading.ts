import type { TFunction } from 'i18next';
import { endedJobs, type SweepState } from '../store/sweepSlice.ts';

export interface RowBest {
  /** The row's value of the sweep's axis (hidden size, training examples or p·n). */
  row: number;
  bestValAcc: number;
  /** Every p that reached bestValAcc (validation accuracy moves in steps of 1/numVal, so ties happen). */
  keepProbs: number[];
  /** Every run of the row has ended (finished, diverged or failed). */
  complete: boolean;
}

/** The best p of one row among the runs measured so far; null before any. */
export function rowBest(sweep: SweepState, rowValue: number): RowBest | null {
  const row = sweep.jobs.filter((j) => j.row === rowValue);
  const measured = row.flatMap((j) => (j.figures ? [{ keepProb: j.keepProb, bestValAcc: j.figures.bestValAcc }] : []));
  if (measured.length === 0) return null;
  const bestValAcc = Math.max(...measured.map((j) => j.bestValAcc));
  return {
    row: rowValue,
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
 * The sweep's own figures, read: does the best p rise as the row's value (hidden size, training examples, p·n) falls
 * (assignment question 3; the dropout paper's sections 7.3-7.4)? Only rows whose runs have all ended are read; a tie
 * counts as the mean of the tied p values. The direction is Kendall's tau between the row value and the best p: at most
 * -0.5 reads as "smaller rows want a larger p", at least 0.5 as the opposite, anything between as no steady trend. A
 * second sentence reads the train - validation gap against p within the rows. Null while no row is complete.
 */
export function readSweep(sweep: SweepState, t: TFunction): string | null {
  const rows = [...sweep.rows].sort((a, b) => a - b).map((h) => rowBest(sweep, h)).filter((r): r is RowBest => !!r && r.complete);
  const counts = { ended: String(endedJobs(sweep)), total: String(sweep.jobs.length) };
  const prefix = sweep.status === 'running' ? t('reading.sweepSoFar', counts) : sweep.status === 'stopped' ? t('reading.sweepStopped', counts) : '';
  const axis = sweep.axis;
  if (rows.length === 0) return null;
  const gap = readGap(sweep, rows, t);
  const withGap = (text: string) => (gap ? `${text} ${gap}` : text);
  if (rows.length === 1) {
    if (sweep.status === 'running') return null;
    const [r] = rows;
    return withGap(t('reading.sweepOne', { prefix, start: prefix ? 'no' : 'yes', axis, row: String(r.row), p: pText(t, r) }));
  }
  const reps = rows.map((r) => mean(r.keepProbs));
  const tau = kendallTau(rows.map((r) => r.row), reps);
  const parts = rows.map((r, i) => t(i === 0 ? 'reading.sweepFirst' : 'reading.sweepNext', { p: pText(t, r), row: String(r.row), axis }));
  const and = t('reading.sweepAnd');
  const list = parts.length === 2 ? parts.join(and) : `${parts.slice(0, -1).join(t('reading.sweepComma'))}${and}${parts.at(-1)}`;
  const key = reps.every((p) => p === reps[0])
    ? 'reading.sweepSame'
    : tau <= -0.5
      ? 'reading.sweepLarger'
      : tau >= 0.5
        ? 'reading.sweepSmaller'
        : 'reading.sweepNone';
  return withGap(t(key, { prefix, start: prefix ? 'no' : 'yes', list, axis }));
}

/** The train - validation gap of a run at its end. */
const gapOf = (j: SweepState['jobs'][number]) => (j.figures ? j.figures.finalTrainAcc - j.figures.finalValAcc : NaN);

/**
 * Within each complete row, Kendall's tau between p and the final train - validation gap; their mean at least 0.5
 * reads as "the gap grows with p" (less dropout, more overfitting), at most -0.5 as the opposite. Null without a row
 * of two measured runs.
 */
export function readGap(sweep: SweepState, rows: RowBest[], t: TFunction): string | null {
  const taus = rows.flatMap((r) => {
    const measured = sweep.jobs.filter((j) => j.row === r.row && j.figures);
    return measured.length < 2 ? [] : [kendallTau(measured.map((j) => j.keepProb), measured.map(gapOf))];
  });
  if (taus.length === 0) return null;
  const m = mean(taus);
  const trend = m >= 0.5 ? 'grows' : m <= -0.5 ? 'shrinks' : 'none';
  return t('reading.sweepGap', { trend, rows: taus.length, tau: m.toFixed(2) });
}
