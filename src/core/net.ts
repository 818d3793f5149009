import {
  affineBackwardInto, affineInto, checkKeepProb, checkLabels, drawMaskInto,
  reluInto, softmaxLossInto, type DropoutScaling,
} from './layers.ts';
import { kernels } from './kernels/index.ts';
import { createRng, deriveSeed, type Rng, type Seed } from './random.ts';
import { allocate, type DType, type FloatArray, type Tensor } from './tensor.ts';

export interface FullyConnectedNetOptions {
  hiddenDims: number[];
  inputDim: number;
  numClasses: number;
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
 * Per-batch-size buffers, so training allocates nothing after the first step. Test mode
 * (e.g. an accuracy check over thousands of rows) needs only `hidden` and `scores`; the
 * rest is made on first use.
 */
interface Workspace {
  n: number;
  /** Per hidden layer: the ReLU output (before dropout). */
  hidden: FloatArray[];
  /** Per hidden layer: the dropout output (train mode, or test mode of vanilla dropout). */
  dropped: FloatArray[] | null;
  scores: FloatArray;
  /** Train mode only. */
  train: TrainBuffers | null;
}

interface TrainBuffers {
  /** Per hidden layer: the dropout mask. */
  masks: FloatArray[];
  dscores: FloatArray;
  /** Two gradient buffers of the widest hidden layer, used in turn. */
  dh: [FloatArray, FloatArray];
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
  if (!(Number.isFinite(o.reg ?? 0) && (o.reg ?? 0) >= 0)) throw new RangeError(`reg must be >= 0, got ${o.reg}`);
  const ws = o.weightScale ?? 1e-2;
  if (!(Number.isFinite(ws) && ws > 0)) throw new RangeError(`weightScale must be > 0, got ${ws}`);
}

/**
 * {affine - relu - [dropout]} x (L - 1) - affine - softmax, as the assignment's
 * FullyConnectedNet (without batch normalization).
 */
export class FullyConnectedNet {
  readonly params: Params = {};
  readonly numLayers: number;
  readonly dims: number[];
  readonly keepProb: number;
  readonly useDropout: boolean;
  readonly reg: number;
  readonly dtype: DType;
  readonly dropoutScaling: DropoutScaling;
  private readonly dropoutSeed: Seed | undefined;
  private readonly maskRng: Rng;
  private readonly grads: Params = {};
  private readonly workspaces = new Map<number, Workspace>();
  private lastTrainWorkspace: Workspace | null = null;

  constructor(options: FullyConnectedNetOptions) {
    validateNetOptions(options);
    const { hiddenDims, inputDim, numClasses } = options;
    this.dtype = options.dtype ?? 'float32';
    this.keepProb = options.dropout ?? 1;
    this.useDropout = this.keepProb !== 1;
    this.reg = options.reg ?? 0;
    this.dropoutScaling = options.dropoutScaling ?? 'inverted';
    this.dropoutSeed = options.dropoutSeed;
    const seed = options.seed ?? 0;
    this.maskRng = createRng(options.maskSeed ?? deriveSeed(seed, 'masks'));
    this.dims = [inputDim, ...hiddenDims, numClasses];
    this.numLayers = hiddenDims.length + 1;

    const weightRng = createRng(deriveSeed(seed, 'weights'));
    const weightScale = options.weightScale ?? 1e-2;
    for (let l = 1; l <= this.numLayers; l++) {
      const [d, m] = [this.dims[l - 1], this.dims[l]];
      const w = allocate(this.dtype, d * m);
      for (let i = 0; i < w.length; i++) w[i] = weightScale * weightRng.normal();
      this.params[`W${l}`] = { data: w, shape: [d, m] };
      this.params[`b${l}`] = { data: allocate(this.dtype, m), shape: [m] };
      this.grads[`W${l}`] = { data: allocate(this.dtype, d * m), shape: [d, m] };
      this.grads[`b${l}`] = { data: allocate(this.dtype, m), shape: [m] };
    }
  }

  /** Test mode: the class scores, a buffer owned by the net (valid until its next call). */
  loss(X: Tensor): Tensor;
  /** Train mode: the loss and the gradients of every parameter. */
  loss(X: Tensor, y: Int32Array): LossAndGrads;
  loss(X: Tensor, y?: Int32Array): Tensor | LossAndGrads {
    const n = X.shape[0];
    const d = n === 0 ? 0 : X.data.length / n;
    if (d !== this.dims[0]) throw new Error(`loss: X has ${d} features per row, the net expects ${this.dims[0]}`);
    const ws = this.workspace(n);
    const train = y !== undefined;
    const input = this.forward(X.data, ws, train);
    if (!train) return { data: ws.scores, shape: [n, this.dims[this.numLayers]] };
    checkLabels(y, n, this.dims[this.numLayers]);
    this.lastTrainWorkspace = ws;
    return { loss: this.backward(X.data, input, y, ws), grads: this.grads };
  }

