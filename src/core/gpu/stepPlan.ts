import type { DropoutScaling } from '../layers.ts';
import { elementwiseGroups, perRowGroups, planMatmul, type Groups } from './dispatchPlan.ts';
import { maskWordCount } from './maskWords.ts';
import type { MaskEncoding } from './wgsl/dropout.ts';
import type { MatmulLayout } from './wgsl/matmul.ts';

/**
 * A training step on the GPU as data: its operations in order, each operation's dispatches and workgroups, and the
 * bytes that go up per step. GpuTrainer builds its step from `stepOps` and these shapes, and the bench's
 * `--gpu-plan` prints `plannedStep`, so what is printed is what runs (a trainer test compares the two).
 */
export interface StepShapes {
  batchSize: number;
  inputDim: number;
  hiddenDims: readonly number[];
  numClasses: number;
  keepProb: number;
  scaling: DropoutScaling;
}

export type StepOp =
  | { kind: 'gather' }
  | { kind: 'forward' | 'dropout' | 'reluDropoutBackward' | 'weightGrad' | 'biasGrad' | 'inputGrad'; layer: number }
  | { kind: 'softmaxLoss' | 'meanLoss' | 'adam' };

/** Floats per parameter tensor are placed at multiples of 64 (256 bytes), the offset a binding may start at. */
const ALIGN = 64;
const align = (count: number) => Math.ceil(count / ALIGN) * ALIGN;

/** Sizes of the layers' inputs and outputs: input, hidden..., classes. */
export function layerDims(s: StepShapes): number[] {
  return [s.inputDim, ...s.hiddenDims, s.numClasses];
}

export function dropsUnits(s: StepShapes): boolean {
  return s.keepProb !== 1;
}

/** Bits where a kept unit's multiplier is one number (1/p or 1); Gaussian dropout's noise goes up as floats. */
export function maskEncoding(scaling: DropoutScaling): MaskEncoding {
  return scaling === 'gaussian' ? 'floats' : 'bits';
}

/** Where each tensor sits in one flat buffer (in floats): every W and b, so Adam and the best-copy are one dispatch each. */
export interface ParameterLayout {
  layers: { W: { offset: number; count: number }; b: { offset: number; count: number } }[];
  total: number;
}

export function parameterLayout(s: StepShapes): ParameterLayout {
  const dims = layerDims(s);
  let at = 0;
  const layers = dims.slice(1).map((out, i) => {
    const W = { offset: at, count: dims[i] * out };
    at += align(W.count);
    const b = { offset: at, count: out };
    at += align(b.count);
    return { W, b };
  });
  return { layers, total: at };
}

/** Each hidden layer's mask in one upload buffer (in 4-byte elements: words of bits, or floats), and what goes up. */
export interface MaskLayout {
  encoding: MaskEncoding;
  layers: { offset: number; length: number }[];
  /** Elements uploaded per step: through the end of the last layer's mask. */
  uploadLength: number;
}

export function maskLayout(s: StepShapes): MaskLayout {
  const encoding = maskEncoding(s.scaling);
  let at = 0;
  const layers = dropsUnits(s)
    ? s.hiddenDims.map((units) => {
        const length = encoding === 'bits' ? maskWordCount(s.batchSize * units) : s.batchSize * units;
        const layer = { offset: at, length };
        at = align(at + length);
        return layer;
      })
    : [];
  return { encoding, layers, uploadLength: layers.length ? layers.at(-1)!.offset + layers.at(-1)!.length : 0 };
}

/** The step's operations in order: forward, loss, backward, Adam. */
export function stepOps(s: StepShapes): StepOp[] {
  const L = s.hiddenDims.length + 1;
  const ops: StepOp[] = [{ kind: 'gather' }];
  for (let layer = 0; layer < L; layer++) {
    ops.push({ kind: 'forward', layer });
    if (layer < L - 1 && dropsUnits(s)) ops.push({ kind: 'dropout', layer });
  }
  ops.push({ kind: 'softmaxLoss' }, { kind: 'meanLoss' });
  for (let layer = L - 1; layer >= 0; layer--) {
    if (layer < L - 1) ops.push({ kind: 'reluDropoutBackward', layer });
    ops.push({ kind: 'weightGrad', layer }, { kind: 'biasGrad', layer });
    if (layer > 0) ops.push({ kind: 'inputGrad', layer });
  }
  ops.push({ kind: 'adam' });
  return ops;
}

