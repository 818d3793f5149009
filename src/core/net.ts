import { checkKeepProb, checkLabels, sigmoidCrossEntropyInto, softmaxLossInto, type DropoutScaling } from './layers.ts';
import {
  AffineStage,
  buildStages,
  DropoutStage,
  fullyConnectedSpec,
  type LayerSpec,
  type Pass,
  type Stage,
} from './netLayers.ts';
import { allocateOperand } from './kernels/index.ts';
import { createRng, deriveSeed, type Rng, type Seed } from './random.ts';
import { allocate, type DType, type FloatArray, type Tensor } from './tensor.ts';

/**
 * What the last layer's scores are trained against: class labels through a softmax (the assignment's classifier), or
 * the input itself through a sigmoid and cross-entropy (the dropout paper's autoencoder, section 7.1; inputs in 0..1).
 */
export type ModelKind = 'classifier' | 'autoencoder';

/**
 * How the initial weights are drawn: `weightScale * randn` (the assignment's), or by fan-in, N(0, 2 / fan_in) for
 * layers followed by a ReLU and N(0, 1 / fan_in) for the last (the paper reference's autoencoder).
 */
export type WeightInit = 'weightScale' | 'fanIn';

export interface FullyConnectedNetOptions {
  hiddenDims: number[];
  inputDim: number;
  /** The last layer's width: the classes, or (an autoencoder) the input width again. */
  numClasses: number;
  /** 'classifier' unless given. */
  model?: ModelKind;
  /** 'weightScale' unless given. */
  init?: WeightInit;
  /** Keep probability of the dropout after every ReLU; 1 means no dropout. */
  dropout?: number;
  reg?: number;
  weightScale?: number;
  dtype?: DType;
  /** Seeds the initial weights (and, unless `maskSeed` is given, the masks' stream). */
  seed?: Seed;
  /** When set, every train-mode call draws the same masks (for gradient checks). */
  dropoutSeed?: Seed;
  /** Seeds the stream masks come from when `dropoutSeed` is not set. */
  maskSeed?: Seed;
  dropoutScaling?: DropoutScaling;
}

export type Params = Record<string, Tensor>;

export interface LossAndGrads {
  loss: number;
  /** Buffers owned by the net: valid until its next `loss` call. */
  grads: Params;
}

/**
 * What the Solver trains: parameters by name, a test-mode pass (scores) and a train-mode pass
 * (loss and gradients). The CPU net below is one. A compute backend that keeps its state
 * elsewhere plugs in above the Solver, as a whole Trainer (trainer.ts): the GPU trainer
 * (gpu/gpuTrainer.ts) runs the Solver's schedule (schedule.ts) on the device beside it.
 */
export interface TrainableModel {
  readonly params: Params;
  /** Input width, hidden widths, classes. */
  readonly dims: readonly number[];
  loss(X: Tensor): Tensor;
  loss(X: Tensor, y: Int32Array): LossAndGrads;
}

export function validateNetOptions(o: FullyConnectedNetOptions): void {
  const positiveInt = (v: number, what: string) => {
    if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`${what} must be a positive integer, got ${v}`);
  };
  positiveInt(o.inputDim, 'inputDim');
  positiveInt(o.numClasses, 'numClasses');
  if (!Array.isArray(o.hiddenDims)) throw new TypeError('hiddenDims must be an array');
  o.hiddenDims.forEach((h, i) => positiveInt(h, `hiddenDims[${i}]`));
  checkKeepProb(o.dropout ?? 1);
  if ((o.model ?? 'classifier') === 'autoencoder' && o.numClasses !== o.inputDim) {
    throw new RangeError(`an autoencoder's output width must be its input width (${o.inputDim}), got ${o.numClasses}`);
  }
  if (!(Number.isFinite(o.reg ?? 0) && (o.reg ?? 0) >= 0)) throw new RangeError(`reg must be >= 0, got ${o.reg}`);
  const ws = o.weightScale ?? 1e-2;
  if (!(Number.isFinite(ws) && ws > 0)) throw new RangeError(`weightScale must be > 0, got ${ws}`);
}

