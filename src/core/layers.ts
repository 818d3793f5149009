import { kernels } from './kernels/index.ts';
import { createRng, type Rng, type Seed } from './random.ts';
import { allocate, dtypeOf, type FloatArray, type Tensor } from './tensor.ts';

/** Rows and columns of a [N, d1, d2, ...] tensor seen as a matrix [N, d1 * d2 * ...]. */
function asMatrix(x: Tensor): [number, number] {
  const n = x.shape[0];
  return [n, n === 0 ? 0 : x.data.length / n];
}

function sameShapeAs(x: Tensor, data: FloatArray): Tensor {
  return { data, shape: [...x.shape] };
}

// ---------------------------------------------------------------- affine

export interface AffineCache {
  x: Tensor;
  w: Tensor;
  b: Tensor;
}

/** out = x.reshape(N, D) @ w + b; w is [D, M], b is [M]. */
export function affineForward(x: Tensor, w: Tensor, b: Tensor): { out: Tensor; cache: AffineCache } {
  const [n, d] = asMatrix(x);
  const [wd, m] = w.shape;
  if (wd !== d) throw new Error(`affineForward: x has ${d} features per row but w has ${wd} rows`);
  const out = allocate(dtypeOf(x.data), n * m);
  affineInto(x.data, w.data, b.data, out, n, d, m);
  return { out: { data: out, shape: [n, m] }, cache: { x, w, b } };
}

export function affineInto(
  x: FloatArray,
  w: FloatArray,
  b: FloatArray,
  out: FloatArray,
  n: number,
  d: number,
  m: number,
): void {
  kernels().matmulNN(x, w, out, n, d, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[row + j] += b[j];
  }
}

export interface AffineGrads {
  dx: Tensor;
  dw: Tensor;
  db: Tensor;
}

export function affineBackward(dout: Tensor, cache: AffineCache): AffineGrads {
  const { x, w } = cache;
  const [n, d] = asMatrix(x);
  const m = w.shape[1];
  const dtype = dtypeOf(x.data);
  const dx = allocate(dtype, n * d);
  const dw = allocate(dtype, d * m);
  const db = allocate(dtype, m);
  affineBackwardInto(dout.data, x.data, w.data, dx, dw, db, n, d, m);
  return { dx: sameShapeAs(x, dx), dw: { data: dw, shape: [d, m] }, db: { data: db, shape: [m] } };
}

/** dx (skipped when null: the first layer's input needs no gradient), dw, db. */
export function affineBackwardInto(
  dout: FloatArray,
  x: FloatArray,
  w: FloatArray,
  dx: FloatArray | null,
  dw: FloatArray,
  db: FloatArray,
  n: number,
  d: number,
  m: number,
): void {
  if (dx) kernels().matmulNT(dout, w, dx, n, m, d);
  kernels().matmulTN(x, dout, dw, d, n, m);
  db.fill(0, 0, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) db[j] += dout[row + j];
  }
}

// ---------------------------------------------------------------- relu

export interface ReluCache {
  x: Tensor;
}

export function reluForward(x: Tensor): { out: Tensor; cache: ReluCache } {
  const out = allocate(dtypeOf(x.data), x.data.length);
  reluInto(x.data, out);
  return { out: sameShapeAs(x, out), cache: { x } };
}

export function reluInto(x: FloatArray, out: FloatArray): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] > 0 ? x[i] : 0;
}

export function reluBackward(dout: Tensor, cache: ReluCache): Tensor {
  const dx = allocate(dtypeOf(dout.data), dout.data.length);
  reluBackwardInto(dout.data, cache.x.data, dx);
  return sameShapeAs(dout, dx);
}

/** dx = dout where the layer's input (or, equivalently, its output) was positive. */
export function reluBackwardInto(dout: FloatArray, x: FloatArray, dx: FloatArray): void {
  for (let i = 0; i < dout.length; i++) dx[i] = x[i] > 0 ? dout[i] : 0;
}

// ---------------------------------------------------------------- dropout

/**
 * How dropout scales. `inverted` (the assignment's): train multiplies kept units
 * by 1/p, test is the identity. `none`: train only zeroes units, test is the
 * identity (the mismatch the assignment asks about). `vanilla`: train only
 * zeroes units, test multiplies by p. `gaussian` (the dropout paper's section 10):
 * train multiplies every unit by noise with mean 1 and variance (1 - p) / p, test
 * is the identity.
 */
export const DROPOUT_SCALINGS = ['inverted', 'none', 'vanilla', 'gaussian'] as const;
export type DropoutScaling = (typeof DROPOUT_SCALINGS)[number];
export type Mode = 'train' | 'test';

export interface DropoutParam {
  /** The KEEP probability, in (0, 1]. */
  p: number;
  mode: Mode;
  /** Re-seeds the masks on every call (the assignment's `seed`, for gradient checks). */
  seed?: Seed;
  /** The stream masks are drawn from when no `seed` is given. */
  rng?: Rng;
  scaling?: DropoutScaling;
}

export interface DropoutCache {
  p: number;
  mode: Mode;
  scaling: DropoutScaling;
  /** Train mode: each entry 0 or the kept unit's scale; test mode: null (no mask). */
  mask: FloatArray | null;
}

