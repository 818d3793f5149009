import { drawMaskInto, type DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { createRng, deriveSeed, type Rng, type Seed } from '../random.ts';
import { checkDue, trainingSchedule, type AccuracyCheck, type SolverData } from '../solver.ts';
import { GpuKernels } from './gpuKernels.ts';

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
}

export interface GpuStepResult {
  iteration: number;
  epoch: number;
  check: AccuracyCheck | null;
  done: boolean;
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

/** Rows per chunk of a check's test-mode pass (the CPU path's bound: about 4 MB per hidden buffer). */
const CHECK_CHUNK_FLOATS = 1 << 20;

/**
 * Trains the assignment's net (affine - ReLU - dropout, ..., affine - softmax) with Adam on one WebGPU device, the
 * state resident there: data uploaded once, parameters, gradients and moments in GPU buffers. Per step only the
 * minibatch's row indices, its labels and the dropout masks go up, drawn on the CPU from the same seeded streams as
 * the CPU Solver and net, so a GPU run sees the same batches and masks as the CPU run. Nothing is read back during a
 * step: the losses stay in a GPU buffer (read in batches with `losses`), and an accuracy check reads back two counts.
 */
export class GpuTrainer {
  readonly iterationsPerEpoch: number;
  readonly numIterations: number;
  iteration = 0;
  epoch = 0;
  bestValAcc = 0;
  bestEpoch = 0;
  readonly checks: AccuracyCheck[] = [];

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
  private learningRate: number;

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
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  /** The masks uploaded for the last step, one [batch, units] array per hidden layer (for the mask panel). */
  lastMasks(): readonly Float32Array[] {
    return this.masks;
  }

  /** Records and submits one step; when a check is due, waits for its two counts. */
  async step(): Promise<GpuStepResult> {
    if (this.done) throw new Error('GpuTrainer: training is already finished');
    const { device } = this.kernels;
    const n = this.options.batchSize;
    const index = new Uint32Array(n);
    const labels = new Uint32Array(n);
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
    const encoder = device.createCommandEncoder();
    this.recordStep(encoder, n);
    device.queue.submit([encoder.finish()]);

    const t = this.iteration;
    this.iteration += 1;
    if (this.iteration % this.iterationsPerEpoch === 0) this.epoch += 1;
    const check = checkDue(t, this.iterationsPerEpoch, this.numIterations) ? await this.runCheck() : null;
    return { iteration: this.iteration, epoch: this.epoch, check, done: this.done };
  }

  /** Losses of iterations from..to-1 (0-based), read back in one copy. */
  async losses(from: number, to: number): Promise<Float32Array> {
    if (to <= from) return new Float32Array(0);
    const all = new Float32Array(await this.kernels.read(this.lossBuffer, to * 4));
    return all.slice(from, to);
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
    const buffers = [this.XTrain, this.XVal, this.batchIndex, this.batchLabels, this.batchX, this.scores, this.dscores, this.rowLoss, this.lossBuffer];
    for (const l of this.layers) buffers.push(l.W, l.b, l.dW, l.db, l.mW, l.vW, l.mb, l.vb, l.bestW, l.bestb, l.dz, ...[l.relu, l.dropped, l.mask, l.dh].filter((x): x is GPUBuffer => !!x));
    for (const b of buffers) b.destroy();
  }

  /** Forward, softmax loss, backward and Adam for the minibatch already uploaded. */
  private recordStep(encoder: GPUCommandEncoder, n: number): void {
    const k = this.kernels;
    const L = this.layers.length;
    k.gatherRows(encoder, this.XTrain, this.batchIndex, this.batchX, n, this.features);
    const inputs: GPUBuffer[] = [this.batchX];
    for (let l = 0; l < L; l++) {
      const layer = this.layers[l];
      const out = l < L - 1 ? layer.relu! : this.scores;
      k.matmul(encoder, 'NN', inputs[l], layer.W, out, n, layer.inputDim, layer.outputDim, { bias: layer.b, relu: l < L - 1 });
      if (layer.mask) {
        k.dropout(encoder, layer.relu!, layer.mask, layer.dropped!, n * layer.outputDim);
        inputs.push(layer.dropped!);
      } else inputs.push(out);
    }
    k.softmaxLoss(encoder, this.scores, this.batchLabels, this.dscores, this.rowLoss, n, this.classes);
    k.meanLoss(encoder, this.rowLoss, this.lossBuffer, n, this.iteration);
    let dout = this.dscores;
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.layers[l];
      let dz = dout;
      if (l < L - 1) {
        k.reluDropoutBackward(encoder, dout, layer.relu!, layer.mask, layer.dz, n * layer.outputDim);
        dz = layer.dz;
      }
      k.matmul(encoder, 'TN', inputs[l], dz, layer.dW, layer.inputDim, n, layer.outputDim);
      k.columnSum(encoder, dz, layer.db, n, layer.outputDim);
      if (l > 0) {
        // The gradient of this layer's input: the output of the layer below.
        const below = this.layers[l - 1];
        k.matmul(encoder, 'NT', dz, layer.W, below.dh!, n, layer.outputDim, layer.inputDim);
        dout = below.dh!;
      }
    }
    const t = this.iteration + 1;
    for (const layer of this.layers) {
      k.adam(encoder, layer.W, layer.dW, layer.mW, layer.vW, layer.inputDim * layer.outputDim, this.learningRate, t);
      k.adam(encoder, layer.b, layer.db, layer.mb, layer.vb, layer.outputDim, this.learningRate, t);
    }
  }

