import { describe, expect, it } from 'vitest';
import { evalNumericalGradient, relError } from './gradcheck.ts';
import { FullyConnectedNet } from './net.ts';
import { randn, randomLabels } from './randomTensors.ts';
import { clone } from './tensor.ts';

describe('fully-connected net with dropout (the notebook check)', () => {
  const [N, D, H1, H2, C] = [2, 15, 20, 30, 10];
  const X = randn([N, D], 231);
  const y = randomLabels(N, C, 232);

  for (const dropout of [1, 0.75, 0.5]) {
    it(`dropout = ${dropout}: initial loss near 2.30 and every parameter's relative error below 1e-4`, () => {
      const model = new FullyConnectedNet({
        hiddenDims: [H1, H2],
        inputDim: D,
        numClasses: C,
        weightScale: 5e-2,
        dtype: 'float64',
        dropout,
        dropoutSeed: 123,
        seed: 231,
      });
      const { loss, grads } = model.loss(X, y);
      expect(Math.abs(loss - 2.3)).toBeLessThan(0.02);
      const analytic = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, clone(g)]));
      expect(Object.keys(analytic).sort()).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
      for (const name of Object.keys(model.params)) {
        const num = evalNumericalGradient(() => model.loss(X, y).loss, model.params[name]);
        expect(relError(analytic[name], num), name).toBeLessThan(1e-4);
      }
    });
  }

  it('with regularization the loss and gradients include 0.5 * reg * sum(W^2)', () => {
    const model = new FullyConnectedNet({
      hiddenDims: [H1],
      inputDim: D,
      numClasses: C,
      dtype: 'float64',
      reg: 0.7,
      seed: 1,
      weightScale: 5e-2,
    });
    const { grads } = model.loss(X, y);
    const w1 = clone(grads.W1);
    expect(
      relError(
        w1,
        evalNumericalGradient(() => model.loss(X, y).loss, model.params.W1),
      ),
    ).toBeLessThan(1e-6);
  });

  it('biases start at zero and weights have the requested scale', () => {
    const model = new FullyConnectedNet({
      hiddenDims: [100],
      inputDim: 200,
      numClasses: 10,
      weightScale: 1e-2,
      seed: 3,
    });
    expect(model.params.b1.data.every((v) => v === 0)).toBe(true);
    const w = model.params.W1.data;
    let sq = 0;
    for (const v of w) sq += v * v;
    expect(Math.sqrt(sq / w.length)).toBeCloseTo(1e-2, 3);
  });

  it('the same seed gives the same initial weights whatever the keep probability', () => {
    const a = new FullyConnectedNet({ hiddenDims: [8], inputDim: 5, numClasses: 3, seed: 9, dropout: 1 });
    const b = new FullyConnectedNet({ hiddenDims: [8], inputDim: 5, numClasses: 3, seed: 9, dropout: 0.25 });
    expect(Array.from(a.params.W1.data)).toEqual(Array.from(b.params.W1.data));
  });

  it('without dropoutSeed the masks differ at every call; with it they repeat', () => {
    const free = new FullyConnectedNet({ hiddenDims: [50], inputDim: D, numClasses: C, seed: 1, dropout: 0.5 });
    free.loss(X, y);
    const m1 = free.lastTrainActivations()!.masks[0].slice();
    free.loss(X, y);
    expect(relError(m1, free.lastTrainActivations()!.masks[0])).toBeGreaterThan(0);
    const fixed = new FullyConnectedNet({
      hiddenDims: [50],
      inputDim: D,
      numClasses: C,
      seed: 1,
      dropout: 0.5,
      dropoutSeed: 4,
    });
    fixed.loss(X, y);
    const f1 = fixed.lastTrainActivations()!.masks[0].slice();
    fixed.loss(X, y);
    expect(relError(f1, fixed.lastTrainActivations()!.masks[0])).toBe(0);
  });

  it('test mode returns scores and uses no mask', () => {
    const model = new FullyConnectedNet({ hiddenDims: [H1], inputDim: D, numClasses: C, seed: 1, dropout: 0.5 });
    const a = Array.from(model.loss(X).data);
    const b = Array.from(model.loss(X).data);
    expect(a).toEqual(b);
    expect(a).toHaveLength(N * C);
  });

  it('rejects bad options with clear messages', () => {
    expect(() => new FullyConnectedNet({ hiddenDims: [0], inputDim: 5, numClasses: 3 })).toThrow(/hiddenDims\[0\]/);
    expect(() => new FullyConnectedNet({ hiddenDims: [4], inputDim: 5, numClasses: 3, dropout: 0 })).toThrow(
      /keep probability/,
    );
    expect(() => new FullyConnectedNet({ hiddenDims: [4], inputDim: 5, numClasses: 3, weightScale: -1 })).toThrow(
      /weightScale/,
    );
  });
});
