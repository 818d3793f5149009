import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastKernels, plainKernels, useKernels } from '../core/kernels/index.ts';
import { FullyConnectedNet } from '../core/net.ts';
import { Solver } from '../core/solver.ts';
import { CIFAR10_CLASSES, parseCifarBatch } from './cifar10.ts';
import { makeSplit } from './split.ts';
import type { RawDataset } from './types.ts';

/** The assignment's experiment on real CIFAR-10 images kept beside the repository (never copied into it). */
const DIR = fileURLToPath(new URL('../../../shared/data/cifar10/', import.meta.url));
const exists = existsSync(`${DIR}train_1000.bin`) && existsSync(`${DIR}val_1000.bin`);
if (!exists) console.info(`Skipping the real-data training test: ${DIR} is absent (a user's clone has no ../shared).`);

function train(dataset: RawDataset, keepProb: number) {
  const { data } = makeSplit(dataset, { numTrain: 500, numVal: 1000, seed: 231 });
  const model = new FullyConnectedNet({
    hiddenDims: [500],
    inputDim: 3072,
    numClasses: 10,
    dropout: keepProb,
    weightScale: 1e-2,
    dtype: 'float32',
    seed: 231,
  });
  const solver = new Solver(model, data, {
    numEpochs: 25,
    batchSize: 100,
    updateRule: 'adam',
    optimConfig: { learningRate: 5e-4 },
    seed: 231,
  });
  solver.train();
  return solver;
}

describe('the regularization experiment on real CIFAR-10 (assignment settings)', () => {
  beforeAll(async () => {
    console.info(`kernels: ${await installFastKernels()}`);
  });
  afterAll(() => useKernels(plainKernels));

  it.skipIf(!exists)('p = 1 overfits; p = 0.25 trains lower and both validate like the published solutions', () => {
    const dataset: RawDataset = {
      kind: 'cifar10',
      name: 'CIFAR-10 (shared subsets)',
      imageShape: [3, 32, 32],
      classNames: [...CIFAR10_CLASSES],
      train: parseCifarBatch(readFileSync(`${DIR}train_1000.bin`), 'train_1000.bin'),
      test: parseCifarBatch(readFileSync(`${DIR}val_1000.bin`), 'val_1000.bin'),
    };
    const noDropout = train(dataset, 1);
    const dropout = train(dataset, 0.25);
    const summary = (s: Solver) =>
      `train ${s.trainAccHistory.at(-1)!.toFixed(3)}, best val ${s.bestValAcc.toFixed(3)} (epoch ${s.bestEpoch})`;
    console.info(`p = 1: ${summary(noDropout)}; p = 0.25: ${summary(dropout)}`);

    expect(noDropout.lossHistory).toHaveLength(125);
    expect(noDropout.trainAccHistory).toHaveLength(26);
    expect(noDropout.trainAccHistory.at(-1)!).toBeGreaterThanOrEqual(0.95);
    expect(dropout.trainAccHistory.at(-1)!).toBeLessThanOrEqual(noDropout.trainAccHistory.at(-1)! - 0.03);
    for (const s of [noDropout, dropout]) {
      expect(s.bestValAcc).toBeGreaterThanOrEqual(0.25);
      expect(s.bestValAcc).toBeLessThanOrEqual(0.42);
    }
  });
});
