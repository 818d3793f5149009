import { drawMaskInto, type DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { createRng, deriveSeed, type Rng, type Seed } from '../random.ts';
import { checkDue, trainingSchedule, type AccuracyCheck, type SolverData } from '../solver.ts';
import { adamParams, GpuKernels, Readback, type GpuBinding, type GpuDispatch } from './gpuKernels.ts';

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
  /** An accuracy check was recorded after this step; its figures come with `collectChecks`. */
  checked: boolean;
  done: boolean;
}

/** A check recorded on the GPU whose counts have not been read back yet. */
interface PendingCheck {
  slot: number;
  iteration: number;
  epoch: number;
}

interface Layer {
  inputDim: number;
  outputDim: number;
  W: GPUBuffer;
  b: GPUBuffer;
  dW: GPUBuffer;
  db: GPUBuffer;
  /** Adam's moments of W and b. */
  mW: GPUBuffer;
  vW: GPUBuffer;
  mb: GPUBuffer;
  vb: GPUBuffer;
  bestW: GPUBuffer;
  bestb: GPUBuffer;
  /**
   * Training batch: the ReLU output, the output after dropout, the mask, the gradient of the layer's output (written
   * by the layer above) and of its pre-activation.
   */
  relu: GPUBuffer | null;
  dropped: GPUBuffer | null;
  mask: GPUBuffer | null;
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
 * Rows per chunk of a check's test-mode pass: at most 32 MB per activation buffer (the CPU path keeps 4 MB; a GPU has
 * room and fills better with large products), a multiple of 64 rows so a chunk's indices start 256-byte aligned.
 */
const CHECK_CHUNK_FLOATS = 1 << 23;
const CHUNK_ROW_MULTIPLE = 64;

/** One set of rows an accuracy check scores (the training sample or the validation set), prepared once. */
interface CheckPlan {
  rows: number;
  /** Row indices and labels, rewritten per check when the training rows are drawn anew; null: all rows in order. */
  index: GPUBuffer | null;
  labels: GPUBuffer;
  dispatches: GpuDispatch[];
}

/**
 * Trains the assignment's net (affine - ReLU - dropout, ..., affine - softmax) with Adam on one WebGPU device, the
 * state resident there: data uploaded once, parameters, gradients and moments in GPU buffers. Per step only the
 * minibatch's row indices, its labels and the dropout masks go up, drawn on the CPU from the same seeded streams as
 * the CPU Solver and net, so a GPU run sees the same batches and masks as the CPU run. Nothing is read back during
 * training: the losses stay in a GPU buffer (read in batches with `losses`); an accuracy check counts correct rows on
 * the GPU, decides there whether it beat the best (and copies the best parameters), and its counts are read back in
 * batches too (`collectChecks`), so training never waits for one.
 */
export class GpuTrainer {
  readonly iterationsPerEpoch: number;
  readonly numIterations: number;
  iteration = 0;
  epoch = 0;
  readonly checks: AccuracyCheck[] = [];
  /**
   * Time this thread spent recording and submitting the steps after the first (drawing the masks included), in ms:
   * where it is close to a run's wall time, the GPU waits for the CPU. The first step also waits for the GPU's setup.
   */
  recordMs = 0;

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