  /** Training and validation accuracy in test mode (training rows subsampled as the Solver's checks draw them). */
  private async runCheck(): Promise<AccuracyCheck> {
    const k = this.kernels;
    const samples = this.options.numTrainSamples ?? 1000;
    const trainRows = this.numTrain > samples
      ? Uint32Array.from({ length: samples }, () => this.batchRng.randint(this.numTrain))
      : Uint32Array.from({ length: this.numTrain }, (_, i) => i);
    const nVal = this.data.XVal.shape[0];
    const valRows = Uint32Array.from({ length: nVal }, (_, i) => i);
    const counts = k.storage(new Uint32Array(2));
    const encoder = k.device.createCommandEncoder();
    const scratch: GPUBuffer[] = [counts];
    this.recordScores(encoder, this.XTrain, trainRows, this.labelsOnCpu.train, counts, 0, scratch);
    this.recordScores(encoder, this.XVal, valRows, this.labelsOnCpu.val, counts, 1, scratch);
    k.device.queue.submit([encoder.finish()]);
    const [trainCorrect, valCorrect] = new Uint32Array(await k.read(counts, 8));
    for (const b of scratch) b.destroy();
    const trainAcc = trainCorrect / trainRows.length;
    const valAcc = valCorrect / nVal;
    if (valAcc > this.bestValAcc || this.checks.length === 0) {
      this.bestValAcc = valAcc;
      this.bestEpoch = this.epoch;
      const copy = k.device.createCommandEncoder();
      for (const l of this.layers) {
        copy.copyBufferToBuffer(l.W, 0, l.bestW, 0, l.W.size);
        copy.copyBufferToBuffer(l.b, 0, l.bestb, 0, l.b.size);
      }
      k.device.queue.submit([copy.finish()]);
    }
    const check = { iteration: this.iteration, epoch: this.epoch, trainAcc, valAcc };
    this.checks.push(check);
    return check;
  }

  /** Test-mode scores of the given rows of X, in chunks, counting correct ones into counts[slot]. */
  private recordScores(encoder: GPUCommandEncoder, X: GPUBuffer, rows: Uint32Array, y: Int32Array, counts: GPUBuffer, slot: number, scratch: GPUBuffer[]): void {
    const k = this.kernels;
    const widest = Math.max(this.features, ...this.layers.map((l) => l.outputDim));
    const chunk = Math.max(1, Math.min(rows.length, Math.floor(CHECK_CHUNK_FLOATS / widest)));
    const vanilla = this.options.scaling === 'vanilla' && this.options.keepProb !== 1;
    for (let start = 0; start < rows.length; start += chunk) {
      const count = Math.min(chunk, rows.length - start);
      const index = rows.subarray(start, start + count);
      const labels = Uint32Array.from(index, (r) => y[r]);
      const idx = k.storage(index);
      const lab = k.storage(labels);
      const input = k.storage(count * this.features);
      scratch.push(idx, lab, input);
      k.gatherRows(encoder, X, idx, input, count, this.features);
      let current = input;
      for (const [l, layer] of this.layers.entries()) {
        const hidden = l < this.layers.length - 1;
        const out = k.storage(count * layer.outputDim);
        scratch.push(out);
        k.matmul(encoder, 'NN', current, layer.W, out, count, layer.inputDim, layer.outputDim, { bias: layer.b, relu: hidden });
        current = out;
        if (hidden && vanilla) {
          // Vanilla dropout scales by p at test time; the other scalings pass activations through.
          const scaled = k.storage(count * layer.outputDim);
          scratch.push(scaled);
          k.scale(encoder, out, scaled, count * layer.outputDim, this.options.keepProb);
          current = scaled;
        }
      }
      k.correctCount(encoder, current, lab, counts, count, this.classes, slot);
    }
  }
}
