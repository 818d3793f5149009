import { describe, expect, it } from 'vitest';
import { evalNumericalGradient, relError } from './gradcheck.ts';
import { sigmoidCrossEntropyInto } from './layers.ts';
import { FullyConnectedNet } from './net.ts';
import { createRng } from './random.ts';
import { Solver } from './solver.ts';
import { clone, type Tensor } from './tensor.ts';

/** Rows of "pixels" in [0, 1], as the autoencoder sees images. */
function pixels(n: number, d: number, seed: number): Tensor {
  const rng = createRng(seed);
  return { data: Float64Array.from({ length: n * d }, () => rng.uniform()), shape: [n, d] };
}

/** Rows that are one of three fixed patterns of pixels, a little noisy: something a small autoencoder can learn. */
function patterns(n: number, d: number, seed: number): Tensor {
  const rng = createRng(seed);
  const prototypes = Array.from({ length: 3 }, () =>
    Array.from({ length: d }, () => (rng.uniform() < 0.5 ? 0.05 : 0.95)),
  );
  const data = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    const prototype = prototypes[rng.randint(3)];
    for (let k = 0; k < d; k++) data[r * d + k] = Math.min(1, Math.max(0, prototype[k] + 0.05 * rng.normal()));
  }
  return { data, shape: [n, d] };
}

/** The loss written out plainly: sigmoid, then -[t log s + (1 - t) log (1 - s)], summed per row, averaged over rows. */
function plainAutoencoderLoss(net: FullyConnectedNet, X: Tensor): number {
  const [n, d] = X.shape;
  const { W1, b1, W2, b2 } = net.params;
  const h = W1.shape[1];
  let total = 0;
  for (let r = 0; r < n; r++) {
    const hidden = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      let s = b1.data[j];
      for (let k = 0; k < d; k++) s += X.data[r * d + k] * W1.data[k * h + j];
      hidden[j] = Math.max(0, s);
    }
    for (let o = 0; o < d; o++) {
      let s = b2.data[o];
      for (let j = 0; j < h; j++) s += hidden[j] * W2.data[j * d + o];
      const sig = 1 / (1 + Math.exp(-s));
      const t = X.data[r * d + o];
      total -= t * Math.log(sig) + (1 - t) * Math.log(1 - sig);
    }
  }
  return total / n;
}

describe("the dropout paper's autoencoder (sigmoid output, cross-entropy against its input)", () => {
  const [N, D, H] = [4, 12, 7];
  const X = pixels(N, D, 5);
  const noLabels = new Int32Array(N);

  it('its loss is the plain formula, and d loss / d scores is (sigmoid - target) / n', () => {
    const net = new FullyConnectedNet({
      model: 'autoencoder',
      init: 'fanIn',
      hiddenDims: [H],
      inputDim: D,
      numClasses: D,
      dtype: 'float64',
      seed: 3,
    });
    expect(net.loss(X, noLabels).loss).toBeCloseTo(plainAutoencoderLoss(net, X), 10);
    const scores = Float64Array.from([-40, -1, 0, 2, 40]);
    const targets = Float64Array.from([0, 0.3, 0.5, 1, 1]);
    const dx = new Float64Array(5);
    const loss = sigmoidCrossEntropyInto(scores, targets, dx, 1, 5);
    // Stable at large |s|: exp(-40) is far below float64's epsilon beside 1, so those terms are 0 and 0.
    const plain = [-1, 0, 2].map((s, i) => {
      const sig = 1 / (1 + Math.exp(-s));
      const t = targets[i + 1];
      return -(t * Math.log(sig) + (1 - t) * Math.log(1 - sig));
    });
    expect(loss).toBeCloseTo(
      plain.reduce((a, b) => a + b, 0),
      12,
    );
    Array.from(scores).forEach((s, i) => expect(dx[i]).toBeCloseTo(1 / (1 + Math.exp(-s)) - targets[i], 12));
  });

  for (const dropout of [1, 0.5]) {
    it(`gradient check, keep probability ${dropout}: every parameter's relative error below 1e-6`, () => {
      const net = new FullyConnectedNet({
        model: 'autoencoder',
        init: 'fanIn',
        hiddenDims: [H],
        inputDim: D,
        numClasses: D,
        dtype: 'float64',
        dropout,
        dropoutSeed: 7,
        seed: 11,
      });
      const { grads } = net.loss(X, noLabels);
      const analytic = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, clone(g)]));
      for (const name of Object.keys(net.params)) {
        const numeric = evalNumericalGradient(() => net.loss(X, noLabels).loss, net.params[name]);
        expect(relError(analytic[name], numeric), name).toBeLessThan(1e-6);
      }
    });
  }

  it('fan-in initialisation: N(0, 2 / fan_in) before a ReLU, N(0, 1 / fan_in) for the output layer; zero biases', () => {
    const net = new FullyConnectedNet({
      model: 'autoencoder',
      init: 'fanIn',
      hiddenDims: [256],
      inputDim: 784,
      numClasses: 784,
      seed: 1,
    });
    const std = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0) / a.length);
    expect(std(net.params.W1.data) / Math.sqrt(2 / 784)).toBeCloseTo(1, 1);
    expect(std(net.params.W2.data) / Math.sqrt(1 / 256)).toBeCloseTo(1, 1);
    expect(net.params.b2.data.every((v) => v === 0)).toBe(true);
  });

  it('refuses an output width that is not the input width', () => {
    expect(() => new FullyConnectedNet({ model: 'autoencoder', hiddenDims: [3], inputDim: 5, numClasses: 10 })).toThrow(
      /output width must be its input width \(5\)/,
    );
  });

  it('the Solver trains it without accuracy checks, keeping the last parameters, and its loss falls', () => {
    const data = patterns(200, D, 9);
    const net = new FullyConnectedNet({
      model: 'autoencoder',
      init: 'fanIn',
      hiddenDims: [H],
      inputDim: D,
      numClasses: D,
      dtype: 'float64',
      dropout: 0.5,
      seed: 2,
    });
    const solver = new Solver(
      net,
      { XTrain: data, yTrain: new Int32Array(200), XVal: patterns(20, D, 10), yVal: new Int32Array(20) },
      {
        updateRule: 'adam',
        optimConfig: { learningRate: 1e-2 },
        batchSize: 20,
        numEpochs: 10,
        checks: 'none',
        seed: 4,
      },
    );
    solver.train();
    expect(solver.checks).toEqual([]);
    expect(solver.bestParams).toEqual({});
    const first = solver.lossHistory.slice(0, 10).reduce((a, b) => a + b) / 10;
    const last = solver.lossHistory.slice(-10).reduce((a, b) => a + b) / 10;
    expect(last).toBeLessThan(first * 0.8);
  });
});
