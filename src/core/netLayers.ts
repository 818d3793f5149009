import { affineBackwardInto, affineInto, drawMaskInto, reluInto, type DropoutScaling } from './layers.ts';
import { kernels } from './kernels/index.ts';
import type { Rng } from './random.ts';
import { allocate, type DType, type FloatArray, type Tensor } from './tensor.ts';

/**
 * A net as a list of layers, described before any buffer exists. A new layer kind is a new
 * case here and a new stage below; nothing else in the net changes.
 */
export type LayerSpec =
  /** out = x @ W + b, with parameters named `W${index}` and `b${index}`. */
  | { kind: 'affine'; index: number; inputDim: number; outputDim: number }
  | { kind: 'relu'; dim: number }
  /** Keeps each unit with probability keepProb; the scaling says what train and test mode do (layers.ts). */
  | { kind: 'dropout'; dim: number; keepProb: number; scaling: DropoutScaling };

/**
 * {affine - relu - [dropout]} x (L - 1) - affine, as the assignment's FullyConnectedNet (the
 * softmax belongs to the loss). No dropout layers when keepProb is 1, as in fc_net.py.
 */
export function fullyConnectedSpec(dims: readonly number[], keepProb: number, scaling: DropoutScaling): LayerSpec[] {
  const layers: LayerSpec[] = [];
  const L = dims.length - 1;
  for (let l = 1; l <= L; l++) {
    layers.push({ kind: 'affine', index: l, inputDim: dims[l - 1], outputDim: dims[l] });
    if (l === L) break;
    layers.push({ kind: 'relu', dim: dims[l] });
    if (keepProb !== 1) layers.push({ kind: 'dropout', dim: dims[l], keepProb, scaling });
  }
  return layers;
}

/** What one pass through the net needs to know. */
export interface Pass {
  n: number;
  train: boolean;
  /** Where train-mode masks come from. */
  maskRng: Rng;
}

/**
 * A layer at run time. `forward` returns its output (a buffer it owns, or its input when it
 * changes nothing); `backward` turns the gradient of its output into that of its input,
 * written into `dinput` (null when nobody needs it: the data's gradient).
 */
export interface Stage {
  readonly spec: LayerSpec;
  forward(input: FloatArray, pass: Pass): FloatArray;
  backward(dout: FloatArray, dinput: FloatArray | null, pass: Pass): void;
}

export interface StageContext {
  dtype: DType;
  params: Record<string, Tensor>;
  grads: Record<string, Tensor>;
}

/** Buffers sized for a batch of n rows, kept for a few sizes (training, checks, and the last partial batch). */
class PerBatchSize {
  private readonly byN = new Map<number, FloatArray>();
  constructor(
    private readonly dtype: DType,
    private readonly width: number,
  ) {}
  get(n: number): FloatArray {
    let buffer = this.byN.get(n);
    if (!buffer) {
      if (this.byN.size > 4) this.byN.clear();
      buffer = allocate(this.dtype, n * this.width);
      this.byN.set(n, buffer);
    }
    return buffer;
  }
}

/**
 * An affine layer, and the ReLU after it when there is one: fused, because the kernels may add
 * the bias and apply the ReLU before the product leaves them (the same results, no extra pass).
 * Its output is the ReLU's (the hidden activations the mask panel shows).
 */
export class AffineStage implements Stage {
  private readonly outputs: PerBatchSize;
  private input: FloatArray | null = null;
  private output: FloatArray | null = null;
  private trainOutput: FloatArray | null = null;

  constructor(
    readonly spec: Extract<LayerSpec, { kind: 'affine' }>,
    readonly relu: boolean,
    private readonly ctx: StageContext,
  ) {
    this.outputs = new PerBatchSize(ctx.dtype, spec.outputDim);
  }

  forward(input: FloatArray, { n, train }: Pass): FloatArray {
    const { index, inputDim: d, outputDim: m } = this.spec;
    const W = this.ctx.params[`W${index}`].data;
    const b = this.ctx.params[`b${index}`].data;
    const out = this.outputs.get(n);
    const fused = kernels().affine;
    if (fused) fused(input, W, b, out, n, d, m, this.relu);
    else {
      affineInto(input, W, b, out, n, d, m);
      if (this.relu) reluInto(out, out);
    }
    this.input = input;
    this.output = out;
    if (train) this.trainOutput = out;
    return out;
  }

  /** dout is overwritten: the ReLU's gradient is taken in place. */
  backward(dout: FloatArray, dinput: FloatArray | null, { n }: Pass): void {
    const { index, inputDim: d, outputDim: m } = this.spec;
    if (this.relu) {
      const h = this.output!;
      for (let i = 0; i < n * m; i++) if (!(h[i] > 0)) dout[i] = 0;
    }
    const W = this.ctx.params[`W${index}`].data;
    affineBackwardInto(
      dout,
      this.input!,
      W,
      dinput,
      this.ctx.grads[`W${index}`].data,
      this.ctx.grads[`b${index}`].data,
      n,
      d,
      m,
    );
  }

  /** The last train-mode pass's output: after the ReLU, before any dropout. */
  trainActivations(): FloatArray | null {
    return this.trainOutput;
  }
}

/**
 * Dropout: train mode multiplies by a fresh mask (0, or the kept unit's scale); test mode is the
 * identity, except vanilla dropout, which scales by keepProb.
 */
export class DropoutStage implements Stage {
  private readonly outputs: PerBatchSize;
  private readonly masks: PerBatchSize;
  private mask: FloatArray | null = null;

  constructor(
    readonly spec: Extract<LayerSpec, { kind: 'dropout' }>,
    ctx: StageContext,
  ) {
    this.outputs = new PerBatchSize(ctx.dtype, spec.dim);
    this.masks = new PerBatchSize(ctx.dtype, spec.dim);
  }

  forward(input: FloatArray, { n, train, maskRng }: Pass): FloatArray {
    const { keepProb, scaling } = this.spec;
    if (train) {
      const mask = this.masks.get(n);
      drawMaskInto(mask, keepProb, scaling, maskRng);
      const out = this.outputs.get(n);
      for (let i = 0; i < out.length; i++) out[i] = input[i] * mask[i];
      this.mask = mask;
      return out;
    }
    if (scaling !== 'vanilla') return input;
    const out = this.outputs.get(n);
    for (let i = 0; i < out.length; i++) out[i] = input[i] * keepProb;
    return out;
  }

  backward(dout: FloatArray, dinput: FloatArray | null): void {
    if (!dinput) return;
    const mask = this.mask!;
    for (let i = 0; i < dinput.length; i++) dinput[i] = dout[i] * mask[i];
  }

  /** The mask of the last train-mode pass. */
  lastMask(): FloatArray | null {
    return this.mask;
  }
}

/**
 * Turns the description into stages: each affine with the ReLU after it as one stage (the one
 * fusion rule), each dropout as its own.
 */
export function buildStages(spec: readonly LayerSpec[], ctx: StageContext): Stage[] {
  const stages: Stage[] = [];
  for (let i = 0; i < spec.length; i++) {
    const layer = spec[i];
    if (layer.kind === 'affine') {
      const relu = spec[i + 1]?.kind === 'relu';
      stages.push(new AffineStage(layer, relu, ctx));
      if (relu) i++;
    } else if (layer.kind === 'dropout') {
      stages.push(new DropoutStage(layer, ctx));
    } else {
      throw new Error(`buildStages: a ${layer.kind} layer must follow an affine layer`);
    }
  }
  return stages;
}
