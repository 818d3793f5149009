import { runConfigs, type ConfigPlan } from '../store/runState.ts';
import { defaultSettings, type KernelChoice, type RunSettings } from '../store/settingsSchema.ts';

/**
 * The reference workload W: the assignment's regularization experiment on CIFAR-10
 * (3072 inputs, hidden 500, 10 classes, 500 training and 1,000 validation examples,
 * 25 epochs of batches of 100 with Adam 5e-4, float32), once with p = 1 and once with
 * p = 0.25, accuracy checked 26 times on all 1,500 examples.
 */
export interface Workload {
  inputDim: number;
  hiddenSize: number;
  numClasses: number;
  numTrain: number;
  numVal: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  weightScale: number;
  seed: number;
  /** Training examples per accuracy check (the Solver's default numTrainSamples). */
  checkTrainSamples: number;
  /** The dropout configuration's keep probability (the other is p = 1). */
  keepProb: number;
  /** The app's "Matrix kernels" setting: exact (plain WebAssembly SIMD, its default) or fast (relaxed SIMD). */
  kernels: KernelChoice;
}

export const W: Workload = {
  inputDim: 3072,
  hiddenSize: 500,
  numClasses: 10,
  numTrain: 500,
  numVal: 1000,
  epochs: 25,
  batchSize: 100,
  learningRate: 5e-4,
  weightScale: 1e-2,
  seed: 231,
  checkTrainSamples: 1000,
  keepProb: 0.25,
  kernels: 'exact',
};

export function withChanges(w: Workload, changes: Partial<Workload>): Workload {
  return { ...w, ...changes };
}

/** The app's settings for a workload (what the UI's fields are set to). */
export function runSettingsOf(w: Workload): RunSettings {
  return {
    ...defaultSettings(),
    keepProb: w.keepProb,
    hiddenSize: w.hiddenSize,
    numTrain: w.numTrain,
    epochs: w.epochs,
    batchSize: w.batchSize,
    learningRate: w.learningRate,
    weightScale: w.weightScale,
    seed: w.seed,
    updateRule: 'adam',
    dataset: 'cifar10',
    scaling: 'inverted',
    kernels: w.kernels,
  };
}

/** The configurations the app trains for these settings (p = 1 and p = keepProb). */
export function configsOf(w: Workload): ConfigPlan[] {
  return runConfigs(runSettingsOf(w));
}

export function iterationsOf(w: Workload): number {
  return w.epochs * Math.max(Math.floor(w.numTrain / w.batchSize), 1);
}

/** Checks: after the first iteration, at every epoch's end (the last iteration is one). */
export function checksOf(w: Workload): number {
  return 1 + w.epochs;
}

export interface WorkloadFlops {
  /** Both configurations' training steps. */
  train: number;
  /** Both configurations' accuracy checks. */
  checks: number;
  total: number;
}

/**
 * Floating-point operations of W's matrix products counted densely, as NumPy does
 * them (2·m·k·n each; no input gradient for the first layer), for all configurations.
 * Zeros skipped by the sparse path still count: GFLOP/s compare like with like.
 */
export function workloadFlops(w: Workload): WorkloadFlops {
  const { inputDim: d, hiddenSize: h, numClasses: c, batchSize: b } = w;
  // forward X@W1, h@W2; backward dW2 = h^T ds, dh = ds W2^T, dW1 = X^T dh
  const perStep = 2 * b * d * h + 2 * b * h * c + 2 * b * h * c + 2 * b * c * h + 2 * b * d * h;
  const checkRows = Math.min(w.numTrain, w.checkTrainSamples) + w.numVal;
  const perCheck = 2 * checkRows * (d * h + h * c);
  const configs = configsOf(w).length;
  const train = configs * iterationsOf(w) * perStep;
  const checks = configs * checksOf(w) * perCheck;
  return { train, checks, total: train + checks };
}
