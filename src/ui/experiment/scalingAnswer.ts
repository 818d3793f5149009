import type { AccuracyCheck } from '../../core/solver.ts';
import type { RunState } from '../../store/runState.ts';
import type { ConfigId, MaskFrame } from '../../worker/trainProtocol.ts';
import { runMoment } from './runMoment.ts';

/** One configuration's validation figures at the run's moment. */
export interface ScalingFigures {
  configId: ConfigId;
  keepProb: number;
  check: AccuracyCheck;
}

/**
 * What answers "what happens if we do not divide by p?" in a run that trains p = 1, p (no scaling) and p (inverted):
 * each configuration's latest check at the moment the charts show (the same epoch for all while training). Null for a
 * run of another scaling, or before every net has a check.
 */
export function scalingFigures(run: RunState): ScalingFigures[] | null {
  if (run.settings.scaling !== 'none' || run.configs.length < 3) return null;
  const moment = runMoment(run.configs);
  const figures: ScalingFigures[] = [];
  for (const c of run.configs) {
    const check = c.checks[Math.min(c.checks.length, moment.checks) - 1];
    if (!check) return null;
    figures.push({ configId: c.configId, keepProb: c.keepProb, check });
  }
  return figures;
}

/** The hidden units' mean over a minibatch after the mask (what training passes on) and without it (test time). */
export interface ActivationScale {
  iteration: number;
  train: number;
  test: number;
}

/**
 * From a mask frame of the no-scaling net: kept units pass unchanged in training and every unit passes at test time,
 * so the test-time mean is about 1/p times the training one. One pass over the frame's rows (a few thousand numbers,
 * once per frame shown). Null on the GPU path, which reads no activations back.
 */
export function activationScale(frame: MaskFrame | null): ActivationScale | null {
  if (!frame?.rowsBefore || !frame.rowsAfter || frame.rowsBefore.length === 0) return null;
  let before = 0;
  let after = 0;
  for (let i = 0; i < frame.rowsBefore.length; i++) {
    before += frame.rowsBefore[i];
    after += frame.rowsAfter[i];
  }
  const n = frame.rowsBefore.length;
  return { iteration: frame.iteration, train: after / n, test: before / n };
}