  private readonly kernels: GpuKernels;
  private readonly layers: Layer[];
  private readonly batchRng: Rng;
  private readonly maskRng: Rng;
  private readonly numTrain: number;
  private readonly features: number;
  private readonly classes: number;
  private readonly XTrain: GPUBuffer;
  private readonly XVal: GPUBuffer;
  private readonly batchIndex: GPUBuffer;
  private readonly batchLabels: GPUBuffer;
  private readonly batchX: GPUBuffer;
  private readonly scores: GPUBuffer;
  private readonly dscores: GPUBuffer;
  private readonly rowLoss: GPUBuffer;
  private readonly lossBuffer: GPUBuffer;
  private readonly masks: Float32Array<ArrayBuffer>[];
  private readonly labelsOnCpu: { train: Int32Array; val: Int32Array };
  private readonly learningRate: number;
  /** The step's dispatches, prepared once; Adam's and the loss slot's constants are rewritten per step. */
  private readonly stepDispatches: GpuDispatch[];
  private readonly adamDispatches: { dispatch: GpuDispatch; count: number }[] = [];
  private readonly meanLossDispatch: GpuDispatch;
  private readonly batchIndexOnCpu: Uint32Array<ArrayBuffer>;
  private readonly batchLabelsOnCpu: Uint32Array<ArrayBuffer>;
  private readonly checkPlans: { train: CheckPlan; val: CheckPlan };
  private readonly checkScratch: GPUBuffer[] = [];
  private readonly counts: GPUBuffer;
  /** Each check's two counts (training, validation), by check; read back in batches. */
  private readonly checkCounts: GPUBuffer;
  /** The best validation count so far, the checks seen, and whether the last check is the best (keepBestShader). */
  private readonly bestState: GPUBuffer;
  private readonly keepBestDispatches: GpuDispatch[];
  private readonly pendingChecks: PendingCheck[] = [];
  private checksRecorded = 0;
  private readonly lossReadback: Readback;
  private readonly countsReadback: Readback;
  /** Settles once the GPU has accepted the buffers and kernels made in the constructor; rejects with its error. */
  private readonly setup: Promise<void>;

