import { argmaxRow, CheckSet } from './checkSet.ts';
import { allocateOperand, kernels } from './kernels/index.ts';
import type { TrainableModel } from './net.ts';
import { updateRules, type OptimConfig, type UpdateRuleName } from './optim.ts';
import { createRng, deriveSeed, type Rng, type Seed } from './random.ts';
import { checkDue, trainingSchedule } from './schedule.ts';
import { allocate, dtypeOf, type FloatArray, type Tensor } from './tensor.ts';

export interface SolverData {
  XTrain: Tensor;
  yTrain: Int32Array;
  XVal: Tensor;
  yVal: Int32Array;
}

export interface SolverOptions {
  updateRule?: UpdateRuleName;
  optimConfig?: OptimConfig;
  lrDecay?: number;
  batchSize?: number;
  numEpochs?: number;
  /** Training examples used for each accuracy check (subsampled with replacement above it). */
  numTrainSamples?: number;
  /** Validation examples per check; null checks all. */
  numValSamples?: number | null;
  /** Seeds the minibatch stream (and subsampling in checks). */
  seed?: Seed;
  /**
   * 'accuracy' (the default) checks train and validation accuracy on the assignment's schedule and keeps the best
   * parameters; 'none' never checks and keeps the last (an autoencoder has no accuracy; the paper's reference trains
   * it to its end).
   */
  checks?: 'accuracy' | 'none';
}

export interface AccuracyCheck {
  /** Iterations done when the check ran (1 for the check after the first iteration). */
  iteration: number;
  epoch: number;
  trainAcc: number;
  valAcc: number;
  /**
   * Mean softmax loss and mean top-class probability over the validation rows (CPU path; the GPU path reads back
   * counts only). They show what accuracy hides: a net whose scores are all too large by 1/p ranks the classes alike.
   */
  valLoss?: number;
  valConfidence?: number;
}

export interface StepResult {
  /** Iterations done, counting this one. */
  iteration: number;
  epoch: number;
  loss: number;
  check: AccuracyCheck | null;
  done: boolean;
}

/** The Solver's checks of its data and settings (the GPU trainer makes them too). */
export function validateTraining(
  data: SolverData,
  o: { batchSize: number; numEpochs: number; learningRate?: number; lrDecay: number },
): void {
  if (!(Number.isInteger(o.batchSize) && o.batchSize > 0))
    throw new RangeError(`batchSize must be a positive integer, got ${o.batchSize}`);
  if (!(Number.isInteger(o.numEpochs) && o.numEpochs > 0))
    throw new RangeError(`numEpochs must be a positive integer, got ${o.numEpochs}`);
  const lr = o.learningRate;
  if (lr !== undefined && !(Number.isFinite(lr) && lr > 0))
    throw new RangeError(`learningRate must be a finite number above 0, got ${lr}`);
  if (!(Number.isFinite(o.lrDecay) && o.lrDecay > 0))
    throw new RangeError(`lrDecay must be a finite number above 0, got ${o.lrDecay}`);
  const numTrain = data.XTrain.shape[0];
  if (numTrain === 0 || data.yTrain.length !== numTrain)
    throw new Error('Solver: the training set is empty or its labels do not match');
  if (data.XVal.shape[0] === 0 || data.yVal.length !== data.XVal.shape[0])
    throw new Error('Solver: the validation set is empty or its labels do not match');
}

/** Trains a model the way the assignment's Solver does, one iteration per `step()`. */
export class Solver {
  readonly model: TrainableModel;
  readonly data: SolverData;
  readonly updateRule: UpdateRuleName;
  readonly lrDecay: number;
  readonly batchSize: number;
  readonly numEpochs: number;
  readonly numTrainSamples: number;
  readonly numValSamples: number | null;
  readonly checksEnabled: boolean;
  readonly iterationsPerEpoch: number;
  readonly numIterations: number;

  epoch = 0;
  iteration = 0;
  bestValAcc = 0;
  bestEpoch = 0;
  bestParams: Record<string, FloatArray> = {};
  readonly lossHistory: number[] = [];
  readonly trainAccHistory: number[] = [];
  readonly valAccHistory: number[] = [];
  readonly checks: AccuracyCheck[] = [];

  private readonly optimConfigs: Record<string, OptimConfig> = {};
  /** Parameters, their gradients' names and their update state, in a fixed order (no per-step allocation). */
  private readonly updates: { name: string; param: Tensor; config: OptimConfig }[];
  private readonly batchRng: Rng;
  private readonly batchX: Tensor;
  private readonly batchY: Int32Array;
  private readonly numTrain: number;
  private readonly featureCount: number;
  /** The rows every accuracy check scores: the training rows, then the validation rows. */
  private readonly checkSet: CheckSet;

