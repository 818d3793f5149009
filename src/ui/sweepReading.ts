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
const pText = (r: RowBest) => (r.keepProbs.length === 1 ? String(r.keepProbs[0]) : `${r.keepProbs.join('/')} (tied)`);

/**
 * One line on assignment question 3, from the sweep's own figures: does the best p rise as the hidden layer shrinks?
 * Only hidden sizes whose runs have all ended are read; a tie counts as the mean of the tied p values. The direction is
 * Kendall's tau between hidden size and best p: at most -0.5 reads as "smaller layers want a larger p", at least 0.5
 * as the opposite, anything between as no steady trend. Null while fewer than two sizes are complete.
 */
export function readSweep(sweep: SweepState): string | null {
  const rows = [...sweep.hiddenSizes].sort((a, b) => a - b).map((h) => rowBest(sweep, h)).filter((r): r is RowBest => !!r && r.complete);
  const ended = endedJobs(sweep);
  const total = sweep.jobs.length;
  const prefix = sweep.status === 'running' ? `So far (${ended} of ${total} runs): ` : sweep.status === 'stopped' ? `Stopped after ${ended} of ${total} runs: ` : '';
  if (rows.length === 0) return null;
  if (rows.length === 1) {
    if (sweep.status === 'running') return null;
    const [r] = rows;
    return capitalize(`${prefix}with one complete hidden size there is no trend to read; at ${r.hiddenSize} hidden units the best p is ${pText(r)}.`);
  }
  const reps = rows.map((r) => mean(r.keepProbs));
  const tau = kendallTau(rows.map((r) => r.hiddenSize), reps);
  const parts = rows.map((r, i) => (i === 0 ? `${pText(r)} at ${r.hiddenSize} hidden units` : `${pText(r)} at ${r.hiddenSize}`));
  const list = parts.length === 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const reading = reps.every((p) => p === reps[0])
    ? `the best p does not change with layer size: ${list}`
    : tau <= -0.5
      ? `smaller layers want a larger p: the best p is ${list}`
      : tau >= 0.5
        ? `smaller layers want a smaller p here, not a larger one: the best p is ${list}`
        : `there is no steady trend between layer size and the best p: it is ${list}`;
  return capitalize(`${prefix}${reading}.`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