  constructor(device: GPUDevice, private readonly data: SolverData, private readonly options: GpuTrainerOptions) {
    if (data.XTrain.data instanceof Float64Array) throw new Error('GpuTrainer: the GPU path trains in float32');
    this.kernels = new GpuKernels(device);
    this.numTrain = data.XTrain.shape[0];
    this.features = data.XTrain.data.length / this.numTrain;
    checkDeviceLimits(device, [
      ['the training images', data.XTrain.data.length * 4],
      ['the validation images', data.XVal.data.length * 4],
      ...[this.features, ...options.hiddenDims].map((d, i, dims): [string, number] => [`layer ${i + 1}'s weights`, d * (dims[i + 1] ?? options.numClasses) * 4]),
    ]);
    this.kernels.watchErrors();
    this.classes = options.numClasses;
    const schedule = trainingSchedule(this.numTrain, options.batchSize, options.numEpochs);
    this.iterationsPerEpoch = schedule.iterationsPerEpoch;
    this.numIterations = schedule.numIterations;
    this.learningRate = options.learningRate;
    this.batchRng = createRng(deriveSeed(options.seed, 'batches'));
    this.maskRng = createRng(options.maskSeed);
    this.labelsOnCpu = { train: data.yTrain, val: data.yVal };
    // The CPU net's own initialization, so both paths start from the same weights.
    const init = new FullyConnectedNet({
      hiddenDims: options.hiddenDims, inputDim: this.features, numClasses: options.numClasses, dropout: options.keepProb,
      weightScale: options.weightScale, dtype: 'float32', seed: options.seed, dropoutScaling: options.scaling,
    });
    const k = this.kernels;
    const n = options.batchSize;
    const dims = [this.features, ...options.hiddenDims, options.numClasses];
    const dropout = options.keepProb !== 1;
    this.layers = dims.slice(1).map((outputDim, i) => {
      const inputDim = dims[i];
      const hidden = i < dims.length - 2;
      const W = init.params[`W${i + 1}`].data as Float32Array;
      const b = init.params[`b${i + 1}`].data as Float32Array;
      return {
        inputDim, outputDim,
        W: k.storage(W), b: k.storage(b), dW: k.storage(W.length), db: k.storage(b.length),
        mW: k.storage(W.length), vW: k.storage(W.length), mb: k.storage(b.length), vb: k.storage(b.length),
        bestW: k.storage(W.length), bestb: k.storage(b.length),
        relu: hidden ? k.storage(n * outputDim) : null,
        dropped: hidden && dropout ? k.storage(n * outputDim) : null,
        mask: hidden && dropout ? k.storage(n * outputDim) : null,
        dh: hidden ? k.storage(n * outputDim) : null,
        dz: k.storage(n * outputDim),
      };
    });
    this.masks = this.layers.flatMap((l) => (l.mask ? [new Float32Array(new ArrayBuffer(n * l.outputDim * 4))] : []));
    this.XTrain = k.storage(data.XTrain.data as Float32Array);
    this.XVal = k.storage(data.XVal.data as Float32Array);
    this.batchIndex = k.storage(new Uint32Array(n));
    this.batchLabels = k.storage(new Uint32Array(n));
    this.batchX = k.storage(n * this.features);
    this.scores = k.storage(n * this.classes);
    this.dscores = k.storage(n * this.classes);
    this.rowLoss = k.storage(n);
    this.lossBuffer = k.storage(this.numIterations);
    this.batchIndexOnCpu = new Uint32Array(n);
    this.batchLabelsOnCpu = new Uint32Array(n);
    const { dispatches, meanLoss } = this.prepareStep(n);
    this.stepDispatches = dispatches;
    this.meanLossDispatch = meanLoss;
    this.counts = k.storage(2);
    const samples = options.numTrainSamples ?? 1000;
    this.checkPlans = this.prepareChecks(Math.min(samples, this.numTrain), this.numTrain > samples);
    let checks = 0;
    for (let t = 0; t < this.numIterations; t++) if (checkDue(t, this.iterationsPerEpoch, this.numIterations)) checks++;
    this.checkCounts = k.storage(2 * checks);
    this.bestState = k.storage(3);
    this.keepBestDispatches = [
      k.keepBest(this.counts, this.bestState),
      ...this.layers.flatMap((l) => [
        k.copyIfKept(l.W, l.bestW, this.bestState, l.inputDim * l.outputDim),
        k.copyIfKept(l.b, l.bestb, this.bestState, l.outputDim),
      ]),
    ];
    this.lossReadback = new Readback(device, this.numIterations * 4);
    this.countsReadback = new Readback(device, 8 * checks);
    this.setup = this.kernels.errorsSinceWatch("the training step's buffers and kernels");
    // Rethrown by the first step.
    this.setup.catch(() => {});
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  /** The masks uploaded for the last step, one [batch, units] array per hidden layer (for the mask panel). */
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
    const [index, labels] = [this.batchIndexOnCpu, this.batchLabelsOnCpu];
    for (let i = 0; i < n; i++) {
      index[i] = this.batchRng.randint(this.numTrain);
      labels[i] = this.labelsOnCpu.train[index[i]];
    }
    device.queue.writeBuffer(this.batchIndex, 0, index);
    device.queue.writeBuffer(this.batchLabels, 0, labels);
    let m = 0;
    for (const layer of this.layers) {
      if (!layer.mask) continue;
      drawMaskInto(this.masks[m], this.options.keepProb, this.options.scaling, this.maskRng);
      device.queue.writeBuffer(layer.mask, 0, this.masks[m++]);
    }
    const t = this.iteration + 1;
    for (const { dispatch, count } of this.adamDispatches) this.kernels.setParams(dispatch, adamParams(count, this.learningRate, t));
    this.kernels.setParams(this.meanLossDispatch, { n, k: this.iteration });
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
   * The checks recorded since the last call, read back in one copy: their accuracies, in order, also added to `checks`
   * with the best validation accuracy and its epoch (the GPU made the same decision from the same counts).
   */
  async collectChecks(): Promise<AccuracyCheck[]> {
    const pending = this.pendingChecks.splice(0);
    if (pending.length === 0) return [];
    const first = pending[0].slot;
    const counts = new Uint32Array(await this.countsReadback.read(this.checkCounts, first * 8, pending.length * 8));
    const nVal = this.checkPlans.val.rows;
    return pending.map(({ slot, iteration, epoch }) => {
      const [trainCorrect, valCorrect] = [counts[2 * (slot - first)], counts[2 * (slot - first) + 1]];
      const check = { iteration, epoch, trainAcc: trainCorrect / this.checkPlans.train.rows, valAcc: valCorrect / nVal };
      this.checks.push(check);
      return check;
    });
  }

  /** Drops the checks at or after an iteration (a run that diverged there reports nothing after it). */
  forgetChecksFrom(iteration: number): void {
    const kept = this.checks.filter((c) => c.iteration < iteration);
    this.checks.splice(0, this.checks.length, ...kept);
  }

  /** Losses of iterations from..to-1 (0-based), read back in one copy. */
  async losses(from: number, to: number): Promise<Float32Array> {
    if (to <= from) return new Float32Array(0);
    return new Float32Array(await this.lossReadback.read(this.lossBuffer, from * 4, (to - from) * 4));
  }

  /** The parameters kept at the best check, read back (W1, b1, W2, …). */
  async bestParams(): Promise<Record<string, Float32Array>> {
    const params: Record<string, Float32Array> = {};
    for (const [i, layer] of this.layers.entries()) {
      params[`W${i + 1}`] = new Float32Array(await this.kernels.read(layer.bestW, layer.inputDim * layer.outputDim * 4));
      params[`b${i + 1}`] = new Float32Array(await this.kernels.read(layer.bestb, layer.outputDim * 4));
    }
    return params;
  }

  destroy(): void {
    const buffers = [
      this.XTrain, this.XVal, this.batchIndex, this.batchLabels, this.batchX, this.scores, this.dscores, this.rowLoss, this.lossBuffer, this.counts,
      this.checkCounts, this.bestState, ...this.checkScratch,
      ...[...this.stepDispatches, ...this.checkPlans.train.dispatches, ...this.checkPlans.val.dispatches, ...this.keepBestDispatches].map((d) => d.params),
    ];
    for (const l of this.layers) buffers.push(l.W, l.b, l.dW, l.db, l.mW, l.vW, l.mb, l.vb, l.bestW, l.bestb, l.dz, ...[l.relu, l.dropped, l.mask, l.dh].filter((x): x is GPUBuffer => !!x));
    for (const b of buffers) b.destroy();
    this.lossReadback.destroy();
    this.countsReadback.destroy();
  }

  /** Forward, softmax loss, backward and Adam for the minibatch uploaded before each submission. */
  private prepareStep(n: number): { dispatches: GpuDispatch[]; meanLoss: GpuDispatch } {
    const k = this.kernels;
    const L = this.layers.length;
    const dispatches = [k.gatherRows(this.XTrain, this.batchIndex, this.batchX, n, this.features)];
    const inputs: GPUBuffer[] = [this.batchX];
    for (let l = 0; l < L; l++) {
      const layer = this.layers[l];
      const out = l < L - 1 ? layer.relu! : this.scores;
      dispatches.push(k.matmul('NN', inputs[l], layer.W, out, n, layer.inputDim, layer.outputDim, { bias: layer.b, relu: l < L - 1 }));
      if (layer.mask) {
        dispatches.push(k.dropout(layer.relu!, layer.mask, layer.dropped!, n * layer.outputDim));
        inputs.push(layer.dropped!);
      } else inputs.push(out);
    }
    const meanLoss = k.meanLoss(this.rowLoss, this.lossBuffer, n, 0);
    dispatches.push(k.softmaxLoss(this.scores, this.batchLabels, this.dscores, this.rowLoss, n, this.classes), meanLoss);
    let dout = this.dscores;
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.layers[l];
      let dz = dout;
      if (l < L - 1) {
        dispatches.push(k.reluDropoutBackward(dout, layer.relu!, layer.mask, layer.dz, n * layer.outputDim));
        dz = layer.dz;
      }
      dispatches.push(k.matmul('TN', inputs[l], dz, layer.dW, layer.inputDim, n, layer.outputDim), k.columnSum(dz, layer.db, n, layer.outputDim));
      if (l > 0) {
        // The gradient of this layer's input: the output of the layer below.
        const below = this.layers[l - 1];
        dispatches.push(k.matmul('NT', dz, layer.W, below.dh!, n, layer.outputDim, layer.inputDim));
        dout = below.dh!;
      }
    }
    for (const layer of this.layers) {
      for (const [w, dw, m, v, count] of [
        [layer.W, layer.dW, layer.mW, layer.vW, layer.inputDim * layer.outputDim],
        [layer.b, layer.db, layer.mb, layer.vb, layer.outputDim],
      ] as const) {
        const dispatch = k.adam(w, dw, m, v, count, this.learningRate, 1);
        this.adamDispatches.push({ dispatch, count });
        dispatches.push(dispatch);
      }
    }
    return { dispatches, meanLoss };
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

  /**
   * The checks' dispatches, prepared once: the test-mode scores of the training sample and of the validation set, in
   * chunks that share one set of activation buffers, counting correct rows into counts[0] and counts[1]. A set scored
   * whole and in order reads its images where they are; otherwise each chunk gathers its rows first.
   */
  private prepareChecks(trainRows: number, trainDrawn: boolean): { train: CheckPlan; val: CheckPlan } {
    const k = this.kernels;
    const widest = Math.max(this.features, ...this.layers.map((l) => l.outputDim));
    const chunk = Math.max(CHUNK_ROW_MULTIPLE, Math.floor((this.options.checkChunkFloats ?? CHECK_CHUNK_FLOATS) / widest / CHUNK_ROW_MULTIPLE) * CHUNK_ROW_MULTIPLE);
    const nVal = this.data.XVal.shape[0];
    const largest = Math.min(chunk, Math.max(trainRows, nVal));
    const scratch = (floats: number) => {
      const buffer = k.storage(floats);
      this.checkScratch.push(buffer);
      return buffer;
    };
    const input = scratch(largest * this.features);
    const outputs = this.layers.map((l) => scratch(largest * l.outputDim));
    const vanilla = this.options.scaling === 'vanilla' && this.options.keepProb !== 1;
    const scaled = vanilla ? this.layers.map((l) => scratch(largest * l.outputDim)) : [];
    const plan = (X: GPUBuffer, rows: number, labels: Int32Array, drawn: boolean, slot: number): CheckPlan => {
      const index = drawn || rows > chunk ? scratch(rows) : null;
      if (index && !drawn) k.device.queue.writeBuffer(index, 0, Uint32Array.from({ length: rows }, (_, i) => i));
      const labelBuffer = drawn ? scratch(rows) : k.storage(Uint32Array.from(labels.subarray(0, rows)));
      if (!drawn) this.checkScratch.push(labelBuffer);
      const dispatches: GpuDispatch[] = [];
      for (let start = 0; start < rows; start += chunk) {
        const count = Math.min(chunk, rows - start);
        const part = (buffer: GPUBuffer): GpuBinding => (index ? { buffer, offset: start * 4, size: count * 4 } : buffer);
        let current: GPUBuffer = X;
        if (index) {
          dispatches.push(k.gatherRows(X, part(index), input, count, this.features));
          current = input;
        }
        for (const [l, layer] of this.layers.entries()) {
          const hidden = l < this.layers.length - 1;
          dispatches.push(k.matmul('NN', current, layer.W, outputs[l], count, layer.inputDim, layer.outputDim, { bias: layer.b, relu: hidden }));
          current = outputs[l];
          if (hidden && vanilla) {
            // Vanilla dropout scales by p at test time; the other scalings pass activations through.
            dispatches.push(k.scale(outputs[l], scaled[l], count * layer.outputDim, this.options.keepProb));
            current = scaled[l];
          }
        }
        dispatches.push(k.correctCount(current, part(labelBuffer), this.counts, count, this.classes, slot));
      }
      return { rows, index, labels: labelBuffer, dispatches };
    };
    return {
      train: plan(this.XTrain, trainRows, this.labelsOnCpu.train, trainDrawn, 0),
      val: plan(this.XVal, nVal, this.labelsOnCpu.val, false, 1),
    };
  }
}
