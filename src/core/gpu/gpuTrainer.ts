import { drawMaskInto, type DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { createRng, deriveSeed, type Rng, type Seed } from '../random.ts';
import { checkDue, trainingSchedule, type AccuracyCheck, type SolverData } from '../solver.ts';
import { CHECK_CHUNK_FLOATS, prepareCheckPlans, type CheckPlan } from './gpuChecks.ts';
import { adamParams, GpuKernels, type GpuBinding, type GpuDispatch, type GpuMask } from './gpuKernels.ts';
import { packMaskWords } from './maskWords.ts';
import { DoubleReadback } from './readback.ts';
import {
  matmulShape, maskLayout, opCount, parameterLayout, stepOps, type MaskLayout, type ParameterLayout, type StepOp, type StepShapes,
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

export interface GpuStepResult {
  iteration: number;
  epoch: number;
  /** An accuracy check was recorded after this step; its figures come with a later `readProgress`. */
  checked: boolean;
  done: boolean;
}

/** What one read brings back: the losses of iterations from+1..from+losses.length, and the checks recorded since the last. */
export interface GpuProgress {
  from: number;
  losses: Float32Array;
  checks: AccuracyCheck[];
}

/** A check recorded on the GPU whose counts have not been read back yet. */
interface PendingCheck {
  slot: number;
  iteration: number;
  epoch: number;
}

/** A layer's tensors: parameters, gradients and moments are parts of flat buffers (see parameterLayout). */
interface Layer {
  inputDim: number;
  outputDim: number;
  W: GpuBinding;
  b: GpuBinding;
  dW: GpuBinding;
  db: GpuBinding;
  /** Training batch: the ReLU output, the output after dropout, the gradient of the layer's output and of its pre-activation. */
  relu: GPUBuffer | null;
  dropped: GPUBuffer | null;
  mask: GpuMask | null;
  dh: GPUBuffer | null;
  dz: GPUBuffer;
}

/** Refuses, naming the limit, data or weights larger than one buffer of this device may be. */
export function checkDeviceLimits(device: GPUDevice, buffers: [string, number][]): void {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  for (const [what, bytes] of buffers) {
    if (bytes > limit) {
      throw new RangeError(
        `${what} take ${(bytes / 1e6).toFixed(0)} MB, more than this GPU's largest buffer (${(limit / 1e6).toFixed(0)} MB, maxStorageBufferBindingSize): ` +
        'use fewer training examples, a smaller net, or Exact or Fast on the CPU',
      );
    }
  }
}

/**
 * Trains the assignment's net (affine - ReLU - dropout, ..., affine - softmax) with Adam on one WebGPU device, the
 * state resident there. A step is `stepOps`' dispatches, made once; per step only the minibatch's row indices and
 * labels, the dropout masks (bit-packed) and two small uniforms go up (`stepUploads`), drawn on the CPU from the same
 * seeded streams as the CPU Solver and net, so a GPU run sees the same batches and masks. Nothing is waited for during
 * training: the losses stay in a GPU buffer, an accuracy check counts correct rows and keeps the best parameters on
 * the GPU, and `readProgress` copies both into one of two staging buffers, mapped while the next steps run.
 */
export class GpuTrainer {
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
    return this.checks.reduce<AccuracyCheck | undefined>((best, c) => (!best || c.valAcc > best.valAcc ? c : best), undefined);
  }

  get bestValAcc(): number {
    return this.best?.valAcc ?? 0;
  }

  get bestEpoch(): number {
    return this.best?.epoch ?? 0;
  }

  readonly shapes: StepShapes;
  /** The step's dispatches in order, made once (for tests: their workgroups against the plan). */
  readonly stepDispatches: readonly GpuDispatch[];
  private readonly kernels: GpuKernels;
  private readonly paramLayout: ParameterLayout;
  private readonly flat: Record<'params' | 'grads' | 'm' | 'v' | 'best', GPUBuffer>;
  private readonly layers: Layer[];
  private readonly batchRng: Rng;
  private readonly maskRng: Rng;
  private readonly numTrain: number;
  private readonly XTrain: GPUBuffer;
  private readonly buffers: GPUBuffer[] = [];
  private readonly batch: Record<'X' | 'index' | 'labels' | 'scores' | 'dscores' | 'rowLoss' | 'losses', GPUBuffer>;
  private readonly masks: Float32Array<ArrayBuffer>[];
  private readonly maskPlan: MaskLayout;
  private readonly maskUpload: GPUBuffer | null;
  private readonly maskUploadOnCpu: Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>;
  private readonly labelsOnCpu: { train: Int32Array; val: Int32Array };
  private readonly adamDispatch: GpuDispatch;
  private readonly meanLossDispatch: GpuDispatch;
  private readonly batchOnCpu: { index: Uint32Array<ArrayBuffer>; labels: Uint32Array<ArrayBuffer> };
  private readonly checkPlans: { train: CheckPlan; val: CheckPlan };
  private readonly counts: GPUBuffer;
  /** Each check's two counts (training, validation), by check; read back with the losses. */
  private readonly checkCounts: GPUBuffer;
  /** The best validation count so far, the checks seen, and whether the last check is the best (keepBestShader). */
  private readonly bestState: GPUBuffer;
  private readonly keepBestDispatches: GpuDispatch[];
  private readonly pendingChecks: PendingCheck[] = [];
  private checksRecorded = 0;
  private lossesRequested = 0;
  private readonly readback: DoubleReadback;
  /** Settles once the GPU has accepted the buffers and kernels made in the constructor; rejects with its error. */
  private readonly setup: Promise<void>;

  constructor(device: GPUDevice, data: SolverData, private readonly options: GpuTrainerOptions) {
    if (data.XTrain.data instanceof Float64Array) throw new Error('GpuTrainer: the GPU path trains in float32');
    const k = (this.kernels = new GpuKernels(device));
    this.numTrain = data.XTrain.shape[0];
    const features = data.XTrain.data.length / this.numTrain;
    const n = options.batchSize;
    this.shapes = { batchSize: n, inputDim: features, hiddenDims: options.hiddenDims, numClasses: options.numClasses, keepProb: options.keepProb, scaling: options.scaling };
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
    const init = new FullyConnectedNet({
      hiddenDims: options.hiddenDims, inputDim: features, numClasses: options.numClasses, dropout: options.keepProb,
      weightScale: options.weightScale, dtype: 'float32', seed: options.seed, dropoutScaling: options.scaling,
    });
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
    this.flat = { params: buffer(initial), grads: buffer(initial.length), m: buffer(initial.length), v: buffer(initial.length), best: buffer(initial.length) };
    this.maskPlan = maskLayout(this.shapes);
    const bits = this.maskPlan.encoding === 'bits';
    const uploadLength = Math.max(1, this.maskPlan.uploadLength);
    this.maskUploadOnCpu = bits ? new Uint32Array(uploadLength) : new Float32Array(uploadLength);
    this.maskUpload = this.maskPlan.layers.length ? buffer(uploadLength) : null;
    const part = (buf: GPUBuffer, { offset, count }: { offset: number; count: number }): GpuBinding => ({ buffer: buf, offset: offset * 4, size: count * 4 });
    const L = options.hiddenDims.length + 1;
    this.layers = this.paramLayout.layers.map(({ W, b }, i) => {
      const outputDim = b.count;
      const hidden = i < L - 1;
      const maskPart = this.maskPlan.layers[i];
      const maskBinding = maskPart && this.maskUpload ? { buffer: this.maskUpload, offset: maskPart.offset * 4, size: maskPart.length * 4 } : null;
      const mask: GpuMask | null = !maskBinding ? null
        : bits ? { encoding: 'bits', buffer: maskBinding, keptValue: options.scaling === 'inverted' ? Math.fround(1 / options.keepProb) : 1 }
        : { encoding: 'floats', buffer: maskBinding };
      return {
        inputDim: W.count / outputDim, outputDim,
        W: part(this.flat.params, W), b: part(this.flat.params, b), dW: part(this.flat.grads, W), db: part(this.flat.grads, b),
        relu: hidden ? buffer(n * outputDim) : null,
        dropped: mask ? buffer(n * outputDim) : null,
        mask,
        dh: hidden ? buffer(n * outputDim) : null,
        dz: buffer(n * outputDim),
      };
    });
    this.masks = this.maskPlan.layers.map((_, i) => new Float32Array(n * options.hiddenDims[i]));
    this.batch = {
      X: buffer(n * features), index: buffer(new Uint32Array(n)), labels: buffer(new Uint32Array(n)), scores: buffer(n * options.numClasses),
      dscores: buffer(n * options.numClasses), rowLoss: buffer(n), losses: buffer(this.numIterations),
    };
    this.batchOnCpu = { index: new Uint32Array(n), labels: new Uint32Array(n) };
    this.XTrain = buffer(data.XTrain.data as Float32Array);
    const XVal = buffer(data.XVal.data as Float32Array);
    const ops = stepOps(this.shapes);
    const made = ops.map((op) => this.dispatchesFor(op));
    this.stepDispatches = made.flat();
    this.meanLossDispatch = made[ops.findIndex((op) => op.kind === 'meanLoss')][0];
    this.adamDispatch = made[ops.findIndex((op) => op.kind === 'adam')][0];
    this.counts = buffer(2);
    const samples = options.numTrainSamples ?? 1000;
    const trainRows = Math.min(samples, this.numTrain);
    this.checkPlans = prepareCheckPlans(
      k, { features, classes: options.numClasses, layers: this.layers, keepProb: options.keepProb, scaling: options.scaling }, this.counts,
      {
        train: { X: this.XTrain, rows: trainRows, labels: data.yTrain, drawn: this.numTrain > samples },
        val: { X: XVal, rows: data.XVal.shape[0], labels: data.yVal, drawn: false },
      },
      options.checkChunkFloats ?? CHECK_CHUNK_FLOATS, this.buffers,
    );
    let checks = 0;
    for (let t = 0; t < this.numIterations; t++) if (checkDue(t, this.iterationsPerEpoch, this.numIterations)) checks++;
    this.checkCounts = buffer(2 * checks);
    this.bestState = buffer(3);
    this.keepBestDispatches = [k.keepBest(this.counts, this.bestState), k.copyIfKept(this.flat.params, this.flat.best, this.bestState, this.paramLayout.total)];
    this.readback = new DoubleReadback(device, this.numIterations * 4 + 8 * checks);
    this.setup = k.errorsSinceWatch("the training step's buffers and kernels");
    // Rethrown by the first step.
    this.setup.catch(() => {});
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  /** The masks drawn for the last step, one [batch, units] array per hidden layer (for the mask panel). */
  lastMasks(): readonly Float32Array[] {
    return this.masks;
  }

  /** Records and submits one step, and the accuracy check after it when one is due; waits for nothing. */
  async step(): Promise<GpuStepResult> {
    if (this.done) throw new Error('GpuTrainer: training is already finished');
    const { device } = this.kernels;
    // The first step and its check are the first submissions: wait once for the GPU to accept them.
    const first = this.iteration === 0;
    if (first) {
      await this.setup;
      this.kernels.watchErrors();
    }
    const started = performance.now();
    const n = this.options.batchSize;
    const { index, labels } = this.batchOnCpu;
    for (let i = 0; i < n; i++) {
      index[i] = this.batchRng.randint(this.numTrain);
      labels[i] = this.labelsOnCpu.train[index[i]];
    }
    this.upload(this.batch.index, index);
    this.upload(this.batch.labels, labels);
    if (this.maskUpload) {
      const upload = this.maskUploadOnCpu;
      this.maskPlan.layers.forEach(({ offset, length }, l) => {
        drawMaskInto(this.masks[l], this.options.keepProb, this.options.scaling, this.maskRng);
        if (upload instanceof Uint32Array) packMaskWords(this.masks[l], upload.subarray(offset, offset + length));
        else upload.set(this.masks[l], offset);
      });
      this.upload(this.maskUpload, upload.subarray(0, this.maskPlan.uploadLength));
    }
    this.stepUploadBytes += this.kernels.setParams(this.adamDispatch, adamParams(this.paramLayout.total, this.options.learningRate, this.iteration + 1));
    this.stepUploadBytes += this.kernels.setParams(this.meanLossDispatch, { n, k: this.iteration });
    const encoder = device.createCommandEncoder();
    this.kernels.encode(encoder, this.stepDispatches);
    device.queue.submit([encoder.finish()]);

    const step = this.iteration;
    this.iteration += 1;
    if (this.iteration % this.iterationsPerEpoch === 0) this.epoch += 1;
    const checked = checkDue(step, this.iterationsPerEpoch, this.numIterations);
    if (checked) this.recordCheck();
    if (first) await this.kernels.errorsSinceWatch('the first training step');
    else this.recordMs += performance.now() - started;
    return { iteration: this.iteration, epoch: this.epoch, checked, done: this.done };
  }

  /**
   * Copies the losses and the checks' counts recorded since the last read into a free staging buffer, after the steps
   * submitted so far, and maps it while later steps run; null where both staging buffers are still in flight (the
   * next read covers more). Reads settle in order; each check is also added to `checks`.
   */
  readProgress(): Promise<GpuProgress> | null {
    const from = this.lossesRequested;
    const pending = this.pendingChecks;
    const firstSlot = pending[0]?.slot ?? 0;
    const read = this.readback.tryRead([
      { source: this.batch.losses, offset: from * 4, bytes: (this.iteration - from) * 4 },
      { source: this.checkCounts, offset: firstSlot * 8, bytes: pending.length * 8 },
    ]);
    if (!read) return null;
    this.lossesRequested = this.iteration;
    const checks = pending.splice(0);
    return read.then(([losses, countBytes]) => {
      const counts = new Uint32Array(countBytes);
      const [nTrain, nVal] = [this.checkPlans.train.rows, this.checkPlans.val.rows];
      const collected = checks.map(({ iteration, epoch }, i) => {
        const check = { iteration, epoch, trainAcc: counts[2 * i] / nTrain, valAcc: counts[2 * i + 1] / nVal };
        this.checks.push(check);
        return check;
      });
      return { from, losses: new Float32Array(losses), checks: collected };
    });
  }

  /** Waits for the reads in flight, then reads everything not read yet (at a pause, at the end). */
  async drainProgress(): Promise<GpuProgress> {
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
    const best = new Float32Array(await this.kernels.read(this.flat.best, this.paramLayout.total * 4));
    const params: Record<string, Float32Array> = {};
    this.paramLayout.layers.forEach(({ W, b }, i) => {
      params[`W${i + 1}`] = best.slice(W.offset, W.offset + W.count);
      params[`b${i + 1}`] = best.slice(b.offset, b.offset + b.count);
    });
    return params;
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.kernels.destroy();
    this.readback.destroy();
  }

  private upload(buffer: GPUBuffer, data: Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>): void {
    this.kernels.device.queue.writeBuffer(buffer, 0, data);
    this.stepUploadBytes += data.byteLength;
  }

  /** One operation of the step (stepOps) as dispatches on this trainer's buffers. */
  private dispatchesFor(op: StepOp): GpuDispatch[] {
    const k = this.kernels;
    const { batch, layers } = this;
    const n = this.options.batchSize;
    const L = layers.length;
    const count = opCount(this.shapes, op);
    const shape = matmulShape(this.shapes, op);
    // A layer's input in the forward pass: the minibatch, or the layer below's output after its dropout.
    const input = (l: number): GPUBuffer => (l === 0 ? batch.X : (layers[l - 1].dropped ?? layers[l - 1].relu!));
    // The gradient of a layer's output: the scores' from the loss, or written by the layer above.
    const dout = (l: number): GPUBuffer => (l === L - 1 ? batch.dscores : layers[l].dh!);
    const dz = (l: number): GPUBuffer => (l === L - 1 ? batch.dscores : layers[l].dz);
    switch (op.kind) {
      case 'gather': return [k.gatherRows(this.XTrain, batch.index, batch.X, n, this.shapes.inputDim)];
      case 'forward': {
        const l = layers[op.layer];
        const out = op.layer < L - 1 ? l.relu! : batch.scores;
        return k.matmul('NN', input(op.layer), l.W, out, shape!.M, shape!.K, shape!.N, { bias: l.b, relu: op.layer < L - 1 });
      }
      case 'dropout': return [k.dropout(layers[op.layer].relu!, layers[op.layer].mask!, layers[op.layer].dropped!, count)];
      case 'softmaxLoss': return [k.softmaxLoss(batch.scores, batch.labels, batch.dscores, batch.rowLoss, n, this.shapes.numClasses)];
      case 'meanLoss': return [k.meanLoss(batch.rowLoss, batch.losses, n, 0)];
      case 'reluDropoutBackward': return [k.reluDropoutBackward(dout(op.layer), layers[op.layer].relu!, layers[op.layer].mask, layers[op.layer].dz, count)];
      case 'weightGrad': return k.matmul('TN', input(op.layer), dz(op.layer), layers[op.layer].dW, shape!.M, shape!.K, shape!.N);
      case 'biasGrad': return [k.columnSum(dz(op.layer), layers[op.layer].db, n, count)];
      case 'inputGrad': return k.matmul('NT', dz(op.layer), layers[op.layer].W, layers[op.layer - 1].dh!, shape!.M, shape!.K, shape!.N);
      case 'adam': return [k.adam(this.flat.params, this.flat.grads, this.flat.m, this.flat.v, count, this.options.learningRate, 1)];
    }
  }

  /**
   * Records an accuracy check in test mode (training rows subsampled as the Solver's checks draw them): the counts into
   * this check's slot, the decision whether it is the best and the copy of the best parameters, all on the GPU.
   */
  private recordCheck(): void {
    const k = this.kernels;
    const { train, val } = this.checkPlans;
    if (train.index) {
      const rows = Uint32Array.from({ length: train.rows }, () => this.batchRng.randint(this.numTrain));
      k.device.queue.writeBuffer(train.index, 0, rows);
      k.device.queue.writeBuffer(train.labels, 0, Uint32Array.from(rows, (r) => this.labelsOnCpu.train[r]));
    }
    const slot = this.checksRecorded++;
    const encoder = k.device.createCommandEncoder();
    encoder.clearBuffer(this.counts);
    k.encode(encoder, [...train.dispatches, ...val.dispatches, ...this.keepBestDispatches]);
    encoder.copyBufferToBuffer(this.counts, 0, this.checkCounts, slot * 8, 8);
    k.device.queue.submit([encoder.finish()]);
    this.pendingChecks.push({ slot, iteration: this.iteration, epoch: this.epoch });
  }
}
