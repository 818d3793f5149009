import type { TFunction } from 'i18next';
import { endedJobs, type SweepState } from '../../store/sweepSlice.ts';

export interface RowBest {
  /** The row's value of the sweep's axis (hidden size, training examples or p·n). */
  row: number;
  bestValAcc: number;
  /** Every p that reached bestValAcc (validation accuracy moves in steps of 1/numVal, so ties happen). */
  keepProbs: number[];
  /** The other p values whose best validation accuracy is within one standard error of bestValAcc: as good, as far as the data can tell. */
  withinNoise: number[];
  /** Every run of the row has ended (finished, diverged or failed). */
  complete: boolean;
}

/**
 * The standard error of an accuracy a measured on n examples, sqrt(a (1 - a) / n): about 0.014 (1.4 points) at
 * a = 0.3 and n = 1,000. Differences smaller than it are read as noise.
 */
export function accuracyStandardError(accuracy: number, n: number): number {
  const a = Math.min(1, Math.max(0, accuracy));
  return Math.sqrt((a * (1 - a)) / n);
}

/** Whether two accuracies measured on n examples differ by no more than the standard error at their mean. */
export function withinNoise(a: number, b: number, n: number): boolean {
  // A hair of slack: accuracies are ratios of counts, and 0.285 - 0.282 must not fall out by a rounding.
  return Math.abs(a - b) <= accuracyStandardError((a + b) / 2, n) + 1e-9;
}