  /** The dropout masks and ReLU outputs of the last train-mode call, per hidden layer. */
  lastTrainActivations(): { n: number; hidden: FloatArray[]; masks: FloatArray[] } | null {
    const ws = this.lastTrainWorkspace;
    if (!ws?.train) return null;
    return { n: ws.n, hidden: ws.hidden, masks: this.useDropout ? ws.train.masks : [] };
  }

  /** Runs the hidden layers; returns the last layer's input. */
  private forward(x: FloatArray, ws: Workspace, train: boolean): FloatArray {
    const n = ws.n;
    let input = x;
    const testScale = !train && this.useDropout && this.dropoutScaling === 'vanilla' ? this.keepProb : 1;
    const maskRng = train && this.useDropout && this.dropoutSeed !== undefined ? createRng(this.dropoutSeed) : this.maskRng;
    const fused = kernels().affine;
    for (let l = 1; l < this.numLayers; l++) {
      const [d, m] = [this.dims[l - 1], this.dims[l]];
      const h = ws.hidden[l - 1];
      // The kernels may add the bias and apply the ReLU before the product leaves them (same results, no extra passes).
      if (fused) fused(input, this.params[`W${l}`].data, this.params[`b${l}`].data, h, n, d, m, true);
      else {
        affineInto(input, this.params[`W${l}`].data, this.params[`b${l}`].data, h, n, d, m);
        reluInto(h, h);
      }
      input = h;
      if (this.useDropout && (train || testScale !== 1)) {
        const out = this.droppedBuffers(ws)[l - 1];
        if (train) {
          const mask = this.trainBuffers(ws).masks[l - 1];
          drawMaskInto(mask, this.keepProb, this.dropoutScaling, maskRng);
          for (let i = 0; i < out.length; i++) out[i] = h[i] * mask[i];
          input = out;
        } else if (testScale !== 1) {
          for (let i = 0; i < out.length; i++) out[i] = h[i] * testScale;
          input = out;
        }
      }
    }
    const L = this.numLayers;
    const [W, b] = [this.params[`W${L}`].data, this.params[`b${L}`].data];
    if (fused) fused(input, W, b, ws.scores, n, this.dims[L - 1], this.dims[L], false);
    else affineInto(input, W, b, ws.scores, n, this.dims[L - 1], this.dims[L]);
    return input;
  }

  private backward(x: FloatArray, lastInput: FloatArray, y: Int32Array, ws: Workspace): number {
    const n = ws.n;
    const L = this.numLayers;
    const tb = this.trainBuffers(ws);
    let loss = softmaxLossInto(ws.scores, y, tb.dscores, n, this.dims[L]);
    let dout = tb.dscores;
    let dh = tb.dh[0];
    for (let l = L; l >= 1; l--) {
      const [d, m] = [this.dims[l - 1], this.dims[l]];
      const layerInput = l === 1 ? x : l === L ? lastInput : this.useDropout ? this.droppedBuffers(ws)[l - 2] : ws.hidden[l - 2];
      // The first layer's input is data: its gradient is never needed.
      const dx = l === 1 ? null : dh.subarray(0, n * d);
      affineBackwardInto(dout, layerInput, this.params[`W${l}`].data, dx, this.grads[`W${l}`].data, this.grads[`b${l}`].data, n, d, m);
      if (dx) {
        const h = ws.hidden[l - 2];
        const mask = this.useDropout ? tb.masks[l - 2] : null;
        for (let i = 0; i < dx.length; i++) {
          const g = h[i] > 0 ? dx[i] : 0;
          dx[i] = mask ? g * mask[i] : g;
        }
        dout = dx;
        dh = dh === tb.dh[0] ? tb.dh[1] : tb.dh[0];
      }
    }
    if (this.reg > 0) {
      for (let l = 1; l <= L; l++) {
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

  private workspace(n: number): Workspace {
    let ws = this.workspaces.get(n);
    if (ws) return ws;
    if (this.workspaces.size > 4) this.workspaces.clear();
    ws = {
      n,
      hidden: this.dims.slice(1, -1).map((h) => allocate(this.dtype, n * h)),
      dropped: null,
      scores: allocate(this.dtype, n * this.dims[this.numLayers]),
      train: null,
    };
    this.workspaces.set(n, ws);
    return ws;
  }

  private droppedBuffers(ws: Workspace): FloatArray[] {
    ws.dropped ??= this.dims.slice(1, -1).map((h) => allocate(this.dtype, ws.n * h));
    return ws.dropped;
  }

  private trainBuffers(ws: Workspace): TrainBuffers {
    if (ws.train) return ws.train;
    const hiddenDims = this.dims.slice(1, -1);
    const widest = Math.max(1, ...hiddenDims);
    const buf = (len: number) => allocate(this.dtype, len);
    ws.train = {
      masks: this.useDropout ? hiddenDims.map((h) => buf(ws.n * h)) : [],
      dscores: buf(ws.n * this.dims[this.numLayers]),
      dh: [buf(ws.n * widest), buf(ws.n * widest)],
    };
    return ws.train;
  }
}
