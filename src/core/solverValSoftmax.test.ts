import { describe, expect, it } from 'vitest';
import { FullyConnectedNet } from './net.ts';
import { addSoftmaxRow } from './checkSet.ts';
import { Solver } from './solver.ts';
import { randn, randomLabels } from './randomTensors.ts';

describe('validation softmax figures of a check', () => {
  it('one row: -log of the label probability and the top probability', () => {
    const sums = { loss: 0, confidence: 0 };
    addSoftmaxRow(Float32Array.from([0, 0, 0, 0]), 0, 4, 2, sums);
    expect(sums.loss).toBeCloseTo(Math.log(4), 12);
    expect(sums.confidence).toBeCloseTo(0.25, 12);
    addSoftmaxRow(Float32Array.from([9, 1, 2, 3]), 1, 3, 0, sums); // scores 1, 2, 3 from offset 1; label's score 1
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(sums.loss).toBeCloseTo(Math.log(4) + Math.log(z) - 1, 12);
    expect(sums.confidence).toBeCloseTo(0.25 + Math.exp(3) / z, 12);
  });

  it('scores 4 times larger keep the argmax but are surer: the no-scaling mismatch', () => {
    const scores = Float32Array.from([0.5, 0.2, -0.1]);
    const big = scores.map((s) => s * 4);
    const a = { loss: 0, confidence: 0 };
    const b = { loss: 0, confidence: 0 };
    addSoftmaxRow(scores, 0, 3, 1, a);
    addSoftmaxRow(big, 0, 3, 1, b);
    expect(b.confidence).toBeGreaterThan(a.confidence);
    expect(b.loss).toBeGreaterThan(a.loss); // wrong and surer: the loss grows
  });

  it('every CPU check carries the mean validation loss and confidence', () => {
    const data = {
      XTrain: randn([60, 8], 1, { dtype: 'float32' }),
      yTrain: randomLabels(60, 10, 2),
      XVal: randn([30, 8], 3, { dtype: 'float32' }),
      yVal: randomLabels(30, 10, 4),
    };
    const model = new FullyConnectedNet({ hiddenDims: [10], inputDim: 8, numClasses: 10, seed: 1 });
    const solver = new Solver(model, data, { numEpochs: 2, batchSize: 20, updateRule: 'adam', seed: 1 });
    solver.train();
    expect(solver.checks.length).toBeGreaterThan(1);
    for (const check of solver.checks) {
      expect(check.valLoss).toBeGreaterThan(0);
      expect(check.valConfidence).toBeGreaterThanOrEqual(0.1); // at least 1 / classes
      expect(check.valConfidence).toBeLessThanOrEqual(1);
    }
    // The first check, before much training, is near the uniform guess: loss about log(10).
    expect(solver.checks[0].valLoss).toBeCloseTo(Math.log(10), 0);
  });
});
