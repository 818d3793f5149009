import { drawMaskInto, type DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { createRng, deriveSeed, type Rng, type Seed } from '../random.ts';
import { checkDue, checksInRun, trainingSchedule } from '../schedule.ts';
import { validateTraining, type AccuracyCheck, type SolverData } from '../solver.ts';
import type { StepMasks, Trainer, TrainerProgress, TrainerStep } from '../trainer.ts';
import { checkDeviceLimits } from './gpuDevice.ts';
import { CHECK_CHUNK_FLOATS, GpuChecks } from './gpuChecks.ts';
import { adamParams, GpuShaders, type GpuDispatch } from './gpuShaders.ts';
import { packMaskWords } from './maskWords.ts';
import { DoubleReadback } from './readback.ts';
import { createStepBuffers, stepDispatches, type StepBuffers } from './stepBuffers.ts';
import {
  maskLayout,
  parameterLayout,
  stepOps,
  type MaskLayout,
  type ParameterLayout,
  type StepShapes,
} from './stepPlan.ts';

/** What the GPU trains: the CPU path's net, data and Adam settings (Adam only, float32). */
export interface GpuTrainerOptions {
  hiddenDims: number[];
  numClasses: number;
  keepProb: number;
  scaling: DropoutScaling;
  weightScale: number;
  /** Seeds the weights and the minibatch stream, as the Solver and the net do. */
  seed: Seed;
  /** The dropout masks' stream (the CPU run's `maskSeed`). */
  maskSeed: Seed;
  learningRate: number;
  batchSize: number;
  numEpochs: number;
  /** Training rows per accuracy check (subsampled with replacement above it), as the Solver's default 1,000. */
  numTrainSamples?: number;
  /** Floats per activation buffer of a check's chunk (default 8 Mi, 32 MB); smaller in tests, to score in many chunks. */
  checkChunkFloats?: number;
}

/**
 * Trains the assignment's net (affine - ReLU - dropout, ..., affine - softmax) with Adam on one WebGPU device, the
 * state resident there. A step is `stepOps`' dispatches, made once; per step only the minibatch's row indices and
 * labels, the dropout masks (bit-packed) and two small uniforms go up (`stepUploads`), drawn on the CPU from the same
 * seeded streams as the CPU Solver and net, so a GPU run sees the same batches and masks. Nothing is waited for during
 * training: the losses stay in a GPU buffer, an accuracy check counts correct rows and keeps the best parameters on
 * the GPU, and `readProgress` copies both into one of two staging buffers, mapped while the next steps run. As a
 * Trainer, its losses and checks come with reads, and its figures' net is the CPU net it started from, given the best
 * parameters read back once at the end.
 */
export class GpuTrainer implements Trainer {
  readonly timing = 'wall';
  readonly batchSize: number;
  readonly iterationsPerEpoch: number;
  readonly numIterations: number;
  iteration = 0;
  epoch = 0;
  readonly checks: AccuracyCheck[] = [];
  /** This thread's time recording and submitting the steps after the first (masks drawn included), in ms. */
  recordMs = 0;
  /** Bytes written to the GPU by the steps (not the checks), to compare with the plan's `stepUploads`. */
  stepUploadBytes = 0;

  /** The best check so far, as the Solver keeps it (the first of the highest validation accuracies). */
  private get best(): AccuracyCheck | undefined {
    return this.checks.reduce<AccuracyCheck | undefined>(
      (best, c) => (!best || c.valAcc > best.valAcc ? c : best),
      undefined,
    );
  }

  get bestValAcc(): number {
    return this.best?.valAcc ?? 0;
  }

  get bestEpoch(): number {
    return this.best?.epoch ?? 0;
  }

  /** This thread's time per step after the first, in ms (see recordMs); null before a second step. */
  get recordMsPerStep(): number | null {
    return this.iteration > 1 ? this.recordMs / (this.iteration - 1) : null;
  }

  readonly shapes: StepShapes;
  /** The step's dispatches in order, made once (for tests: their workgroups against the plan). */
  readonly stepDispatches: readonly GpuDispatch[];
  private readonly shaders: GpuShaders;
  /** The CPU net the weights start from; it takes the best parameters for the figures. */
  private readonly net: FullyConnectedNet;
  private readonly paramLayout: ParameterLayout;
  /** The step's buffers on the GPU: parameters, moments, activations, gradients, the minibatch and the masks. */
  private readonly gpu: StepBuffers;
  private readonly batchRng: Rng;
  private readonly maskRng: Rng;
  private readonly numTrain: number;
  private readonly buffers: GPUBuffer[] = [];
  private readonly masks: Float32Array<ArrayBuffer>[];
  private readonly maskPlan: MaskLayout;
  private readonly maskUploadOnCpu: Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>;
  private readonly labelsOnCpu: { train: Int32Array; val: Int32Array };
  private readonly adamDispatch: GpuDispatch;
  private readonly meanLossDispatch: GpuDispatch;
  private readonly batchOnCpu: { index: Uint32Array<ArrayBuffer>; labels: Uint32Array<ArrayBuffer> };
  private readonly gpuChecks: GpuChecks;
  private lossesRequested = 0;
  private readonly readback: DoubleReadback;
  /** Settles once the GPU has accepted the buffers and shaders made in the constructor; rejects with its error. */
  private readonly setup: Promise<void>;

  constructor(
    device: GPUDevice,
    data: SolverData,
    private readonly options: GpuTrainerOptions,
  ) {
    if (data.XTrain.data instanceof Float64Array) throw new Error('GpuTrainer: the GPU path trains in float32');
    validateTraining(data, { ...options, lrDecay: 1 });
    const k = (this.shaders = new GpuShaders(device));
    this.numTrain = data.XTrain.shape[0];
    const features = data.XTrain.data.length / this.numTrain;
    const n = (this.batchSize = options.batchSize);
    this.shapes = {
      batchSize: n,
      inputDim: features,
      hiddenDims: options.hiddenDims,
      numClasses: options.numClasses,
      keepProb: options.keepProb,
      scaling: options.scaling,
    };
    this.paramLayout = parameterLayout(this.shapes);
    checkDeviceLimits(device, [
      ['the training images', data.XTrain.data.length * 4],
      ['the validation images', data.XVal.data.length * 4],
      ['the parameters', this.paramLayout.total * 4],
    ]);
    k.watchErrors();
    const schedule = trainingSchedule(this.numTrain, n, options.numEpochs);
    this.iterationsPerEpoch = schedule.iterationsPerEpoch;
    this.numIterations = schedule.numIterations;
    this.batchRng = createRng(deriveSeed(options.seed, 'batches'));
    this.maskRng = createRng(options.maskSeed);
    this.labelsOnCpu = { train: data.yTrain, val: data.yVal };
    // The CPU net's own initialization, so both paths start from the same weights.
    const init = (this.net = new FullyConnectedNet({
      hiddenDims: options.hiddenDims,
      inputDim: features,
      numClasses: options.numClasses,
      dropout: options.keepProb,
      weightScale: options.weightScale,
      dtype: 'float32',
      seed: options.seed,
      dropoutScaling: options.scaling,
    }));
    const buffer = (data: number | Float32Array | Uint32Array) => {
      const made = k.storage(data);
      this.buffers.push(made);
      return made;
    };
    const initial = new Float32Array(this.paramLayout.total);
    this.paramLayout.layers.forEach(({ W, b }, i) => {
      initial.set(init.params[`W${i + 1}`].data, W.offset);
      initial.set(init.params[`b${i + 1}`].data, b.offset);
    });
    this.maskPlan = maskLayout(this.shapes);
    this.gpu = createStepBuffers(this.shapes, initial, data.XTrain.data, this.numIterations, buffer);
    this.maskUploadOnCpu =
      this.maskPlan.encoding === 'bits'
        ? new Uint32Array(this.maskPlan.uploadLength)
        : new Float32Array(this.maskPlan.uploadLength);
    this.masks = this.maskPlan.layers.map((_, i) => new Float32Array(n * options.hiddenDims[i]));
    this.batchOnCpu = { index: new Uint32Array(n), labels: new Uint32Array(n) };
    const ops = stepOps(this.shapes);
    const made = ops.map((op) => stepDispatches(k, this.gpu, this.shapes, op, options.learningRate));
    this.stepDispatches = made.flat();
    this.meanLossDispatch = made[ops.findIndex((op) => op.kind === 'meanLoss')][0];
    this.adamDispatch = made[ops.findIndex((op) => op.kind === 'adam')][0];
    const samples = options.numTrainSamples ?? 1000;
    this.gpuChecks = new GpuChecks(
      k,
      {
        features,
        classes: options.numClasses,
        layers: this.gpu.layers,
        keepProb: options.keepProb,
        scaling: options.scaling,
      },
      {
        train: {
          X: this.gpu.XTrain,
          rows: Math.min(samples, this.numTrain),
          labels: data.yTrain,
          drawn: this.numTrain > samples,
        },
        val: { X: buffer(data.XVal.data as Float32Array), rows: data.XVal.shape[0], labels: data.yVal, drawn: false },
      },
      options.checkChunkFloats ?? CHECK_CHUNK_FLOATS,
      checksInRun(schedule),
      { ...this.gpu.flat, total: this.paramLayout.total },
      this.buffers,
    );
    this.readback = new DoubleReadback(device, this.numIterations * 4 + this.gpuChecks.capacity);
    this.setup = k.errorsSinceWatch("the training step's buffers and kernels"); // shown to a person as it is
    // Rethrown by the first step.
    this.setup.catch(() => {});
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  /** The masks drawn for the last step, one [batch, units] array per hidden layer; the activations stay on the GPU. */
  lastMasks(): StepMasks | null {
    return this.iteration > 0 ? { rows: this.batchSize, masks: this.masks, hidden: null } : null;
  }

  /** The parameters stay on the GPU while training. */
  liveNet(): null {
    return null;
  }

  /** The CPU net with the best parameters, read back once. */
  async trainedNet(): Promise<FullyConnectedNet> {
    for (const [name, values] of Object.entries(await this.bestParams())) this.net.params[name].data.set(values);
    return this.net;
  }

  /** Records and submits one step, and the accuracy check after it when one is due; waits for nothing. */
  async step(): Promise<TrainerStep> {
    if (this.done) throw new Error('GpuTrainer: training is already finished');
    const { device } = this.shaders;
    // The first step and its check are the first submissions: wait once for the GPU to accept them.
    const first = this.iteration === 0;
    if (first) {
      await this.setup;
      this.shaders.watchErrors();
    }
    const started = performance.now();
    const n = this.options.batchSize;
    const { index, labels } = this.batchOnCpu;
    for (let i = 0; i < n; i++) {
      index[i] = this.batchRng.randint(this.numTrain);
      labels[i] = this.labelsOnCpu.train[index[i]];
    }
    this.upload(this.gpu.batch.index, index);
    this.upload(this.gpu.batch.labels, labels);
    if (this.gpu.maskUpload) {
      const upload = this.maskUploadOnCpu;
      this.maskPlan.layers.forEach(({ offset, length }, l) => {
        drawMaskInto(this.masks[l], this.options.keepProb, this.options.scaling, this.maskRng);
        if (upload instanceof Uint32Array) packMaskWords(this.masks[l], upload.subarray(offset, offset + length));
        else upload.set(this.masks[l], offset);
      });
      this.upload(this.gpu.maskUpload, upload.subarray(0, this.maskPlan.uploadLength));
    }
    this.stepUploadBytes += this.shaders.setParams(
      this.adamDispatch,
      adamParams(this.paramLayout.total, this.options.learningRate, this.iteration + 1),
    );
    this.stepUploadBytes += this.shaders.setParams(this.meanLossDispatch, { n, k: this.iteration });
    const encoder = device.createCommandEncoder();
    this.shaders.encode(encoder, this.stepDispatches);
    device.queue.submit([encoder.finish()]);

    const step = this.iteration;
    this.iteration += 1;
    if (this.iteration % this.iterationsPerEpoch === 0) this.epoch += 1;
    // The check's figures come with a later read.
    if (checkDue(step, this.iterationsPerEpoch, this.numIterations))
      this.gpuChecks.record(
        this.iteration,
        this.epoch,
        () => this.batchRng.randint(this.numTrain),
        this.labelsOnCpu.train,
      );
    if (first) await this.shaders.errorsSinceWatch('the first training step');
    else this.recordMs += performance.now() - started;
    return { iteration: this.iteration, epoch: this.epoch, loss: null, check: null, done: this.done };
  }

  /**
   * Copies the losses and the checks' counts recorded since the last read into a free staging buffer, after the steps
   * submitted so far, and maps it while later steps run; null where both staging buffers are still in flight (the
   * next read covers more). Reads settle in order; each check is also added to `checks`.
   */
  readProgress(): Promise<TrainerProgress> | null {
    const from = this.lossesRequested;
    const losses = { source: this.gpu.batch.losses, offset: from * 4, bytes: (this.iteration - from) * 4 };
    if (!this.readback.free) return null;
    const { checks, part } = this.gpuChecks.takePending();
    const read = this.readback.tryRead([losses, part])!;
    this.lossesRequested = this.iteration;
    return read.then(([lossBytes, countBytes]) => {
      const collected = this.gpuChecks.accuracies(checks, countBytes);
      this.checks.push(...collected);
      return { from, losses: new Float32Array(lossBytes), checks: collected };
    });
  }

  /** Waits for the reads in flight, then reads everything not read yet (at a pause, at the end). */
  async drainProgress(): Promise<TrainerProgress> {
    await this.readback.settled();
    const read = this.readProgress();
    if (!read) throw new Error('GpuTrainer: a staging buffer is still in flight after the reads settled');
    return read;
  }

  /** Drops the checks at or after an iteration (a run that diverged there reports nothing after it). */
  forgetChecksFrom(iteration: number): void {
    const kept = this.checks.filter((c) => c.iteration < iteration);
    this.checks.splice(0, this.checks.length, ...kept);
  }

  /** The parameters kept at the best check, read back (W1, b1, W2, …). */
  async bestParams(): Promise<Record<string, Float32Array>> {
    const best = new Float32Array(await this.shaders.read(this.gpu.flat.best, this.paramLayout.total * 4));
    const params: Record<string, Float32Array> = {};
    this.paramLayout.layers.forEach(({ W, b }, i) => {
      params[`W${i + 1}`] = best.slice(W.offset, W.offset + W.count);
      params[`b${i + 1}`] = best.slice(b.offset, b.offset + b.count);
    });
    return params;
  }

  dispose(): void {
    for (const b of this.buffers) b.destroy();
    this.shaders.destroy();
    this.readback.destroy();
  }

  private upload(buffer: GPUBuffer, data: Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>): void {
    this.shaders.device.queue.writeBuffer(buffer, 0, data);
    this.stepUploadBytes += data.byteLength;
  }
}
