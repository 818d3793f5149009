import { evalNumericalGradient, evalNumericalGradientArray, relError } from './gradcheck.ts';
import { dropoutBackward, dropoutForward, type DropoutScaling } from './layers.ts';
import { FullyConnectedNet } from './net.ts';
import { mean } from './tensor.ts';
import { randn, randomLabels } from './randomTensors.ts';

/** The figures the assignment's notebook prints, computed as it computes them. */

export interface ForwardCheckRow {
  p: number;
  inputMean: number;
  trainMean: number;
  testMean: number;
  trainZeroFraction: number;
  testZeroFraction: number;
  /** Variance of the train-time multiplier out / x: (1 - p) / p for inverted and Gaussian dropout. */
  maskVariance: number;
}

/** Mean and variance of out[i] / x[i]. */
function multiplierVariance(out: ArrayLike<number>, x: ArrayLike<number>): number {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < out.length; i++) {
    const m = out[i] / x[i];
    sum += m;
    sq += m * m;
  }
  const mu = sum / out.length;
  return sq / out.length - mu * mu;
}

function zeroFraction(d: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) z++;
  return z / d.length;
}

/** x = randn(500, 500) + 10; train and test outputs of dropout for each keep probability. */
export function dropoutForwardCheck({
  ps = [0.25, 0.4, 0.7],
  seed = 231,
  scaling = 'inverted',
}: { ps?: number[]; seed?: number; scaling?: DropoutScaling } = {}): ForwardCheckRow[] {
  const x = randn([500, 500], seed, { shift: 10 });
  const inputMean = mean(x.data);
  return ps.map((p) => {
    const train = dropoutForward(x, { p, mode: 'train', seed: `${seed}:mask:${p}`, scaling }).out.data;
    const test = dropoutForward(x, { p, mode: 'test', scaling }).out.data;
    return {
      p,
      inputMean,
      trainMean: mean(train),
      testMean: mean(test),
      trainZeroFraction: zeroFraction(train),
      testZeroFraction: zeroFraction(test),
      maskVariance: multiplierVariance(train, x.data),
    };
  });
}

export interface BackwardCheckResult {
  p: number;
  dxRelError: number;
}

/** x = randn(10, 10) + 10, p = 0.2: the analytic dx against the numerical one. */
export function dropoutBackwardCheck({ p = 0.2, seed = 231 } = {}): BackwardCheckResult {
  const x = randn([10, 10], seed, { shift: 10 });
  const dout = randn([10, 10], `${seed}:dout`);
  const param = { p, mode: 'train' as const, seed: `${seed}:mask` };
  const dx = dropoutBackward(dout, dropoutForward(x, param).cache);
  const dxNum = evalNumericalGradientArray((v) => dropoutForward(v, param).out, x, dout);
  return { p, dxRelError: relError(dx, dxNum) };
}

export interface NetCheckRow {
  dropout: number;
  initialLoss: number;
  relErrors: Record<string, number>;
}

/** N, D, H1, H2, C = 2, 15, 20, 30, 10; float64; fixed masks; every parameter checked. */
export function netGradientCheck({ dropouts = [1, 0.75, 0.5], seed = 231 } = {}): NetCheckRow[] {
  const [N, D, H1, H2, C] = [2, 15, 20, 30, 10];
  const X = randn([N, D], `${seed}:X`);
  const y = randomLabels(N, C, `${seed}:y`);
  return dropouts.map((dropout) => {
    const model = new FullyConnectedNet({
      hiddenDims: [H1, H2],
      inputDim: D,
      numClasses: C,
      weightScale: 5e-2,
      dtype: 'float64',
      dropout,
      dropoutSeed: `${seed}:masks`,
      seed,
    });
    const { loss, grads } = model.loss(X, y);
    const analytic = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.data.slice()]));
    const relErrors: Record<string, number> = {};
    for (const name of Object.keys(model.params).sort()) {
      const num = evalNumericalGradient(() => model.loss(X, y).loss, model.params[name]);
      relErrors[name] = relError(analytic[name], num);
    }
    return { dropout, initialLoss: loss, relErrors };
  });
}