/** The best p of one row among the runs measured so far; null before any. */
export function rowBest(sweep: SweepState, rowValue: number): RowBest | null {
  const row = sweep.jobs.filter((j) => j.row === rowValue);
  const measured = row.flatMap((j) => (j.figures ? [{ keepProb: j.keepProb, bestValAcc: j.figures.bestValAcc }] : []));
  if (measured.length === 0) return null;
  const bestValAcc = Math.max(...measured.map((j) => j.bestValAcc));
  const sorted = (ps: number[]) => ps.sort((a, b) => a - b);
  return {
    row: rowValue,
    bestValAcc,
    keepProbs: sorted(measured.filter((j) => j.bestValAcc === bestValAcc).map((j) => j.keepProb)),
    withinNoise: sorted(
      measured
        .filter((j) => j.bestValAcc !== bestValAcc && withinNoise(j.bestValAcc, bestValAcc, sweep.numVal))
        .map((j) => j.keepProb),
    ),
    complete: row.every((j) => j.status === 'finished' || j.status === 'diverged' || j.status === 'failed'),
  };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
/** The p values a row's data cannot tell apart from its best, as a range. */
const range = (r: RowBest) => {
  const ps = [...r.keepProbs, ...r.withinNoise];
  return { low: Math.min(...ps), high: Math.max(...ps) };
};
/** Whether two rows' best p differ by more than the noise: the p values each row cannot tell from its best do not overlap. */
const separated = (a: RowBest, b: RowBest) => range(a).high < range(b).low || range(b).high < range(a).low;

const pText = (t: TFunction, r: RowBest) => {
  const [p, others] = [r.keepProbs.join('/'), r.withinNoise.join('/')];
  if (r.keepProbs.length === 1) return others ? t('reading.sweepNear', { p, others }) : p;
  return others ? t('reading.sweepTiedNear', { p, others }) : t('reading.sweepTied', { p });
};

type TrendKey =
  'reading.sweepSame' | 'reading.sweepLarger' | 'reading.sweepSmaller' | 'reading.sweepNone' | 'reading.sweepNoise';

/**
 * Which way the best p goes as the row's value grows: a trend is called only when the best p moves one way from row to
 * row and the first and last rows' best p differ by more than the noise (the p values within one standard error of
 * each row's best do not overlap). Best p values that differ but never by more than the noise read as noise.
 */
function trendOf(rows: RowBest[]): TrendKey {
  const reps = rows.map((r) => mean(r.keepProbs));
  if (reps.every((p) => p === reps[0])) return 'reading.sweepSame';
  const anySeparated = rows.some((a, i) => rows.slice(i + 1).some((b) => separated(a, b)));
  if (!anySeparated) return 'reading.sweepNoise';
  const steps = reps.slice(1).map((p, i) => Math.sign(p - reps[i]));
  const [first, last] = [rows[0], rows.at(-1)!];
  if (steps.every((s) => s <= 0) && range(first).low > range(last).high) return 'reading.sweepLarger';
  if (steps.every((s) => s >= 0) && range(first).high < range(last).low) return 'reading.sweepSmaller';
  return 'reading.sweepNone';
}

/** "With 1,000 validation images, an accuracy near 0.28 has a standard error of about 1.4 points …" */
function noiseNote(rows: RowBest[], numVal: number, t: TFunction): string {
  const acc = mean(rows.map((r) => r.bestValAcc));
  return t('reading.sweepNoiseNote', {
    n: numVal,
    acc: acc.toFixed(2),
    se: (100 * accuracyStandardError(acc, numVal)).toFixed(1),
  });
}

/**
 * The sweep's own figures, read: does the best p rise as the row's value (hidden size, training examples, p·n) falls
 * (assignment question 3; the dropout paper's sections 7.3-7.4)? Only rows whose runs have all ended are read; a tie
 * counts as the mean of the tied p values, and p values within one standard error of a row's best are named as within
 * the noise. A trend is called only from differences larger than the noise (trendOf). Then the size of that noise, and
 * a sentence on the train - validation gap against p. Null while no row is complete.
 */
export function readSweep(sweep: SweepState, t: TFunction): string | null {
  const rows = [...sweep.rows]
    .sort((a, b) => a - b)
    .map((h) => rowBest(sweep, h))
    .filter((r): r is RowBest => !!r && r.complete);
  const counts = { ended: String(endedJobs(sweep)), total: String(sweep.jobs.length) };
  const prefix =
    sweep.status === 'running'
      ? t('reading.sweepSoFar', counts)
      : sweep.status === 'stopped'
        ? t('reading.sweepStopped', counts)
        : '';
  const axis = sweep.axis;
  if (rows.length === 0) return null;
  const join = (first: string, second: string | null) =>
    second ? t('reading.sweepSentences', { first, second }) : first;
  const withNotes = (text: string) => join(join(text, noiseNote(rows, sweep.numVal, t)), readGap(sweep, rows, t));
  if (rows.length === 1) {
    if (sweep.status === 'running') return null;
    const [r] = rows;
    return withNotes(
      t('reading.sweepOne', { prefix, start: prefix ? 'no' : 'yes', axis, row: String(r.row), p: pText(t, r) }),
    );
  }
  const parts = rows.map((r, i) =>
    t(i === 0 ? 'reading.sweepFirst' : 'reading.sweepNext', { p: pText(t, r), row: String(r.row), axis }),
  );
  const and = t('reading.sweepAnd');
  const list =
    parts.length === 2 ? parts.join(and) : `${parts.slice(0, -1).join(t('reading.sweepComma'))}${and}${parts.at(-1)}`;
  return withNotes(t(trendOf(rows), { prefix, start: prefix ? 'no' : 'yes', list, axis }));
}

/** The train - validation gap of a run at its end. */
const gapOf = (j: SweepState['jobs'][number]) => (j.figures ? j.figures.finalTrainAcc - j.figures.finalValAcc : NaN);

/**
 * The gap at the sweep's largest p against its smallest, row by row: larger, smaller, or within the noise (one
 * standard error of the validation accuracy). "Grows" when most rows agree and none goes the other way. Null without
 * a row that measured both ends, or with a single p.
 */
export function readGap(sweep: SweepState, rows: RowBest[], t: TFunction): string | null {
  const low = Math.min(...sweep.keepProbs);
  const high = Math.max(...sweep.keepProbs);
  if (low === high) return null;
  const changes = rows.flatMap((r) => {
    const at = (p: number) => sweep.jobs.find((j) => j.row === r.row && j.keepProb === p && j.figures);
    const [lo, hi] = [at(low), at(high)];
    if (!lo?.figures || !hi?.figures) return [];
    const change = gapOf(hi) - gapOf(lo);
    const noise = accuracyStandardError((lo.figures.finalValAcc + hi.figures.finalValAcc) / 2, sweep.numVal);
    return [Math.abs(change) <= noise ? 0 : Math.sign(change)];
  });
  if (changes.length === 0) return null;
  const grows = changes.filter((c) => c > 0).length;
  const shrinks = changes.filter((c) => c < 0).length;
  const flat = changes.length - grows - shrinks;
  const trend =
    flat === changes.length
      ? 'noise'
      : grows * 2 > changes.length && shrinks === 0
        ? 'grows'
        : shrinks * 2 > changes.length && grows === 0
          ? 'shrinks'
          : 'mixed';
  return t('reading.sweepGap', {
    trend,
    rows: changes.length,
    grows,
    shrinks,
    flat,
    low: String(low),
    high: String(high),
  });
}
