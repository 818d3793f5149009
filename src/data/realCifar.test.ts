import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCifarBatch } from './cifar10.ts';
import { loadCifarFiles } from './loadCifar.ts';
import { makeSplit } from './split.ts';

/** Real CIFAR-10 subsets kept beside the repository (never copied into it): ../shared/data/cifar10/. */
const DIR = fileURLToPath(new URL('../../../shared/data/cifar10/', import.meta.url));
const exists = existsSync(`${DIR}train_1000.bin`) && existsSync(`${DIR}val_1000.bin`);
if (!exists) console.info(`Skipping the real CIFAR-10 tests: ${DIR} is absent.`);

/** Pixel (row, col) of image i as [R, G, B], from channel-major records. */
const rgb = (images: Uint8Array, i: number, row: number, col: number): number[] =>
  [0, 1, 2].map((c) => images[i * 3072 + c * 1024 + row * 32 + col]);

describe('real CIFAR-10 data', () => {
  it.skipIf(!exists)('parses train_1000.bin and val_1000.bin with the known first labels and pixels', () => {
    const train = parseCifarBatch(readFileSync(`${DIR}train_1000.bin`), 'train_1000.bin');
    const test = parseCifarBatch(readFileSync(`${DIR}val_1000.bin`), 'val_1000.bin');
    expect(train.count).toBe(1000);
    expect(test.count).toBe(1000);
    expect([...train.labels.subarray(0, 10)]).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect([...test.labels.subarray(0, 10)]).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
    expect([0, 1, 2].map((col) => rgb(train.images, 0, 0, col))).toEqual([
      [59, 62, 63],
      [43, 46, 45],
      [50, 48, 43],
    ]);
    expect([0, 1, 2].map((col) => rgb(test.images, 0, 0, col))).toEqual([
      [158, 112, 49],
      [159, 111, 47],
      [165, 116, 51],
    ]);
  });

  it.skipIf(!exists)('streams them through loadCifarFiles like browser Files and splits them', async () => {
    const file = async (name: string) => {
      const blob = await openAsBlob(`${DIR}${name}`);
      return { name, size: blob.size, stream: () => blob.stream() as ReadableStream<Uint8Array> };
    };
    const dataset = await loadCifarFiles([await file('val_1000.bin'), await file('train_1000.bin')]);
    expect(dataset.train.count).toBe(1000);
    expect(dataset.test?.count).toBe(1000);
    expect([...dataset.train.labels.subarray(0, 10)]).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    const { data, valSource } = makeSplit(dataset, { numTrain: 500, numVal: 100, seed: 0 });
    expect(valSource).toBe('test');
    expect(data.XTrain.shape).toEqual([500, 3072]);
    expect([...data.yVal.subarray(0, 10)]).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
  });
});
