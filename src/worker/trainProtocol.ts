import type { ActivationStats } from '../core/insight/activationStats.ts';
import type { FeatureTiles, TileOrder } from '../core/insight/featureTiles.ts';
import type { KernelChoice } from '../core/kernels/types.ts';
import type { DropoutScaling } from '../core/layers.ts';
import type { Reconstructions } from '../core/insight/reconstructions.ts';
import type { ModelKind } from '../core/net.ts';
import type { UpdateRuleName } from '../core/optim.ts';
import type { AccuracyCheck } from '../core/solver.ts';
import type { RawDataset } from '../data/types.ts';

/** Messages between the store and a training worker; one worker trains one configuration of a run. */

/**
 * 'baseline' is p = 1; 'dropout' the chosen p with the chosen scaling (and every job of a sweep); 'inverted' the
 * chosen p with inverted dropout, trained beside a 'dropout' that does not use it (assignment question 1).
 */
export const CONFIG_IDS = ['baseline', 'dropout', 'inverted'] as const;
export type ConfigId = (typeof CONFIG_IDS)[number];

/** How a configuration that trained to its end ended. */
export const CONFIG_OUTCOMES = ['finished', 'diverged'] as const;

/** What a configuration reached, from its accuracy checks: the figures every table, export and sweep shows. */
export interface AccuracyFigures {
  finalTrainAcc: number;
  finalValAcc: number;
  /** The best validation accuracy over the checks (the solver keeps those parameters), and its epoch. */
  bestValAcc: number;
  bestEpoch: number;
}

export interface ConfigSummary extends AccuracyFigures {
  outcome: (typeof CONFIG_OUTCOMES)[number];
  iterations: number;
  elapsedMs: number;
  /** Why it ended early ("diverged at iteration k"). */
  message: string | null;
}

/** What every configuration of a run shares: the net, the data, the optimizer, the seed and the kernels. */
export interface TrainingSettings {
  hiddenSize: number;
  /** Hidden layers of `hiddenSize` units, each followed by ReLU and dropout (the assignment's experiment has one). */
  hiddenLayers: number;
  numTrain: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  weightScale: number;
  /** Every random stream (split, weights, batches, masks) derives from it. */
  seed: number;
  updateRule: UpdateRuleName;
  kernels: KernelChoice;
  /**
   * The assignment's classifier, or the dropout paper's autoencoder (pixels in 0..1 in and out, fan-in initial weights,
   * no accuracy checks: "Why it works" in the paper's setting).
   */
  model: ModelKind;
}

/** What one training worker needs to train one configuration: nothing of the UI's settings beyond it. */
export interface TrainConfig extends TrainingSettings {
  keepProb: number;
  /** This configuration's own scaling (a run may train several). */
  scaling: DropoutScaling;
  /** Post the dropout mask of each batch (the mask panel shows the experiment's 'dropout' configuration); sweeps do not. */
  streamMasks: boolean;
  /**
   * Post the first layer's weights as tiles while training and, after training to the end, what the "Why it works"
   * cells show of the trained net (ConfigInsight); sweeps do not.
   */
  insight: boolean;
}

/** Which first-layer tiles a live frame carries: what the features cell shows. */
export interface FeatureView {
  count: number;
  order: TileOrder;
}

export interface TrainStart {
  type: 'start';
  runId: string;
  configId: ConfigId;
  config: TrainConfig;
  dataset: RawDataset;
  /** The tiles live frames carry (with `insight`); the final frame carries every order. */
  featureView?: FeatureView;
  /** Begin paused (a run started while the app is paused). */
  paused?: boolean;
  /** Threads this configuration's products may use at most (WebAssembly threads; see computeThreads.ts). Default 1. */
  threads?: number;
  /**
   * With threads: a shared Int32Array of one, how many helper threads may work now (the run's client raises it as
   * other configurations end and free their cores). Without it, all of them.
   */
  helperBudget?: SharedArrayBuffer;
  /**
   * Compute the figures ("Why it works", after 'done') only when a 'figures' message comes: the run's client sends it
   * once every configuration is done and Done is on screen, so figures never take a core from training. Default false.
   */
  figuresWhenAsked?: boolean;
}