/** The loss's buffers for one batch size: the scores' gradient and two hidden-gradient buffers used in turn. */
interface GradientBuffers {
  dscores: FloatArray;
  dh: [FloatArray, FloatArray];
}

/**
 * {affine - relu - [dropout]} x (L - 1) - affine - softmax, as the assignment's
 * FullyConnectedNet (without batch normalization), run as the stages of its layer
 * description (netLayers.ts). Buffers are kept per batch size, so training allocates
 * nothing after the first step.
 */
export class FullyConnectedNet implements TrainableModel {
  readonly params: Params = {};
  readonly numLayers: number;
  readonly dims: number[];
  readonly keepProb: number;
  readonly useDropout: boolean;
  readonly reg: number;
  readonly dtype: DType;
  readonly dropoutScaling: DropoutScaling;
  readonly model: ModelKind;
  /** The layers, as described; `stages` runs them. */
  readonly layers: readonly LayerSpec[];
  private readonly stages: Stage[];
  private readonly dropoutSeed: Seed | undefined;
  private readonly maskRng: Rng;
  private readonly grads: Params = {};
  private readonly gradientBuffers = new Map<number, GradientBuffers>();
  private lastTrainBatch: number | null = null;

  constructor(options: FullyConnectedNetOptions) {
    validateNetOptions(options);
    const { hiddenDims, inputDim, numClasses } = options;
    this.dtype = options.dtype ?? 'float32';
    this.keepProb = options.dropout ?? 1;
    this.useDropout = this.keepProb !== 1;
    this.reg = options.reg ?? 0;
    this.dropoutScaling = options.dropoutScaling ?? 'inverted';
    this.model = options.model ?? 'classifier';
    this.dropoutSeed = options.dropoutSeed;
    const seed = options.seed ?? 0;
    this.maskRng = createRng(options.maskSeed ?? deriveSeed(seed, 'masks'));
    this.dims = [inputDim, ...hiddenDims, numClasses];
    this.numLayers = hiddenDims.length + 1;
    this.layers = fullyConnectedSpec(this.dims, this.keepProb, this.dropoutScaling);

    // weight_scale * randn (or the fan-in scale) for every W, in layer order; zero biases.
    const weightRng = createRng(deriveSeed(seed, 'weights'));
    for (const layer of this.layers) {
      if (layer.kind !== 'affine') continue;
      const { index, inputDim: d, outputDim: m } = layer;
      const scale = initialScale(options, d, index === this.numLayers);
      const w = allocateOperand(this.dtype, d * m);
      for (let i = 0; i < w.length; i++) w[i] = scale * weightRng.normal();
      this.params[`W${index}`] = { data: w, shape: [d, m] };
      this.params[`b${index}`] = { data: allocateOperand(this.dtype, m), shape: [m] };
      this.grads[`W${index}`] = { data: allocateOperand(this.dtype, d * m), shape: [d, m] };
      this.grads[`b${index}`] = { data: allocateOperand(this.dtype, m), shape: [m] };
    }
    this.stages = buildStages(this.layers, { dtype: this.dtype, params: this.params, grads: this.grads });
  }

  /** Test mode: the class scores, a buffer owned by the net (valid until its next call). */
  loss(X: Tensor): Tensor;
  /** Train mode: the loss and the gradients of every parameter (an autoencoder's target is X; it ignores y). */
  loss(X: Tensor, y: Int32Array): LossAndGrads;
  loss(X: Tensor, y?: Int32Array): Tensor | LossAndGrads {
    const n = X.shape[0];
    const d = n === 0 ? 0 : X.data.length / n;
    if (d !== this.dims[0]) throw new Error(`loss: X has ${d} features per row, the net expects ${this.dims[0]}`);
    const train = y !== undefined;
    const maskRng =
      train && this.useDropout && this.dropoutSeed !== undefined ? createRng(this.dropoutSeed) : this.maskRng;
    const pass: Pass = { n, train, maskRng };
    let out = X.data;
    for (const stage of this.stages) out = stage.forward(out, pass);
    if (!train) return { data: out, shape: [n, this.dims[this.numLayers]] };
    if (this.model === 'classifier') checkLabels(y, n, this.dims[this.numLayers]);
    this.lastTrainBatch = n;
    return { loss: this.backward(out, y, X.data, pass), grads: this.grads };
  }

