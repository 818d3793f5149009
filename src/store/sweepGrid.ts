import { message, type Message } from '../core/message.ts';
import { settingProblem } from './settingsSchema.ts';

/** The grid of a sweep (assignment question 3): keep probabilities x hidden sizes, typed as comma-separated lists. */

export type SweepList = 'keepProbs' | 'hiddenSizes';

export const DEFAULT_SWEEP_KEEP_PROBS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
export const DEFAULT_SWEEP_HIDDEN_SIZES = [50, 100, 200, 500];
/** Each run is a full training run; more than this is hours of work on a laptop. */
export const MAX_SWEEP_RUNS = 200;

const LIST_LABEL: Record<SweepList, string> = { keepProbs: 'Keep probabilities', hiddenSizes: 'Hidden sizes' };
const SETTING_OF: Record<SweepList, 'keepProb' | 'hiddenSize'> = { keepProbs: 'keepProb', hiddenSizes: 'hiddenSize' };
/** Plain decimals ("0.25", ".5", "200", "1e-1"); not hex, not Infinity. */
const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export type ParsedList = { values: number[]; problem: null } | { values: null; problem: Message };

/**
 * "0.1, 0.2, 0.5" → [0.1, 0.2, 0.5]: each value checked against the setting it stands for (keepProb, hiddenSize),
 * duplicates dropped, sorted ascending. A problem names the list and the value.
 */
export function parseSweepList(list: SweepList, text: string): ParsedList {
  const label = LIST_LABEL[list];
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) return { values: null, problem: message('listEmpty', { list }, `${label}: enter at least one value, separated by commas`) };
  const values: number[] = [];
  for (const item of items) {
    if (!DECIMAL.test(item)) return { values: null, problem: message('listNotNumber', { list, item }, `${label}: "${item}" is not a number`) };
    const value = Number(item);
    const problem = settingProblem(SETTING_OF[list], value);
    if (problem) return { values: null, problem: message('listNotAllowed', { list, item, problemCode: problem.code, setting: SETTING_OF[list], min: problem.params.min ?? '', max: problem.params.max ?? '' }, `${label}: ${item} is not allowed (${problem.text})`) };
    values.push(value);
  }
  return { values: [...new Set(values)].sort((a, b) => a - b), problem: null };
}

export function formatSweepList(values: number[]): string {
  return values.join(', ');
}

/** A problem with the grid as a whole, or null. */
export function sweepGridProblem(keepProbs: number[], hiddenSizes: number[]): Message | null {
  const runs = keepProbs.length * hiddenSizes.length;
  if (runs > MAX_SWEEP_RUNS) {
    return message(
      'sweepTooLarge', { max: String(MAX_SWEEP_RUNS), keepProbs: String(keepProbs.length), hiddenSizes: String(hiddenSizes.length), runs: String(runs) },
      `A sweep is at most ${MAX_SWEEP_RUNS} runs; ${keepProbs.length} keep probabilities x ${hiddenSizes.length} hidden sizes make ${runs}`,
    );
  }
  return null;
}
