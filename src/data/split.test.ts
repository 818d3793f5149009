import { describe, expect, it } from 'vitest';
import { makeSplit } from './split.ts';
import type { ImageRecords, RawDataset } from './types.ts';

const SHAPE: [number, number, number] = [3, 2, 2];
const FEATURES = 12;

function records(count: number, seed: number): ImageRecords {
  const images = Uint8Array.from({ length: count * FEATURES }, (_, i) => (i * 37 + seed * 11 + ((i * i) % 17)) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => (i + seed) % 10);
  return { images, labels, count };
}

const mnist = (count = 100): RawDataset => ({
  kind: 'mnist',
  name: 'MNIST (built-in)',
  imageShape: SHAPE,
  classNames: [],
  train: records(count, 0),
  test: null,
});

const cifar = (trainCount: number, testCount: number | null): RawDataset => ({
  kind: 'cifar10',
  name: 'CIFAR-10 (test)',
  imageShape: SHAPE,
  classNames: [],
  train: records(trainCount, 1),
  test: testCount === null ? null : records(testCount, 2),
});

/** Column means of an [n, FEATURES] row-major array. */
function columnMeans(X: Float32Array): number[] {
  const n = X.length / FEATURES;
  return Array.from({ length: FEATURES }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * FEATURES + j];
    return s / n;
  });
}

