import { FullyConnectedNet } from '../core/net.ts';
import { deriveSeed } from '../core/random.ts';
import { Solver } from '../core/solver.ts';
import { DEFAULT_NUM_VAL, makeSplit, validationCount, type DataSplit } from '../data/split.ts';
import type { RawDataset } from '../data/types.ts';
import { configInsight, featureFrame } from './configInsight.ts';
import { GpuTrainer, type GpuProgress } from '../core/gpu/gpuTrainer.ts';
import { GpuProgressReader } from './gpuProgressReader.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { accumulateKeptPerUnit, packMask } from './maskBits.ts';
import type { ConfigInsight, ConfigSummary, FeatureView, FromTrainWorker, MaskFrame, TrainStart } from './trainProtocol.ts';
import { yieldToEvents } from './yieldToEvents.ts';
import type { FloatArray } from '../core/tensor.ts';

export type Post = (message: FromTrainWorker, transfer?: Transferable[]) => void;

/** Posts batched losses and masks at most this often (the store applies them at most five times a second). */
const PROGRESS_INTERVAL_MS = 200;
const MASK_INTERVAL_MS = 200;
/** Drawing 500 units' tiles takes about 15-25 ms: once a second keeps it near 2% of the training time. */
const FEATURES_INTERVAL_MS = 1000;
/** What the features cell shows on first open. */
export const DEFAULT_FEATURE_VIEW: FeatureView = { count: 64, order: 'norm' };
/** Longest stretch of steps between looks at the message queue. */
const SLICE_MS = 12;

export const VALIDATION_SIZE = DEFAULT_NUM_VAL;

/** Trains one configuration of a run, step by step, streaming what it measures. */
export class TrainingSession {
  private readonly runId: string;
  private readonly configId: TrainStart['configId'];
  private readonly streamMasks: boolean;
  private readonly insight: boolean;
  private readonly split: DataSplit;
  private readonly dataset: RawDataset;
  private readonly seed: number;
  private lastFeaturesAt = 0;
  private featureView: FeatureView;
  private readonly solver: Solver;
  private readonly model: FullyConnectedNet;
  private paused: boolean;
  private stepsRequested = 0;
  private wake: (() => void) | null = null;
  private inspectedExample = 0;
  private inspectedLayer = 0;
  private pendingLosses: number[] = [];
  private firstPendingIteration = 1;
  private lastProgressAt = 0;
  private lastMaskAt = -Infinity;
  private activeMs = 0;
  /** Per hidden layer: how many times each unit was kept over the run. */
  private readonly keptPerUnit: Uint32Array[];
  private maskRowsSeen = 0;
  /** With figuresWhenAsked: resolved by computeFigures(); the figures wait for it. */
  private figuresAsked: Promise<void> | null = null;
  computeFigures: () => void = () => {};

  /** The GPU path's trainer (kernels 'gpu'), or null: the CPU Solver trains. */
  private readonly gpu: GpuTrainer | null;
  /** On the GPU path, this thread's time per step after the first in ms (see GpuTrainer.recordMs); null on the CPU. */
  get gpuRecordMsPerStep(): number | null {
    return this.gpu && this.gpu.iteration > 1 ? this.gpu.recordMs / (this.gpu.iteration - 1) : null;
  }

