import { message, type Message } from '../core/message.ts';
import type { SweepJob } from '../worker/sweepScheduler.ts';
import { settingProblem } from './settingsSchema.ts';

/**
 * The grid of a sweep: keep probabilities x one other axis, typed as comma-separated lists. The axes: hidden size
 * (assignment question 3), training examples (the dropout paper's section 7.4, Fig. 10) and "fixed p·n" (section 7.3,
 * Fig. 9), where each p gets the hidden size n = round(p·n / p), so the expected number of kept units stays the same.
 */

export const SWEEP_AXES = ['hiddenSize', 'numTrain', 'fixedPn'] as const;
export type SweepAxis = (typeof SWEEP_AXES)[number];
export type SweepList = 'keepProbs' | 'hiddenSizes' | 'trainSizes' | 'keptUnits';
export const SWEEP_LISTS = [
  'keepProbs',
  'hiddenSizes',
  'trainSizes',
  'keptUnits',
] as const satisfies readonly SweepList[];
/** The list each axis reads its rows from. */
export const AXIS_LIST = {
  hiddenSize: 'hiddenSizes',
  numTrain: 'trainSizes',
  fixedPn: 'keptUnits',
} as const satisfies Record<SweepAxis, SweepList>;

export const DEFAULT_SWEEP_KEEP_PROBS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
export const DEFAULT_SWEEP_HIDDEN_SIZES = [50, 100, 200, 500];
export const DEFAULT_SWEEP_TRAIN_SIZES = [100, 250, 500, 1000];
export const DEFAULT_SWEEP_KEPT_UNITS = [50, 125];
export const DEFAULT_SWEEP_LISTS: Record<SweepList, number[]> = {
  keepProbs: DEFAULT_SWEEP_KEEP_PROBS,
  hiddenSizes: DEFAULT_SWEEP_HIDDEN_SIZES,
  trainSizes: DEFAULT_SWEEP_TRAIN_SIZES,
  keptUnits: DEFAULT_SWEEP_KEPT_UNITS,
};
/** Each run is a full training run; more than this is hours of work on a laptop. */
export const MAX_SWEEP_RUNS = 200;

const LIST_LABEL: Record<SweepList, string> = {
  keepProbs: 'Keep probabilities',
  hiddenSizes: 'Hidden sizes',
  trainSizes: 'Training examples',
  keptUnits: 'Kept units (p·n)',
};
/** The setting each value of a list must be valid as (kept units are a number of units, as hidden sizes are). */
const SETTING_OF: Record<SweepList, 'keepProb' | 'hiddenSize' | 'numTrain'> = {
  keepProbs: 'keepProb',
  hiddenSizes: 'hiddenSize',
  trainSizes: 'numTrain',
  keptUnits: 'hiddenSize',
};
/** Plain decimals ("0.25", ".5", "200", "1e-1", "-3": a number, refused by its range); not hex, not Infinity. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export type ParsedList = { values: number[]; problem: null } | { values: null; problem: Message };

/**
 * "0.1, 0.2, 0.5" → [0.1, 0.2, 0.5]: each value checked against the setting it stands for (keepProb, hiddenSize),
 * duplicates dropped, sorted ascending. A problem names the list and the value.
 */
export function parseSweepList(list: SweepList, text: string): ParsedList {
  const label = LIST_LABEL[list];
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    return {
      values: null,
      problem: message('listEmpty', { list }, `${label}: enter at least one value, separated by commas`),
    };
  const values: number[] = [];
  for (const item of items) {
    if (!DECIMAL.test(item))
      return { values: null, problem: message('listNotNumber', { list, item }, `${label}: "${item}" is not a number`) };
    const value = Number(item);
    const problem = settingProblem(SETTING_OF[list], value);
    if (problem)
      return {
        values: null,
        problem: message(
          'listNotAllowed',
          {
            list,
            item,
            problemCode: problem.code,
            setting: SETTING_OF[list],
            min: problem.params.min ?? '',
            max: problem.params.max ?? '',
          },
          `${label}: ${item} is not allowed (${problem.text})`,
        ),
      };
    values.push(value);
  }
  return { values: [...new Set(values)].sort((a, b) => a - b), problem: null };
}

export function formatSweepList(values: number[]): string {
  return values.join(', ');
}

/** A problem with the grid as a whole, or null. */
export function sweepGridProblem(keepProbs: number[], rows: number[]): Message | null {
  const runs = keepProbs.length * rows.length;
  if (runs > MAX_SWEEP_RUNS) {
    return message(
      'sweepTooLarge',
      {
        max: String(MAX_SWEEP_RUNS),
        keepProbs: String(keepProbs.length),
        rows: String(rows.length),
        runs: String(runs),
      },
      `A sweep is at most ${MAX_SWEEP_RUNS} runs; this grid makes ${runs} (${keepProbs.length} x ${rows.length})`,
    );
  }
  return null;
}

/** Fixed p·n: the hidden size whose expected number of kept units at keep probability p is keptUnits (at least 1). */
export function fixedPnHiddenSize(keptUnits: number, keepProb: number): number {
  return Math.max(1, Math.round(keptUnits / keepProb));
}

const JOB_PREFIX: Record<SweepAxis, string> = { hiddenSize: 'h', numTrain: 'n', fixedPn: 'pn' };

/** One run of a sweep: what it trains with, and the row it belongs to (a value of the axis). */
export interface SweepCellJob extends SweepJob {
  row: number;
}

/** The jobs of a grid, row-major: each row value, then each keep probability. The axis decides what a row changes. Pure. */
export function sweepGridJobs(
  axis: SweepAxis,
  keepProbs: number[],
  rows: number[],
  base: { hiddenSize: number; numTrain: number },
): SweepCellJob[] {
  return rows.flatMap((row) =>
    keepProbs.map((keepProb) => ({
      jobId: `${JOB_PREFIX[axis]}${row}-p${keepProb}`,
      row,
      keepProb,
      hiddenSize: axis === 'hiddenSize' ? row : axis === 'fixedPn' ? fixedPnHiddenSize(row, keepProb) : base.hiddenSize,
      numTrain: axis === 'numTrain' ? row : base.numTrain,
    })),
  );
}