  constructor(model: TrainableModel, data: SolverData, options: SolverOptions = {}) {
    this.model = model;
    this.data = data;
    this.updateRule = options.updateRule ?? 'sgd';
    if (!(this.updateRule in updateRules)) throw new Error(`Unknown update rule "${this.updateRule}"`);
    this.lrDecay = options.lrDecay ?? 1;
    this.batchSize = options.batchSize ?? 100;
    this.numEpochs = options.numEpochs ?? 10;
    this.numTrainSamples = options.numTrainSamples ?? 1000;
    this.numValSamples = options.numValSamples ?? null;
    this.checksEnabled = (options.checks ?? 'accuracy') === 'accuracy';
    this.numTrain = data.XTrain.shape[0];
    validateTraining(data, {
      batchSize: this.batchSize,
      numEpochs: this.numEpochs,
      learningRate: options.optimConfig?.learningRate,
      lrDecay: this.lrDecay,
    });
    const schedule = trainingSchedule(this.numTrain, this.batchSize, this.numEpochs);
    this.iterationsPerEpoch = schedule.iterationsPerEpoch;
    this.numIterations = schedule.numIterations;
    this.batchRng = createRng(deriveSeed(options.seed ?? 0, 'batches'));
    this.featureCount = data.XTrain.data.length / this.numTrain;
    this.batchX = {
      data: allocateOperand(dtypeOf(data.XTrain.data), this.batchSize * this.featureCount),
      shape: [this.batchSize, this.featureCount],
    };
    this.batchY = new Int32Array(this.batchSize);
    for (const name of Object.keys(model.params)) this.optimConfigs[name] = { ...options.optimConfig };
    this.updates = Object.entries(model.params).map(([name, param]) => ({
      name,
      param,
      config: this.optimConfigs[name],
    }));
    this.checkSet = new CheckSet(data, this.numTrainSamples, this.numValSamples);
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  /** One minibatch (drawn with replacement), one update, and a check when one is due. */
  step(): StepResult {
    if (this.done) throw new Error('Solver: training is already finished');
    const { XTrain, yTrain } = this.data;
    const f = this.featureCount;
    for (let i = 0; i < this.batchSize; i++) {
      const idx = this.batchRng.randint(this.numTrain);
      this.batchX.data.set(XTrain.data.subarray(idx * f, (idx + 1) * f), i * f);
      this.batchY[i] = yTrain[idx];
    }
    const { loss, grads } = this.model.loss(this.batchX, this.batchY);
    this.lossHistory.push(loss);
    // The installed kernels may bring a faster Adam (with the same results bit for bit).
    const rule = (this.updateRule === 'adam' ? kernels().adam : undefined) ?? updateRules[this.updateRule];
    for (const { name, param, config } of this.updates) rule(param.data, grads[name].data, config);

    const t = this.iteration;
    this.iteration += 1;
    const epochEnd = this.iteration % this.iterationsPerEpoch === 0;
    if (epochEnd) {
      this.epoch += 1;
      for (const c of Object.values(this.optimConfigs)) c.learningRate = (c.learningRate ?? 0) * this.lrDecay;
    }
    let check: AccuracyCheck | null = null;
    if (this.checksEnabled && checkDue(t, this.iterationsPerEpoch, this.numIterations)) check = this.runCheck();
    return { iteration: this.iteration, epoch: this.epoch, loss, check, done: this.done };
  }

  /** Runs to the end and leaves the best parameters in the model, as the assignment's `train()`. */
  train(): void {
    while (!this.done) this.step();
    this.restoreBestParams();
  }

  restoreBestParams(): void {
    for (const [name, data] of Object.entries(this.bestParams)) this.model.params[name].data.set(data);
  }

  /** Fraction of correct test-mode predictions, in batches of `batchSize`. */
  checkAccuracy(X: Tensor, y: Int32Array, numSamples: number | null = null, batchSize = 100): number {
    let n = X.shape[0];
    let Xs = X;
    let ys = y;
    if (numSamples !== null && n > numSamples) {
      const f = X.data.length / n;
      Xs = { data: allocate(dtypeOf(X.data), numSamples * f), shape: [numSamples, ...X.shape.slice(1)] };
      ys = new Int32Array(numSamples);
      for (let i = 0; i < numSamples; i++) {
        const idx = this.batchRng.randint(n);
        Xs.data.set(X.data.subarray(idx * f, (idx + 1) * f), i * f);
        ys[i] = y[idx];
      }
      n = numSamples;
    }
    return accuracy(this.model, Xs, ys, batchSize);
  }

  /**
   * The training and the validation accuracy in one test-mode pass over the check rows:
   * one matrix product per layer (in big chunks) instead of batches of 100. Subsampled
   * rows are drawn exactly as `checkAccuracy` draws them (training rows first).
   */
  private runCheck(): AccuracyCheck {
    const { trainAcc, valAcc, valLoss, valConfidence } = this.checkSet.accuracies(this.model, this.batchRng);
    this.trainAccHistory.push(trainAcc);
    this.valAccHistory.push(valAcc);
    if (valAcc > this.bestValAcc || this.checks.length === 0) {
      this.bestValAcc = valAcc;
      this.bestEpoch = this.epoch;
      for (const [name, p] of Object.entries(this.model.params)) {
        if (this.bestParams[name]) this.bestParams[name].set(p.data);
        else this.bestParams[name] = p.data.slice();
      }
    }
    const check: AccuracyCheck = { iteration: this.iteration, epoch: this.epoch, trainAcc, valAcc };
    if (valLoss !== null && valConfidence !== null) Object.assign(check, { valLoss, valConfidence });
    this.checks.push(check);
    return check;
  }
}

/** Fraction of rows of X whose highest test-mode score is the label. */
export function accuracy(model: TrainableModel, X: Tensor, y: Int32Array, batchSize = 100): number {
  const n = X.shape[0];
  const f = n === 0 ? 0 : X.data.length / n;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const scores = model.loss({ data: X.data.subarray(start * f, (start + count) * f), shape: [count, f] });
    const c = scores.shape[1];
    for (let i = 0; i < count; i++) if (argmaxRow(scores.data, i * c, c) === y[start + i]) correct++;
  }
  return n === 0 ? 0 : correct / n;
}
