import { createRng, deriveSeed, permutation, type Seed } from '../core/random.ts';
import type { SolverData } from '../core/solver.ts';
import { formatCount } from './labeledRecords.ts';
import type { ImageRecords, RawDataset } from './types.ts';

export interface SplitOptions {
  numTrain: number;
  /** Default 1,000, as in the assignment. */
  numVal?: number;
  /** Only MNIST uses it (its pool is shuffled); CIFAR-10's split is fixed, as in the assignment. */
  seed: Seed;
  /**
   * 'meanSubtracted' (the assignment's): 0-255 minus the training mean image. 'unit': pixels / 255, in 0..1, nothing
   * subtracted: what an autoencoder with a sigmoid output reconstructs (the paper's setting).
   */
  scale?: InputScale;
}

export type InputScale = 'meanSubtracted' | 'unit';

export interface DataSplit {
  /** X rows are C*H*W float32 features on the 0-255 scale, minus the training mean image (or in 0..1: `scale`). */
  data: SolverData;
  /** Per-feature mean of the chosen training images (0-255 scale). */
  meanImage: Float32Array;
  /** Rows of raw.train used for training, in order. */
  trainIndices: Int32Array;
  /** Rows used for validation, in order: of raw.test when valSource is 'test', else of raw.train. */
  valIndices: Int32Array;
  valSource: 'train' | 'test';
}

export const DEFAULT_NUM_VAL = 1000;

/** How many examples a run validates on: DEFAULT_NUM_VAL, or the whole test batch when it is smaller. */
export function validationCount(raw: Pick<RawDataset, 'test'>): number {
  return raw.test ? Math.min(DEFAULT_NUM_VAL, raw.test.count) : DEFAULT_NUM_VAL;
}

function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive whole number, got ${value}.`);
}

const range = (start: number, count: number): Int32Array => Int32Array.from({ length: count }, (_, i) => start + i);

interface Plan {
  trainIndices: Int32Array;
  valIndices: Int32Array;
  valSource: 'train' | 'test';
}

/**
 * MNIST: a seeded shuffle of the 10,000-image pool; the first numTrain are training, the next
 * numVal validation. CIFAR-10: the first numTrain training images (`X_train[:num_train]`);
 * validation is the first numVal test-batch images, or the last numVal training images when
 * no test batch was given.
 */
function planSplit(raw: RawDataset, numTrain: number, numVal: number, seed: Seed): Plan {
  const pool = raw.train.count;
  const asked = `numTrain (${formatCount(numTrain)}) + numVal (${formatCount(numVal)}) = ${formatCount(numTrain + numVal)}`;
  if (raw.kind === 'mnist') {
    if (numTrain + numVal > pool)
      throw new RangeError(`${asked} is more than the ${formatCount(pool)} MNIST images available.`);
    const order = permutation(pool, createRng(deriveSeed(seed, 'split')));
    return {
      trainIndices: order.slice(0, numTrain),
      valIndices: order.slice(numTrain, numTrain + numVal),
      valSource: 'train',
    };
  }
  if (raw.test) {
    if (numTrain > pool)
      throw new RangeError(
        `numTrain (${formatCount(numTrain)}) is more than the ${formatCount(pool)} training images loaded.`,
      );
    if (numVal > raw.test.count) {
      throw new RangeError(
        `numVal (${formatCount(numVal)}) is more than the ${formatCount(raw.test.count)} test-batch images loaded.`,
      );
    }
    return { trainIndices: range(0, numTrain), valIndices: range(0, numVal), valSource: 'test' };
  }
  if (numTrain + numVal > pool) {
    throw new RangeError(
      `${asked} is more than the ${formatCount(pool)} training images loaded. Without a test batch, validation uses ` +
        `the last ${formatCount(numVal)} training images, which must not overlap the first ${formatCount(numTrain)}.`,
    );
  }
  return { trainIndices: range(0, numTrain), valIndices: range(pool - numVal, numVal), valSource: 'train' };
}

function gather(
  records: ImageRecords,
  indices: Int32Array,
  features: number,
  mean: Float64Array,
  factor: number,
): { X: Float32Array; y: Int32Array } {
  const X = new Float32Array(indices.length * features);
  const y = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r] * features;
    const dst = r * features;
    for (let j = 0; j < features; j++) X[dst + j] = (records.images[src + j] - mean[j]) * factor;
    y[r] = records.labels[indices[r]];
  }
  return { X, y };
}

function meanOf(records: ImageRecords, indices: Int32Array, features: number): Float64Array {
  const sum = new Float64Array(features);
  for (const i of indices) {
    const src = i * features;
    for (let j = 0; j < features; j++) sum[j] += records.images[src + j];
  }
  for (let j = 0; j < features; j++) sum[j] /= indices.length;
  return sum;
}

/** Builds the Solver's data as the assignment does (float32, 0-255 scale, minus the training mean image), or in 0..1. */
export function makeSplit(raw: RawDataset, options: SplitOptions): DataSplit {
  const { numTrain, numVal = DEFAULT_NUM_VAL, seed, scale = 'meanSubtracted' } = options;
  requireCount('numTrain', numTrain);
  requireCount('numVal', numVal);
  const plan = planSplit(raw, numTrain, numVal, seed);
  const [c, h, w] = raw.imageShape;
  const features = c * h * w;
  const valRecords = plan.valSource === 'test' && raw.test ? raw.test : raw.train;
  const mean = scale === 'unit' ? new Float64Array(features) : meanOf(raw.train, plan.trainIndices, features);
  const factor = scale === 'unit' ? 1 / 255 : 1;
  const train = gather(raw.train, plan.trainIndices, features, mean, factor);
  const val = gather(valRecords, plan.valIndices, features, mean, factor);
  return {
    data: {
      XTrain: { data: train.X, shape: [numTrain, features] },
      yTrain: train.y,
      XVal: { data: val.X, shape: [numVal, features] },
      yVal: val.y,
    },
    meanImage: Float32Array.from(mean),
    ...plan,
  };
}
