import type { DropoutScaling } from '../core/layers.ts';
import type { AccuracyCheck } from '../core/solver.ts';
import type { RawDataset } from '../data/types.ts';
import type { RunSettings } from '../store/settingsSchema.ts';

/** Messages between the store and a training worker; one worker trains one configuration of a run. */

/**
 * 'baseline' is p = 1; 'dropout' the chosen p with the chosen scaling (and every job of a sweep); 'inverted' the
 * chosen p with inverted dropout, trained beside a 'dropout' that does not use it (assignment question 1).
 */
export type ConfigId = 'baseline' | 'dropout' | 'inverted';

export interface ConfigSummary {
  outcome: 'finished' | 'diverged';
  iterations: number;
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
  bestEpoch: number;
  elapsedMs: number;
  /** Why it ended early ("diverged at iteration k"). */
  message: string | null;
}

export interface TrainStart {
  type: 'start';
  runId: string;
  configId: ConfigId;
  keepProb: number;
  /**
   * This configuration's own scaling (absent: inverted, the assignment's); the worker never reads settings.scaling,
   * which is what the person chose and not what every configuration of the run uses.
   */
  scaling?: DropoutScaling;
  settings: RunSettings;
  dataset: RawDataset;
  /** Begin paused (a run started while the app is paused). */
  paused?: boolean;
}

export type ToTrainWorker =
  | TrainStart
  | { type: 'pause' | 'resume' | 'step'; runId: string }
  /** Which example of the batch the activation strip shows (mask panel). */
  | { type: 'inspect'; runId: string; example: number; layer: number };

export type FromTrainWorker =
  | { type: 'ready'; runId: string; configId: ConfigId; numIterations: number; iterationsPerEpoch: number; numTrain: number; numVal: number; kernel: string }
  /** Losses of iterations firstIteration .. firstIteration + losses.length - 1 (1-based), batched. */
  | { type: 'progress'; runId: string; configId: ConfigId; firstIteration: number; losses: Float32Array; epoch: number; elapsedMs: number; paused: boolean }
  | { type: 'check'; runId: string; configId: ConfigId; check: AccuracyCheck }
  | { type: 'mask'; runId: string; configId: ConfigId; frame: MaskFrame }
  | { type: 'done'; runId: string; configId: ConfigId; summary: ConfigSummary }
  | { type: 'error'; runId: string; configId: ConfigId; message: string };

/** The dropout mask of one minibatch of one hidden layer (0-based `layer` of `layers`), bit-packed, with one example's activations. */
export interface MaskFrame {
  iteration: number;
  layer: number;
  layers: number;
  rows: number;
  cols: number;
  /** rows * cols bits, row-major, 1 = kept; transferred, not copied. */
  bits: ArrayBuffer;
  keptCount: number;
  /** The inspected example's ReLU output before dropout, and after (kept * scale, dropped 0). */
  example: number;
  before: Float32Array;
  after: Float32Array;
  /** Over the run so far: how many times each unit was kept, out of maskRowsSeen rows (null without dropout). */
  keptPerUnit: Uint32Array | null;
  maskRowsSeen: number;
}
