import { describe, expect, it } from 'vitest';
import { FullyConnectedNet } from './net.ts';
import { Solver } from './solver.ts';
import { randn, randomLabels } from './randomTensors.ts';

function smallData(nTrain: number, nVal: number, d: number) {
  return {
    XTrain: randn([nTrain, d], 1, { dtype: 'float32' }),
    yTrain: randomLabels(nTrain, 10, 2),
    XVal: randn([nVal, d], 3, { dtype: 'float32' }),
    yVal: randomLabels(nVal, 10, 4),
  };
}

describe('Solver', () => {
  it('overfits 50 examples to 100% training accuracy', () => {
    const data = smallData(50, 20, 300);
    const model = new FullyConnectedNet({
      hiddenDims: [100, 100],
      inputDim: 300,
      numClasses: 10,
      weightScale: 5e-2,
      seed: 1,
    });
    const solver = new Solver(model, data, {
      numEpochs: 20,
      batchSize: 25,
      updateRule: 'adam',
      optimConfig: { learningRate: 1e-3 },
      seed: 1,
    });
    solver.train();
    expect(solver.trainAccHistory.at(-1)).toBe(1);
  });

  it('25 epochs of 500 examples in batches of 100: 125 iterations and 26 checks', () => {
    const data = smallData(500, 50, 8);
    const model = new FullyConnectedNet({ hiddenDims: [10], inputDim: 8, numClasses: 10, seed: 1, dropout: 0.5 });
    const solver = new Solver(model, data, { numEpochs: 25, batchSize: 100, updateRule: 'adam', seed: 1 });
    const checkIterations: number[] = [];
    let steps = 0;
    while (!solver.done) {
      const r = solver.step();
      steps++;
      if (r.check) checkIterations.push(r.iteration);
    }
    expect(steps).toBe(125);
    expect(solver.lossHistory).toHaveLength(125);
    expect(solver.trainAccHistory).toHaveLength(26);
    expect(solver.valAccHistory).toHaveLength(26);
    expect(checkIterations[0]).toBe(1);
    expect(checkIterations.slice(1)).toEqual(Array.from({ length: 25 }, (_, e) => (e + 1) * 5));
    expect(solver.bestValAcc).toBe(Math.max(...solver.valAccHistory));
  });

  it('keeps the best parameters', () => {
    const data = smallData(100, 30, 8);
    const model = new FullyConnectedNet({ hiddenDims: [10], inputDim: 8, numClasses: 10, seed: 1 });
    const solver = new Solver(model, data, {
      numEpochs: 5,
      batchSize: 20,
      updateRule: 'adam',
      optimConfig: { learningRate: 1e-2 },
      seed: 1,
    });
    solver.train();
    expect(solver.checkAccuracy(data.XVal, data.yVal)).toBe(solver.bestValAcc);
  });

  it('the same seeds give identical histories; another batch seed another', () => {
    const run = (seed: number) => {
      const data = smallData(100, 30, 8);
      const model = new FullyConnectedNet({ hiddenDims: [10], inputDim: 8, numClasses: 10, seed: 1, dropout: 0.5 });
      const solver = new Solver(model, data, { numEpochs: 3, batchSize: 20, updateRule: 'adam', seed });
      solver.train();
      return solver.lossHistory;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('rejects a bad batch size, epoch count or learning rate', () => {
    const data = smallData(10, 5, 4);
    const model = new FullyConnectedNet({ hiddenDims: [3], inputDim: 4, numClasses: 10 });
    expect(() => new Solver(model, data, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new Solver(model, data, { numEpochs: 0 })).toThrow(/numEpochs/);
    for (const learningRate of [0, -1e-3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Solver(model, data, { optimConfig: { learningRate } })).toThrow(
        /learningRate must be a finite number above 0/,
      );
    }
  });
});