  constructor(start: TrainStart, private readonly post: Post, kernel = 'plain', device: GPUDevice | null = null) {
    const { config, dataset } = start;
    this.runId = start.runId;
    this.configId = start.configId;
    this.streamMasks = config.streamMasks;
    this.insight = config.insight;
    this.featureView = start.featureView ?? DEFAULT_FEATURE_VIEW;
    this.dataset = dataset;
    this.seed = config.seed;
    this.paused = start.paused ?? false;
    const autoencoder = config.model === 'autoencoder';
    if (autoencoder && config.kernels === 'gpu') throw new Error('the GPU path trains the classifier only; the autoencoder trains on the CPU');
    if (start.figuresWhenAsked) this.figuresAsked = new Promise<void>((resolve) => (this.computeFigures = resolve));
    this.split = makeSplit(dataset, { numTrain: config.numTrain, numVal: validationSize(start), seed: config.seed, scale: autoencoder ? 'unit' : 'meanSubtracted' });
    const { data } = this.split;
    const inputDim = data.XTrain.data.length / data.XTrain.shape[0];
    this.model = new FullyConnectedNet({
      hiddenDims: Array.from({ length: config.hiddenLayers }, () => config.hiddenSize),
      inputDim,
      numClasses: autoencoder ? inputDim : dataset.classNames.length,
      model: config.model,
      init: autoencoder ? 'fanIn' : 'weightScale',
      dropout: config.keepProb,
      weightScale: config.weightScale,
      dtype: 'float32',
      seed: config.seed,
      // One mask stream for every configuration that drops units, so two runs with the same p differ only in scaling.
      maskSeed: deriveSeed(config.seed, 'masks'),
      dropoutScaling: config.scaling,
    });
    this.solver = new Solver(this.model, data, {
      updateRule: config.updateRule,
      optimConfig: { learningRate: config.learningRate },
      batchSize: config.batchSize,
      numEpochs: config.epochs,
      seed: config.seed,
      checks: autoencoder ? 'none' : 'accuracy',
    });
    this.keptPerUnit = Array.from({ length: config.hiddenLayers }, () => new Uint32Array(config.hiddenSize));
    if (config.kernels === 'gpu' && !device) throw new Error('the GPU path needs a WebGPU device');
    if (config.kernels === 'gpu' && config.updateRule !== 'adam') throw new Error(`the GPU path trains with Adam, not ${config.updateRule}`);
    this.gpu = config.kernels === 'gpu' && device ? new GpuTrainer(device, data, {
      hiddenDims: Array.from({ length: config.hiddenLayers }, () => config.hiddenSize), numClasses: dataset.classNames.length,
      keepProb: config.keepProb, scaling: config.scaling, weightScale: config.weightScale, seed: config.seed,
      maskSeed: deriveSeed(config.seed, 'masks'), learningRate: config.learningRate, batchSize: config.batchSize, numEpochs: config.epochs,
    }) : null;
    this.send({
      type: 'ready', runId: this.runId, configId: this.configId,
      numIterations: this.solver.numIterations, iterationsPerEpoch: this.solver.iterationsPerEpoch,
      numTrain: data.XTrain.shape[0], numVal: data.XVal.shape[0], kernel,
    });
    this.postFeatures();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  step(): void {
    this.stepsRequested++;
    this.wakeUp();
  }

  /** Which tiles live frames carry; a frame with them follows at once. */
  showFeatures(view: FeatureView): void {
    this.featureView = view;
    if (!this.solver.done && !this.gpu) this.postFeatures();
  }

  inspect(example: number, layer = this.inspectedLayer): void {
    this.inspectedExample = Math.max(0, Math.floor(example));
    this.inspectedLayer = Math.min(this.keptPerUnit.length - 1, Math.max(0, Math.floor(layer)));
    this.lastMaskAt = -Infinity;
    if (this.gpu) this.postGpuMask(this.gpu);
    else if (this.solver.iteration > 0) this.postMask();
  }

  async run(): Promise<void> {
    if (this.gpu) return this.runOnGpu(this.gpu);
    const solver = this.solver;
    while (!solver.done) {
      if (this.paused && this.stepsRequested === 0) {
        // What stays on screen while paused is the current iteration's losses and mask.
        this.flushProgress();
        if (this.solver.iteration > 0) this.postMask();
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const sliceStart = performance.now();
      do {
        const single = this.paused;
        if (single) this.stepsRequested--;
        const t0 = performance.now();
        const result = solver.step();
        this.activeMs += performance.now() - t0;
        if (this.pendingLosses.length === 0) this.firstPendingIteration = result.iteration;
        this.pendingLosses.push(result.loss);
        if (!Number.isFinite(result.loss)) {
          this.flushProgress();
          this.finish('diverged', `diverged at iteration ${result.iteration} (the loss became ${result.loss})`);
          return;
        }
        this.trackMask();
        if (result.check) {
          this.flushProgress();
          this.send({ type: 'check', runId: this.runId, configId: this.configId, check: result.check });
        }
        const now = performance.now();
        if (single || now - this.lastProgressAt >= PROGRESS_INTERVAL_MS) this.flushProgress();
        if (single || now - this.lastMaskAt >= MASK_INTERVAL_MS) this.postMask();
        if (single || now - this.lastFeaturesAt >= FEATURES_INTERVAL_MS) this.postFeatures();
        if (single) break;
      } while (!solver.done && performance.now() - sliceStart < SLICE_MS);
      await yieldToEvents();
    }
    this.flushProgress();
    this.postMask();
    // The results first: the figures below take about a second more and follow on their own.
    this.finish('finished', null);
    if (this.insight) await this.figuresAsked;
    this.postInsight();
  }

  private postFeatures(): void {
    // On the GPU the weights stay on the device while training: the features cell shows the final tiles.
    if (!this.insight || this.gpu) return;
    this.lastFeaturesAt = performance.now();
    const frame = featureFrame(this.model, this.dataset.imageShape, this.solver.iteration, this.featureView);
    this.send({ type: 'features', runId: this.runId, configId: this.configId, frame }, [frame.rgba.buffer as ArrayBuffer]);
  }

  /** From the best parameters, as the assignment's train() leaves them. A failure here loses the figures, not the run. */
  private postInsight(restoreBest = true): void {
    if (!this.insight) return;
    if (restoreBest) this.solver.restoreBestParams();
    let insight: ConfigInsight;
    try {
      insight = configInsight(this.model, this.split, this.dataset, this.seed, this.gpu?.iteration ?? this.solver.iteration);
    } catch (error) {
      this.send({ type: 'insight', runId: this.runId, configId: this.configId, insight: null, problem: errorMessage(error) });
      return;
    }
    this.send({ type: 'insight', runId: this.runId, configId: this.configId, insight, problem: null }, [
      insight.features.rgba.buffer as ArrayBuffer, ...insight.uncertain.map((u) => u.pixels.buffer as ArrayBuffer),
      ...(insight.reconstructions ? [insight.reconstructions.originals.buffer as ArrayBuffer, insight.reconstructions.reconstructed.buffer as ArrayBuffer] : []),
    ]);
  }

  /**
   * The same loop on the GPU: each step (and each accuracy check) is recorded and submitted without waiting; the
   * losses and the checks' counts are read back at most every PROGRESS_INTERVAL_MS into one of two staging buffers,
   * posted when the read arrives while later steps go on (only a pause and the end wait for the reads).
   */
  private async runOnGpu(trainer: GpuTrainer): Promise<void> {
    const reader = new GpuProgressReader(trainer, (progress) => this.postGpuProgress(trainer, progress));
    const drain = () => {
      this.lastProgressAt = performance.now();
      return reader.drain(() => this.countActive());
    };
    this.activeSince = performance.now();
    try {
      while (!trainer.done) {
        reader.check();
        if (reader.stopped) return;
        if (this.paused && this.stepsRequested === 0) {
          if (!(await drain())) return;
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.activeSince = performance.now();
          continue;
        }
        const single = this.paused;
        if (single) this.stepsRequested--;
        const result = await trainer.step();
        // A read that arrived meanwhile may have ended the run (diverged): nothing more is posted.
        if (reader.stopped) return;
        this.countActive();
        this.trackGpuMask(trainer);
        const now = performance.now();
        if (single) {
          if (!(await drain())) return;
        } else if ((result.done || now - this.lastProgressAt >= PROGRESS_INTERVAL_MS) && reader.request()) this.lastProgressAt = now;
        if (single || now - this.lastMaskAt >= MASK_INTERVAL_MS) this.postGpuMask(trainer);
        if (!single && now - this.lastYieldAt >= SLICE_MS) {
          this.lastYieldAt = performance.now();
          await yieldToEvents();
        }
      }
      if (!(await drain())) return;
      this.postGpuMask(trainer);
      this.finish('finished', null);
      if (this.insight) await this.figuresAsked;
      await this.postGpuInsight(trainer);
    } finally {
      trainer.destroy();
    }
  }

  private lastYieldAt = 0;
  /**
   * On the GPU the training time is the wall time while not paused: a step only records work, which the GPU does
   * while the thread goes on or waits for a read (counting the recording alone overstated the speed 50 times on
   * SwiftShader).
   */
  private activeSince = 0;

  private countActive(): void {
    const now = performance.now();
    this.activeMs += now - this.activeSince;
    this.activeSince = now;
  }

  /**
   * Posts a read's losses and accuracy checks; false (after ending the run as diverged) when a loss is not finite. As
   * on the CPU, nothing after the diverging iteration is reported.
   */
  private postGpuProgress(trainer: GpuTrainer, { from, losses, checks }: GpuProgress): boolean {
    if (losses.length === 0) return true;
    const bad = losses.findIndex((l) => !Number.isFinite(l));
    const kept = bad >= 0 ? losses.slice(0, bad + 1) : losses;
    const badIteration = bad >= 0 ? from + bad + 1 : Infinity;
    this.send({
      type: 'progress', runId: this.runId, configId: this.configId, firstIteration: from + 1,
      // The epoch of the read's last iteration: the trainer may be a few steps further on.
      losses: kept, epoch: Math.floor((from + kept.length) / trainer.iterationsPerEpoch), elapsedMs: this.activeMs, paused: this.paused,
    }, [kept.buffer]);
    for (const check of checks) {
      if (check.iteration < badIteration) this.send({ type: 'check', runId: this.runId, configId: this.configId, check });
    }
    if (bad < 0) return true;
    trainer.forgetChecksFrom(badIteration);
    this.finish('diverged', `diverged at iteration ${badIteration} (the loss became ${losses[bad]})`, badIteration);
    return false;
  }

  /** The figures from the best parameters, read back once into the CPU net after the results. */
  private async postGpuInsight(trainer: GpuTrainer): Promise<void> {
    if (!this.insight) return;
    let best: Record<string, Float32Array>;
    try {
      best = await trainer.bestParams();
    } catch (error) {
      this.send({ type: 'insight', runId: this.runId, configId: this.configId, insight: null, problem: errorMessage(error) });
      return;
    }
    for (const [name, values] of Object.entries(best)) this.model.params[name].data.set(values);
    this.postInsight(false);
  }



  /** Adds the last step's masks to the per-unit kept counts (the mask panel's histogram). */
  private trackMasks(masks: readonly FloatArray[], rows: number): void {
    if (!this.streamMasks || masks.length === 0) return;
    masks.forEach((mask, l) => accumulateKeptPerUnit(mask, rows, this.keptPerUnit[l].length, this.keptPerUnit[l]));
    this.maskRowsSeen += rows;
  }

  private trackMask(): void {
    if (!this.streamMasks) return;
    const acts = this.model.lastTrainActivations();
    if (acts) this.trackMasks(acts.masks, acts.n);
  }

  private trackGpuMask(trainer: GpuTrainer): void {
    this.trackMasks(trainer.lastMasks(), this.solver.batchSize);
  }

  private postMask(): void {
    if (!this.streamMasks) return;
    const acts = this.model.lastTrainActivations();
    if (acts) this.sendMask(this.solver.iteration, acts.n, acts.masks, acts.hidden[this.inspectedLayer]);
  }

  /** The mask the last step uploaded; the activations stay on the GPU (no readback for the panel). */
  private postGpuMask(trainer: GpuTrainer): void {
    if (this.streamMasks && trainer.iteration > 0) this.sendMask(trainer.iteration, this.solver.batchSize, trainer.lastMasks(), null);
  }

  /**
   * The inspected layer's mask of the last step, bit-packed; with the layer's ReLU output (`hidden`, the CPU path) also
   * the inspected example's activations before and after dropout.
   */
  private sendMask(iteration: number, rows: number, masks: readonly FloatArray[], hidden: FloatArray | null): void {
    this.lastMaskAt = performance.now();
    const layer = this.inspectedLayer;
    const cols = this.keptPerUnit[layer].length;
    const mask = masks[layer] ?? null;
    const { bits, keptCount } = mask ? packMask(mask, rows * cols) : allKept(rows * cols);
    const example = Math.min(this.inspectedExample, rows - 1);
    const rowsBefore = hidden ? Float32Array.from(hidden.subarray(0, rows * cols)) : null;
    const rowsAfter = rowsBefore && mask ? rowsBefore.map((v, j) => v * mask[j]) : (rowsBefore?.slice() ?? null);
    const [from, to] = [example * cols, (example + 1) * cols];
    const [before, after] = rowsBefore && rowsAfter ? [rowsBefore.slice(from, to), rowsAfter.slice(from, to)] : [null, null];
    const frame: MaskFrame = {
      iteration, layer, layers: this.keptPerUnit.length, rows, cols,
      bits: bits.buffer as ArrayBuffer, keptCount, example, before, after, rowsBefore, rowsAfter,
      keptPerUnit: mask ? this.keptPerUnit[layer].slice() : null, maskRowsSeen: this.maskRowsSeen,
    };
    const transfer: Transferable[] = [frame.bits, ...[before, after, rowsBefore, rowsAfter].flatMap((a) => (a ? [a.buffer] : []))];
    this.send({ type: 'mask', runId: this.runId, configId: this.configId, frame }, transfer);
  }

  private flushProgress(): void {
    this.lastProgressAt = performance.now();
    if (this.pendingLosses.length === 0) return;
    const losses = Float32Array.from(this.pendingLosses);
    this.pendingLosses = [];
    this.send({
      type: 'progress', runId: this.runId, configId: this.configId, firstIteration: this.firstPendingIteration,
      losses, epoch: this.solver.epoch, elapsedMs: this.activeMs, paused: this.paused,
    }, [losses.buffer]);
  }

  private finish(outcome: ConfigSummary['outcome'], message: string | null, iterations?: number): void {
    const s = this.gpu ?? this.solver;
    const last = s.checks.at(-1);
    const summary: ConfigSummary = {
      outcome,
      iterations: iterations ?? s.iteration,
      finalTrainAcc: last?.trainAcc ?? NaN,
      finalValAcc: last?.valAcc ?? NaN,
      bestValAcc: s.checks.length ? s.bestValAcc : NaN,
      bestEpoch: s.bestEpoch,
      elapsedMs: this.activeMs,
      message,
    };
    this.send({ type: 'done', runId: this.runId, configId: this.configId, summary });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private send(message: FromTrainWorker, transfer: Transferable[] = []): void {
    this.post(message, transfer);
  }
}

function allKept(length: number): { bits: Uint8Array; keptCount: number } {
  const bits = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
  return { bits, keptCount: length };
}

function validationSize(start: TrainStart): number {
  return validationCount(start.dataset);
}
