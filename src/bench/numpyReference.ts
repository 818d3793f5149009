import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configsOf, type Workload } from './workload.ts';
import { errorMessage } from '../core/errorMessage.ts';

/** The NumPy yardstick shared between projects (see its README). */
export const NUMPY_REFERENCE = '../shared/bench/numpy_reference.py';

export interface NumpyConfig {
  keep: number;
  seconds: number;
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
}

export interface NumpyResult {
  dtype: 'float32' | 'float64';
  numpy: string;
  /** Median over repetitions of both configurations' total. */
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** The configurations of the median repetition. */
  configs: NumpyConfig[];
}

export type NumpyOutcome = { ok: true; result: NumpyResult } | { ok: false; reason: string };

interface RawRun {
  keep: number;
  seconds: number;
  train_acc: number[];
  val_acc: number[];
  best_val_acc: number;
}

interface RawSummary {
  numpy: string;
  total_seconds: { median: number; min: number; max: number };
  reps: RawRun[][];
}

/** Whether python3 with NumPy and the reference script are here; a reason when not. */
export function numpyUnavailable(script = resolve(NUMPY_REFERENCE)): string | null {
  if (!existsSync(script)) return `${script} not found`;
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error) return `python3 not found (${probe.error.message})`;
  if (probe.status !== 0) return 'python3 has no NumPy';
  return null;
}

/** Runs numpy_reference.py on the same data and workload; never throws (says why it could not run). */
export function runNumpyReference(
  w: Workload,
  dataDir: string,
  dtype: 'float32' | 'float64',
  reps: number,
  script = resolve(NUMPY_REFERENCE),
): NumpyOutcome {
  const missing = numpyUnavailable(script);
  if (missing) return { ok: false, reason: missing };
  const args = [
    script,
    '--data',
    dataDir,
    '--dtype',
    dtype,
    '--reps',
    String(reps),
    '--json',
    '--hidden',
    String(w.hiddenSize),
    '--num-train',
    String(w.numTrain),
    '--num-val',
    String(w.numVal),
    '--epochs',
    String(w.epochs),
    '--batch-size',
    String(w.batchSize),
    '--lr',
    String(w.learningRate),
    '--weight-scale',
    String(w.weightScale),
    '--keep',
    configsOf(w)
      .map((c) => c.keepProb)
      .join(','),
  ];
  const run = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) return { ok: false, reason: run.error.message };
  if (run.status !== 0)
    return {
      ok: false,
      reason: `numpy_reference.py exited with ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`,
    };
  try {
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as RawSummary;
    const totals = summary.reps.map((r) => r.reduce((s, c) => s + c.seconds, 0));
    const order = totals.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0]);
    const median = summary.reps[order[(order.length - 1) >> 1][1]];
    return {
      ok: true,
      result: {
        dtype,
        numpy: summary.numpy,
        medianSeconds: summary.total_seconds.median,
        minSeconds: summary.total_seconds.min,
        maxSeconds: summary.total_seconds.max,
        configs: median.map((c) => ({
          keep: c.keep,
          seconds: c.seconds,
          finalTrainAcc: c.train_acc.at(-1) ?? NaN,
          finalValAcc: c.val_acc.at(-1) ?? NaN,
          bestValAcc: c.best_val_acc,
        })),
      },
    };
  } catch (error) {
    return { ok: false, reason: `could not read numpy_reference.py's output: ${errorMessage(error)}` };
  }
}
