import { afterEach, describe, expect, it } from 'vitest';
import { installFastKernels, plainKernels, useKernels } from './kernels/index.ts';
import { FullyConnectedNet } from './net.ts';
import { createRng, deriveSeed } from './random.ts';
import { accuracy, Solver } from './solver.ts';
import type { Tensor } from './tensor.ts';
import { randn } from './randomTensors.ts';

/** Data a small net can partly learn: labels from a fixed random linear map of the inputs. */
function learnableData(nTrain: number, nVal: number, d: number) {
  const XTrain = randn([nTrain, d], 'checks:train', { dtype: 'float32' });
  const XVal = randn([nVal, d], 'checks:val', { dtype: 'float32' });
  const map = randn([d, 10], 'checks:map', { dtype: 'float32' });
  const labels = (X: Tensor, n: number) => {
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      for (let c = 0; c < 10; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += X.data[i * d + j] * map.data[j * 10 + c];
        if (s > best) [best, y[i]] = [s, c];
      }
    }
    return y;
  };
  return { XTrain, yTrain: labels(XTrain, nTrain), XVal, yVal: labels(XVal, nVal) };
}

function gather(X: Tensor, y: Int32Array, indices: number[]): { X: Tensor; y: Int32Array } {
  const f = X.data.length / X.shape[0];
  const out = new Float32Array(indices.length * f);
  indices.forEach((idx, i) => out.set(X.data.subarray(idx * f, (idx + 1) * f), i * f));
  return { X: { data: out, shape: [indices.length, f] }, y: Int32Array.from(indices, (idx) => y[idx]) };
}

afterEach(() => useKernels(plainKernels));

describe('the accuracy check in one pass over all check rows', () => {
  it.each(['plain', 'fast'])(
    'gives the accuracies of the assignment-style check in batches of 100, at every check (%s kernels)',
    async (kind) => {
      if (kind === 'fast') await installFastKernels();
      const data = learnableData(250, 130, 40);
      for (const dropout of [1, 0.5]) {
        const model = new FullyConnectedNet({
          hiddenDims: [30],
          inputDim: 40,
          numClasses: 10,
          weightScale: 0.1,
          dropout,
          seed: 3,
        });
        const solver = new Solver(model, data, {
          numEpochs: 6,
          batchSize: 50,
          updateRule: 'adam',
          optimConfig: { learningRate: 5e-3 },
          seed: 5,
        });
        const seen: number[] = [];
        while (!solver.done) {
          const { check } = solver.step();
          if (!check) continue;
          expect(check.trainAcc).toBe(accuracy(model, data.XTrain, data.yTrain, 100));
          expect(check.valAcc).toBe(accuracy(model, data.XVal, data.yVal, 100));
          seen.push(check.valAcc);
        }
        expect(seen).toHaveLength(7);
        // The net learns something, so the comparison is not between constant accuracies.
        expect(Math.max(...solver.trainAccHistory)).toBeGreaterThan(solver.trainAccHistory[0] + 0.2);
      }
    },
  );

  it('draws subsampled rows as checkAccuracy does: the batch, then training rows, then validation rows', () => {
    const data = learnableData(120, 90, 12);
    const model = new FullyConnectedNet({ hiddenDims: [16], inputDim: 12, numClasses: 10, weightScale: 0.1, seed: 1 });
    const solver = new Solver(model, data, {
      numEpochs: 2,
      batchSize: 40,
      numTrainSamples: 70,
      numValSamples: 25,
      updateRule: 'adam',
      optimConfig: { learningRate: 1e-2 },
      seed: 9,
    });
    const { check } = solver.step();
    expect(check).not.toBeNull();
    // Replay the solver's stream: 40 batch draws, then 70 training rows, then 25 validation rows.
    const rng = createRng(deriveSeed(9, 'batches'));
    for (let i = 0; i < 40; i++) rng.randint(120);
    const trainRows = Array.from({ length: 70 }, () => rng.randint(120));
    const valRows = Array.from({ length: 25 }, () => rng.randint(90));
    const t = gather(data.XTrain, data.yTrain, trainRows);
    const v = gather(data.XVal, data.yVal, valRows);
    expect(check!.trainAcc).toBe(accuracy(model, t.X, t.y));
    expect(check!.valAcc).toBe(accuracy(model, v.X, v.y));
    // And the stream goes on from there: the next minibatch is the next 40 draws.
    const twin = new FullyConnectedNet({ hiddenDims: [16], inputDim: 12, numClasses: 10, weightScale: 0.1, seed: 1 });
    for (const [name, p] of Object.entries(model.params)) twin.params[name].data.set(p.data);
    const next = gather(
      data.XTrain,
      data.yTrain,
      Array.from({ length: 40 }, () => rng.randint(120)),
    );
    expect(solver.step().loss).toBe(twin.loss(next.X, next.y).loss);
  });

  it('checks all rows of a validation set larger than a chunk (several products)', () => {
    const data = learnableData(60, 5000, 8);
    const model = new FullyConnectedNet({ hiddenDims: [300], inputDim: 8, numClasses: 10, weightScale: 0.1, seed: 2 });
    const solver = new Solver(model, data, { numEpochs: 1, batchSize: 20, updateRule: 'adam', seed: 1 });
    const { check } = solver.step();
    expect(check!.valAcc).toBe(accuracy(model, data.XVal, data.yVal, 100));
    expect(check!.trainAcc).toBe(accuracy(model, data.XTrain, data.yTrain, 100));
  });
});