export type ToTrainWorker =
  | TrainStart
  | { type: 'pause' | 'resume' | 'step'; runId: string }
  /** Which example of the batch the activation strip shows (mask panel). */
  | { type: 'inspect'; runId: string; example: number; layer: number }
  /** Which tiles the features cell shows: the next live frame carries them (sent at once). */
  | { type: 'features'; runId: string; view: FeatureView }
  /** Compute the figures now (see TrainStart.figuresWhenAsked). */
  | { type: 'figures'; runId: string };

export type FromTrainWorker =
  | {
      type: 'ready';
      runId: string;
      configId: ConfigId;
      numIterations: number;
      iterationsPerEpoch: number;
      numTrain: number;
      numVal: number;
      kernel: string;
    }
  /** Losses of iterations firstIteration .. firstIteration + losses.length - 1 (1-based), batched. */
  | {
      type: 'progress';
      runId: string;
      configId: ConfigId;
      firstIteration: number;
      losses: Float32Array;
      epoch: number;
      elapsedMs: number;
      paused: boolean;
    }
  | { type: 'check'; runId: string; configId: ConfigId; check: AccuracyCheck }
  | { type: 'mask'; runId: string; configId: ConfigId; frame: MaskFrame }
  | { type: 'features'; runId: string; configId: ConfigId; frame: FeatureFrame }
  /**
   * Sent once, after 'done', by a configuration with `insight` that trained to its end (outcome 'finished'): the
   * figures, or null and why they could not be computed. The worker's last message.
   */
  | { type: 'insight'; runId: string; configId: ConfigId; insight: ConfigInsight | null; problem: string | null }
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
  /**
   * The inspected example's ReLU output before dropout, and after (kept * scale, dropped 0); null on the GPU path,
   * whose activations stay on the device (the panel shows the mask it uploaded, nothing read back).
   */
  example: number;
  before: Float32Array | null;
  after: Float32Array | null;
  /**
   * Every example's ReLU output before and after dropout ([rows, cols], null on the GPU path): the panel shows another
   * example at once, also after the run's workers have ended (see `frameShowing`).
   */
  rowsBefore: Float32Array | null;
  rowsAfter: Float32Array | null;
  /** Over the run so far: how many times each unit was kept, out of maskRowsSeen rows (null without dropout). */
  keptPerUnit: Uint32Array | null;
  maskRowsSeen: number;
}

/** The first layer's weights as tiles: at an iteration while training, or of the best parameters at the end. */
export interface FeatureFrame extends FeatureTiles {
  iteration: number;
  final: boolean;
}

/** A validation image the Monte-Carlo ensemble is unsure about. */
export interface UncertainExample {
  /** Row of the validation set. */
  row: number;
  /** The image's bytes, (C, H, W), 0-255. */
  pixels: Uint8Array;
  trueLabel: number;
  predicted: number;
  /** Predictive entropy of the ensemble's mean softmax output, in nats. */
  entropy: number;
  /** The ensemble's probability of its predicted class. */
  confidence: number;
}

/** Monte-Carlo dropout against one test-mode pass, on the validation set. */
export interface McDropoutCurve {
  sampleCounts: number[];
  mcAcc: number[];
  deterministicAcc: number;
}

/** What a trained configuration shows in the "Why it works" cells, from the parameters the solver ends with (the best checked; an autoencoder's last). */
export interface ConfigInsight {
  imageShape: [number, number, number];
  classNames: string[];
  features: FeatureFrame;
  /** Of the first hidden layer, in test mode, on the validation set. */
  activations: ActivationStats;
  /** Null for a configuration without dropout (every sample would be the same net). */
  mc: McDropoutCurve | null;
  /** Most uncertain first; empty without dropout. */
  uncertain: UncertainExample[];
  /** An autoencoder's reconstructions of the first validation images; null for a classifier. */
  reconstructions: Reconstructions | null;
}

/** The frame showing another example of its minibatch, from its rows; unchanged where it has none (the GPU path). */
export function frameShowing(frame: MaskFrame, example: number): MaskFrame {
  const row = Math.min(Math.max(0, Math.floor(example)), frame.rows - 1);
  if (!frame.rowsBefore || !frame.rowsAfter || row === frame.example) return frame;
  const [from, to] = [row * frame.cols, (row + 1) * frame.cols];
  return { ...frame, example: row, before: frame.rowsBefore.slice(from, to), after: frame.rowsAfter.slice(from, to) };
}