export function checkKeepProb(p: number): void {
  if (!(typeof p === 'number' && p > 0 && p <= 1)) {
    throw new RangeError(`dropout keep probability p must be in (0, 1], got ${p}`);
  }
}

export function dropoutForward(x: Tensor, param: DropoutParam): { out: Tensor; cache: DropoutCache } {
  const { p, mode } = param;
  checkKeepProb(p);
  const scaling = param.scaling ?? 'inverted';
  const dtype = dtypeOf(x.data);
  const out = allocate(dtype, x.data.length);
  if (mode === 'train') {
    const rng = param.seed !== undefined ? createRng(param.seed) : param.rng;
    if (!rng) throw new Error('dropoutForward: train mode needs a seed or an rng stream');
    const mask = allocate(dtype, x.data.length);
    drawMaskInto(mask, p, scaling, rng);
    for (let i = 0; i < out.length; i++) out[i] = x.data[i] * mask[i];
    return { out: sameShapeAs(x, out), cache: { p, mode, scaling, mask } };
  }
  if (mode !== 'test') throw new Error(`dropoutForward: mode must be 'train' or 'test', got ${String(mode)}`);
  const testScale = scaling === 'vanilla' ? p : 1;
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] * testScale;
  return { out: sameShapeAs(x, out), cache: { p, mode, scaling, mask: null } };
}

/**
 * mask = (u < p) * scale with u uniform on [0, 1); scale is 1/p for inverted dropout. Gaussian dropout's
 * "mask" is 1 + sigma * z with z standard normal and sigma^2 = (1 - p) / p: it keeps every unit, noisily.
 */
export function drawMaskInto(mask: FloatArray, p: number, scaling: DropoutScaling, rng: Rng): void {
  if (scaling === 'gaussian') {
    const sigma = Math.sqrt((1 - p) / p);
    for (let i = 0; i < mask.length; i++) mask[i] = 1 + sigma * rng.normal();
    return;
  }
  const keptValue = scaling === 'inverted' ? 1 / p : 1;
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() < p ? keptValue : 0;
}

export function dropoutBackward(dout: Tensor, cache: DropoutCache): Tensor {
  const dx = allocate(dtypeOf(dout.data), dout.data.length);
  if (cache.mode === 'train') {
    const mask = cache.mask!;
    for (let i = 0; i < dx.length; i++) dx[i] = dout.data[i] * mask[i];
  } else {
    const scale = cache.scaling === 'vanilla' ? cache.p : 1;
    for (let i = 0; i < dx.length; i++) dx[i] = dout.data[i] * scale;
  }
  return sameShapeAs(dout, dx);
}

// ---------------------------------------------------------------- softmax

export function checkLabels(y: Int32Array, n: number, c: number): void {
  if (y.length !== n) throw new Error(`softmaxLoss: ${y.length} labels for ${n} rows of scores`);
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0 && y[i] < c)) throw new RangeError(`softmaxLoss: label ${y[i]} at row ${i} is outside 0..${c - 1}`);
  }
}

export function softmaxLoss(scores: Tensor, y: Int32Array): { loss: number; dx: Tensor } {
  const [n, c] = asMatrix(scores);
  checkLabels(y, n, c);
  const dx = allocate(dtypeOf(scores.data), n * c);
  const loss = softmaxLossInto(scores.data, y, dx, n, c);
  return { loss, dx: { data: dx, shape: [n, c] } };
}

/** Mean cross-entropy of softmax(scores); writes d loss / d scores into dx. */
export function softmaxLossInto(scores: FloatArray, y: Int32Array, dx: FloatArray, n: number, c: number): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (scores[row + j] > max) max = scores[row + j];
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp(scores[row + j] - max);
    const logSum = Math.log(sum);
    loss -= scores[row + y[i]] - max - logSum;
    for (let j = 0; j < c; j++) dx[row + j] = Math.exp(scores[row + j] - max - logSum) / n;
    dx[row + y[i]] -= 1 / n;
  }
  return loss / n;
}

// ---------------------------------------------------------------- sigmoid cross-entropy (autoencoder output)

/**
 * Cross-entropy of sigmoid(scores) against targets in [0, 1] (an autoencoder's input pixels), summed over a row's
 * outputs and averaged over the n rows; writes d loss / d scores, (sigmoid(s) - t) / n, into dx. Written for
 * stability: max(s, 0) - s t + log(1 + exp(-|s|)) never takes the log of 0.
 */
export function sigmoidCrossEntropyInto(
  scores: FloatArray,
  targets: FloatArray,
  dx: FloatArray,
  n: number,
  m: number,
): number {
  if (targets.length < n * m) throw new Error(`sigmoidCrossEntropy: ${targets.length} targets for ${n} x ${m} scores`);
  let loss = 0;
  for (let i = 0; i < n * m; i++) {
    const s = scores[i];
    const t = targets[i];
    const e = Math.exp(-Math.abs(s));
    loss += Math.max(s, 0) - s * t + Math.log1p(e);
    const sigmoid = s >= 0 ? 1 / (1 + e) : e / (1 + e);
    dx[i] = (sigmoid - t) / n;
  }
  return loss / n;
}

/** The logistic function, as the autoencoder's output applies it. */
export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
}