  /**
   * Runs stages [from, to) on rows that are the input of stage `from` (for analyses that reuse a
   * prefix: Monte-Carlo dropout computes the layers before the first dropout once). The result is a
   * buffer owned by the last stage run, valid until that stage runs again for the same number of rows.
   */
  runStages(input: FloatArray, pass: Pass, from = 0, to = this.stages.length): FloatArray {
    let out = input;
    for (let i = from; i < to; i++) out = this.stages[i].forward(out, pass);
    return out;
  }

  /** How many stages the net runs (an affine with its ReLU is one stage, a dropout another). */
  get stageCount(): number {
    return this.stages.length;
  }

  /** The index of the first dropout stage; -1 when the net has none (p = 1). */
  firstDropoutStage(): number {
    return this.stages.findIndex((stage) => stage instanceof DropoutStage);
  }

  /** The dropout masks and ReLU outputs of the last train-mode call, per hidden layer. */
  lastTrainActivations(): { n: number; hidden: FloatArray[]; masks: FloatArray[] } | null {
    if (this.lastTrainBatch === null) return null;
    const hidden: FloatArray[] = [];
    const masks: FloatArray[] = [];
    for (const stage of this.stages) {
      if (stage instanceof AffineStage && stage.relu) hidden.push(stage.trainActivations()!);
      else if (stage instanceof DropoutStage) masks.push(stage.lastMask()!);
    }
    return { n: this.lastTrainBatch, hidden, masks };
  }

  private backward(scores: FloatArray, y: Int32Array, X: FloatArray, pass: Pass): number {
    const { n } = pass;
    const buffers = this.gradients(n);
    const width = this.dims[this.numLayers];
    let loss =
      this.model === 'autoencoder'
        ? sigmoidCrossEntropyInto(scores, X, buffers.dscores, n, width)
        : softmaxLossInto(scores, y, buffers.dscores, n, width);
    let dout = buffers.dscores;
    let turn = 0;
    for (let i = this.stages.length - 1; i >= 0; i--) {
      const stage = this.stages[i];
      // The first layer's input is data: its gradient is never needed.
      const width = i === 0 ? 0 : inputWidth(stage.spec);
      const dinput = i === 0 ? null : buffers.dh[turn].subarray(0, n * width);
      stage.backward(dout, dinput, pass);
      if (dinput) {
        dout = dinput;
        turn = 1 - turn;
      }
    }
    if (this.reg > 0) {
      for (let l = 1; l <= this.numLayers; l++) {
        const w = this.params[`W${l}`].data;
        const dw = this.grads[`W${l}`].data;
        let sq = 0;
        for (let i = 0; i < w.length; i++) {
          sq += w[i] * w[i];
          dw[i] += this.reg * w[i];
        }
        loss += 0.5 * this.reg * sq;
      }
    }
    return loss;
  }

  private gradients(n: number): GradientBuffers {
    let buffers = this.gradientBuffers.get(n);
    if (buffers) return buffers;
    if (this.gradientBuffers.size > 4) this.gradientBuffers.clear();
    const widest = Math.max(1, ...this.dims.slice(1, -1));
    const buf = (len: number) => allocate(this.dtype, len);
    buffers = { dscores: buf(n * this.dims[this.numLayers]), dh: [buf(n * widest), buf(n * widest)] };
    this.gradientBuffers.set(n, buffers);
    return buffers;
  }
}

/** The standard deviation of one layer's initial weights. */
function initialScale(o: FullyConnectedNetOptions, fanIn: number, last: boolean): number {
  if ((o.init ?? 'weightScale') === 'weightScale') return o.weightScale ?? 1e-2;
  return Math.sqrt((last ? 1 : 2) / fanIn);
}

function inputWidth(layer: LayerSpec): number {
  return layer.kind === 'affine' ? layer.inputDim : layer.dim;
}