/** A product of the step: forward a @ W (NN), dW = x^T @ dz (TN), the input's gradient dz @ W^T (NT). */
export function matmulShape(
  s: StepShapes,
  op: StepOp,
): { layout: MatmulLayout; M: number; K: number; N: number } | null {
  if (!('layer' in op)) return null;
  const dims = layerDims(s);
  const [inputs, outputs, n] = [dims[op.layer], dims[op.layer + 1], s.batchSize];
  if (op.kind === 'forward') return { layout: 'NN', M: n, K: inputs, N: outputs };
  if (op.kind === 'weightGrad') return { layout: 'TN', M: inputs, K: n, N: outputs };
  if (op.kind === 'inputGrad') return { layout: 'NT', M: n, K: outputs, N: inputs };
  return null;
}

/** Elements (or rows, or columns) an operation that is not a product covers. */
export function opCount(s: StepShapes, op: StepOp): number {
  const dims = layerDims(s);
  const n = s.batchSize;
  switch (op.kind) {
    case 'gather':
      return n * s.inputDim;
    case 'dropout':
    case 'reluDropoutBackward':
      return n * dims[op.layer + 1];
    case 'biasGrad':
      return dims[op.layer + 1];
    case 'softmaxLoss':
      return n;
    case 'adam':
      return parameterLayout(s).total;
    default:
      return 1;
  }
}

export interface PlannedDispatch {
  /** What the dispatch computes, e.g. "layer 1 forward 100x3072x500 (NN), 64x64 tiles, K in 8 slices of 384". */
  what: string;
  groups: Groups;
  /** Whether it is a matrix product's main dispatch (the ones that must fill the GPU). */
  product: boolean;
}

/** An operation's dispatches, with the workgroups GpuShaders launches for them. */
export function plannedDispatches(s: StepShapes, op: StepOp): PlannedDispatch[] {
  const shape = matmulShape(s, op);
  const layer = 'layer' in op ? `layer ${op.layer + 1} ` : '';
  if (shape) {
    const { layout, M, K, N } = shape;
    const plan = planMatmul(M, K, N);
    const split = plan.slices > 1 ? `, K in ${plan.slices} slices of ${plan.sliceK}` : '';
    const product = {
      what: `${layer}${op.kind} ${M}x${K}x${N} (${layout}), ${plan.tile}x${plan.tile} tiles${split}`,
      groups: plan.groups,
      product: true,
    };
    return plan.reduceGroups
      ? [
          product,
          { what: `${layer}${op.kind}: sum of the ${plan.slices} slices`, groups: plan.reduceGroups, product: false },
        ]
      : [product];
  }
  const count = opCount(s, op);
  const perRow = op.kind === 'softmaxLoss' || op.kind === 'biasGrad';
  const groups =
    op.kind === 'meanLoss' ? ([1, 1, 1] as const) : perRow ? perRowGroups(count) : elementwiseGroups(count);
  const mask =
    (op.kind === 'dropout' || op.kind === 'reluDropoutBackward') && dropsUnits(s)
      ? ` (mask as ${maskEncoding(s.scaling)})`
      : '';
  return [{ what: `${layer}${op.kind} ${count}${mask}`, groups, product: false }];
}

/** Everything a step writes to the GPU from the CPU, in bytes. */
export function stepUploads(s: StepShapes): { what: string; bytes: number }[] {
  const masks = maskLayout(s);
  return [
    { what: 'minibatch row indices', bytes: 4 * s.batchSize },
    { what: 'minibatch labels', bytes: 4 * s.batchSize },
    ...(masks.uploadLength ? [{ what: `dropout masks (${masks.encoding})`, bytes: 4 * masks.uploadLength }] : []),
    { what: "Adam's constants (step t)", bytes: 32 },
    { what: "the loss's slot", bytes: 32 },
  ];
}