describe('makeSplit', () => {
  it('gives float32 rows of C*H*W features and int32 labels of the right sizes', () => {
    const { data, meanImage } = makeSplit(mnist(), { numTrain: 60, numVal: 30, seed: 1 });
    expect(data.XTrain.shape).toEqual([60, FEATURES]);
    expect(data.XTrain.data).toBeInstanceOf(Float32Array);
    expect(data.XTrain.data.length).toBe(60 * FEATURES);
    expect(data.XVal.shape).toEqual([30, FEATURES]);
    expect(data.yTrain).toBeInstanceOf(Int32Array);
    expect(data.yVal.length).toBe(30);
    expect(meanImage).toBeInstanceOf(Float32Array);
    expect(meanImage.length).toBe(FEATURES);
  });

  it('subtracts the mean of the chosen training images from training and validation rows', () => {
    const raw = cifar(50, 20);
    const { data, meanImage, trainIndices, valIndices } = makeSplit(raw, { numTrain: 40, numVal: 10, seed: 0 });
    for (const m of columnMeans(data.XTrain.data as Float32Array)) expect(Math.abs(m)).toBeLessThan(1e-4);
    // The mean uses the 40 chosen images only.
    let s = 0;
    for (let i = 0; i < 40; i++) s += raw.train.images[i * FEATURES + 5];
    expect(meanImage[5]).toBeCloseTo(s / 40, 4);
    const row = 3;
    for (let j = 0; j < FEATURES; j++) {
      expect(data.XTrain.data[row * FEATURES + j]).toBeCloseTo(
        raw.train.images[trainIndices[row] * FEATURES + j] - meanImage[j],
        4,
      );
      expect(data.XVal.data[row * FEATURES + j]).toBeCloseTo(
        raw.test!.images[valIndices[row] * FEATURES + j] - meanImage[j],
        4,
      );
    }
    expect(data.yVal[row]).toBe(raw.test!.labels[valIndices[row]]);
  });

  it("scale 'unit': pixels / 255 in 0..1, nothing subtracted (the autoencoder's input and target), same rows", () => {
    const raw = mnist();
    const assignment = makeSplit(raw, { numTrain: 40, numVal: 10, seed: 3 });
    const unit = makeSplit(raw, { numTrain: 40, numVal: 10, seed: 3, scale: 'unit' });
    expect(unit.trainIndices).toEqual(assignment.trainIndices);
    expect(unit.meanImage.every((v) => v === 0)).toBe(true);
    const row = unit.trainIndices[5];
    for (let j = 0; j < FEATURES; j++)
      expect(unit.data.XTrain.data[5 * FEATURES + j]).toBeCloseTo(raw.train.images[row * FEATURES + j] / 255, 6);
    expect(Math.min(...unit.data.XVal.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...unit.data.XVal.data)).toBeLessThanOrEqual(1);
  });

  it('MNIST: a seeded shuffle, the same for the same seed, with disjoint train and validation', () => {
    const a = makeSplit(mnist(), { numTrain: 70, numVal: 30, seed: 7 });
    const b = makeSplit(mnist(), { numTrain: 70, numVal: 30, seed: 7 });
    const c = makeSplit(mnist(), { numTrain: 70, numVal: 30, seed: 8 });
    expect(a.trainIndices).toEqual(b.trainIndices);
    expect(a.data.XTrain.data).toEqual(b.data.XTrain.data);
    expect(a.trainIndices).not.toEqual(c.trainIndices);
    expect(a.valSource).toBe('train');
    const all = new Set([...a.trainIndices, ...a.valIndices]);
    expect(all.size).toBe(100);
    expect([...a.trainIndices].every((i, k) => a.data.yTrain[k] === mnist().train.labels[i])).toBe(true);
    expect([...a.trainIndices]).not.toEqual(Array.from({ length: 70 }, (_, i) => i));
  });

  it('CIFAR-10: the first numTrain training images and the first numVal test images', () => {
    const split = makeSplit(cifar(50, 20), { numTrain: 30, numVal: 5, seed: 3 });
    expect([...split.trainIndices]).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect([...split.valIndices]).toEqual([0, 1, 2, 3, 4]);
    expect(split.valSource).toBe('test');
    // The seed does not matter for CIFAR-10.
    expect(makeSplit(cifar(50, 20), { numTrain: 30, numVal: 5, seed: 4 }).data.XTrain.data).toEqual(
      split.data.XTrain.data,
    );
  });

  it('CIFAR-10 without a test batch: validation is the last numVal training images', () => {
    const split = makeSplit(cifar(50, null), { numTrain: 30, numVal: 5, seed: 3 });
    expect([...split.valIndices]).toEqual([45, 46, 47, 48, 49]);
    expect(split.valSource).toBe('train');
    expect(makeSplit(cifar(50, null), { numTrain: 45, numVal: 5, seed: 0 }).data.XVal.shape).toEqual([5, FEATURES]);
  });

  it('defaults numVal to 1,000', () => {
    expect(makeSplit(mnist(1500), { numTrain: 500, seed: 0 }).data.yVal.length).toBe(1000);
  });

  it('refuses sizes that are not positive whole numbers or do not fit', () => {
    expect(() => makeSplit(mnist(), { numTrain: 0, seed: 0 })).toThrow(
      new RangeError('numTrain must be a positive whole number, got 0.'),
    );
    expect(() => makeSplit(mnist(), { numTrain: 10, numVal: 2.5, seed: 0 })).toThrow(RangeError);
    expect(() => makeSplit(mnist(), { numTrain: Number.NaN, seed: 0 })).toThrow(RangeError);
    expect(() => makeSplit(mnist(), { numTrain: 80, numVal: 30, seed: 0 })).toThrow(
      'numTrain (80) + numVal (30) = 110 is more than the 100 MNIST images available.',
    );
    expect(() => makeSplit(cifar(50, 20), { numTrain: 51, numVal: 5, seed: 0 })).toThrow(
      'numTrain (51) is more than the 50 training images loaded.',
    );
    expect(() => makeSplit(cifar(50, 20), { numTrain: 10, numVal: 21, seed: 0 })).toThrow(
      'numVal (21) is more than the 20 test-batch images loaded.',
    );
    expect(() => makeSplit(cifar(50, null), { numTrain: 46, numVal: 5, seed: 0 })).toThrow(
      /the last 5 training images, which must not overlap the first 46/,
    );
  });
});
