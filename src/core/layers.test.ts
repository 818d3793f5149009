import { describe, expect, it } from 'vitest';
import { evalNumericalGradientArray, relError } from './gradcheck.ts';
import {
  affineBackward,
  affineForward,
  dropoutBackward,
  dropoutForward,
  reluBackward,
  reluForward,
  softmaxLoss,
} from './layers.ts';
import { createRng } from './random.ts';
import { dropoutForwardCheck } from './notebookChecks.ts';
import { mean, tensor } from './tensor.ts';
import { randn, randomLabels } from './randomTensors.ts';
import { evalNumericalGradient } from './gradcheck.ts';

const zeroFraction = (d: ArrayLike<number>) => {
  let z = 0;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) z++;
  return z / d.length;
};

describe('dropout forward (the notebook check)', () => {
  const x = randn([500, 500], 231, { shift: 10 });
  for (const p of [0.25, 0.4, 0.7]) {
    it(`p = ${p}: train mean within 1% of the input mean, zeros near 1 - p; test is the identity`, () => {
      const train = dropoutForward(x, { p, mode: 'train', seed: 123 }).out;
      const test = dropoutForward(x, { p, mode: 'test', seed: 123 }).out;
      const inputMean = mean(x.data);
      expect(Math.abs(mean(train.data) - inputMean) / inputMean).toBeLessThan(0.01);
      expect(Math.abs(zeroFraction(train.data) - (1 - p))).toBeLessThan(0.01);
      expect(Array.from(test.data)).toEqual(Array.from(x.data));
      expect(zeroFraction(test.data)).toBe(zeroFraction(x.data));
    });
  }

  it('p = 0.8: train-time outputs average to the test-time output (scaling by 1/p, not by p)', () => {
    const small = randn([50, 50], 1, { shift: 10 });
    const rng = createRng('many-draws');
    const sum = new Float64Array(small.data.length);
    const draws = 200;
    for (let k = 0; k < draws; k++) {
      const out = dropoutForward(small, { p: 0.8, mode: 'train', rng }).out.data;
      for (let i = 0; i < sum.length; i++) sum[i] += out[i];
    }
    const trainMean = mean(sum) / draws;
    const testMean = mean(dropoutForward(small, { p: 0.8, mode: 'test' }).out.data);
    expect(Math.abs(trainMean - testMean) / testMean).toBeLessThan(0.005);
  });

  it('the same seed gives the same mask; another seed another', () => {
    const a = dropoutForward(x, { p: 0.5, mode: 'train', seed: 1 }).cache.mask!;
    const b = dropoutForward(x, { p: 0.5, mode: 'train', seed: 1 }).cache.mask!;
    const c = dropoutForward(x, { p: 0.5, mode: 'train', seed: 2 }).cache.mask!;
    expect(relError(a, b)).toBe(0);
    expect(relError(a, c)).toBeGreaterThan(0);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('rejects p = %s with a clear error', (p) => {
    expect(() => dropoutForward(x, { p, mode: 'train', seed: 1 })).toThrow(/keep probability p must be in \(0, 1\]/);
  });

  it('train mode without a seed or stream is an error, not a hidden global draw', () => {
    expect(() => dropoutForward(x, { p: 0.5, mode: 'train' })).toThrow(/seed or an rng/);
  });
});

describe('dropout backward (the notebook check)', () => {
  it('dx = dout * mask matches the numerical gradient (relative error below 1e-9)', () => {
    const x = randn([10, 10], 231, { shift: 10 });
    const dout = randn([10, 10], 232);
    const param = { p: 0.2, mode: 'train' as const, seed: 123 };
    const { cache } = dropoutForward(x, param);
    const dx = dropoutBackward(dout, cache);
    const dxNum = evalNumericalGradientArray((xx) => dropoutForward(xx, param).out, x, dout);
    expect(relError(dx, dxNum)).toBeLessThan(1e-9);
    for (let i = 0; i < dx.data.length; i++) expect(dx.data[i]).toBe(dout.data[i] * cache.mask![i]);
  });

  it('test mode passes the gradient through', () => {
    const dout = randn([3, 4], 5);
    const { cache } = dropoutForward(randn([3, 4], 6), { p: 0.3, mode: 'test' });
    expect(Array.from(dropoutBackward(dout, cache).data)).toEqual(Array.from(dout.data));
  });
});

describe('dropout scaling modes (assignment question 1)', () => {
  const x = randn([200, 200], 7, { shift: 10 });
  const p = 0.5;
  const trainMean = (scaling: 'inverted' | 'none' | 'vanilla') =>
    mean(dropoutForward(x, { p, mode: 'train', seed: 3, scaling }).out.data);
  const testMean = (scaling: 'inverted' | 'none' | 'vanilla') =>
    mean(dropoutForward(x, { p, mode: 'test', scaling }).out.data);

  it('inverted: train and test means agree', () => {
    expect(Math.abs(trainMean('inverted') / testMean('inverted') - 1)).toBeLessThan(0.01);
  });
  it('no scaling: the train mean is about p times the test mean, and test time is the identity', () => {
    expect(Math.abs(trainMean('none') / testMean('none') - p)).toBeLessThan(0.01);
    expect(Array.from(dropoutForward(x, { p, mode: 'test', scaling: 'none' }).out.data)).toEqual(Array.from(x.data));
  });
  it('no scaling keeps kept units as they are (mask values 1), inverted divides them by p', () => {
    const kept = (scaling: 'inverted' | 'none') => {
      const out = dropoutForward(x, { p, mode: 'train', seed: 3, scaling }).out.data;
      const i = out.findIndex((v) => v !== 0);
      return out[i] / x.data[i];
    };
    expect(kept('none')).toBeCloseTo(1, 12);
    expect(kept('inverted')).toBeCloseTo(1 / p, 12);
  });
  it('vanilla: test output is p times the input, matching the unscaled train mean', () => {
    const out = dropoutForward(x, { p, mode: 'test', scaling: 'vanilla' }).out.data;
    for (let i = 0; i < 10; i++) expect(out[i]).toBeCloseTo(p * x.data[i], 12);
    expect(Math.abs(trainMean('vanilla') / testMean('vanilla') - 1)).toBeLessThan(0.01);
  });
});

describe('Gaussian dropout (the dropout paper, section 10)', () => {
  for (const p of [0.25, 0.5, 0.8]) {
    it(`p = ${p}: train-time multiplier has mean 1 and variance (1 - p) / p within 1%; test is the identity`, () => {
      const x = randn([1000, 1000], 'gauss:x', { shift: 10 });
      const { out, cache } = dropoutForward(x, { p, mode: 'train', seed: `gauss:${p}`, scaling: 'gaussian' });
      const m = cache.mask!;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < m.length; i++) {
        sum += m[i];
        sq += m[i] * m[i];
        expect(out.data[i]).toBe(x.data[i] * m[i]);
      }
      const mean = sum / m.length;
      const variance = sq / m.length - mean * mean;
      expect(Math.abs(mean - 1)).toBeLessThan(0.01);
      expect(Math.abs(variance / ((1 - p) / p) - 1)).toBeLessThan(0.01);
      expect(Array.from(dropoutForward(x, { p, mode: 'test', scaling: 'gaussian' }).out.data.subarray(0, 50))).toEqual(
        Array.from(x.data.subarray(0, 50)),
      );
    });
  }

  it("the forward check reports the multiplier's variance: (1 - p) / p for inverted and Gaussian, p(1 - p) unscaled", () => {
    for (const row of dropoutForwardCheck({ scaling: 'gaussian' })) {
      expect(Math.abs(row.trainMean / row.inputMean - 1)).toBeLessThan(0.01);
      expect(row.trainZeroFraction).toBe(0);
      expect(Math.abs(row.maskVariance / ((1 - row.p) / row.p) - 1)).toBeLessThan(0.02);
    }
    for (const row of dropoutForwardCheck({ scaling: 'inverted' }))
      expect(Math.abs(row.maskVariance / ((1 - row.p) / row.p) - 1)).toBeLessThan(0.02);
    for (const row of dropoutForwardCheck({ scaling: 'none' }))
      expect(Math.abs(row.maskVariance / (row.p * (1 - row.p)) - 1)).toBeLessThan(0.02);
  });

  it('the backward pass multiplies by the same noise (numerical gradient)', () => {
    const x = randn([8, 8], 'gauss:bx', { shift: 3 });
    const dout = randn([8, 8], 'gauss:bd');
    const param = { p: 0.4, mode: 'train' as const, seed: 'gauss:mask', scaling: 'gaussian' as const };
    const dx = dropoutBackward(dout, dropoutForward(x, param).cache);
    const dxNum = evalNumericalGradientArray((v) => dropoutForward(v, param).out, x, dout);
    expect(relError(dx, dxNum)).toBeLessThan(1e-8);
  });
});

describe('affine, relu and softmax', () => {
  it('affine forward matches a hand-computed product', () => {
    const x = tensor([1, 2, 3, 4], [2, 2], 'float64');
    const w = tensor([1, 0, -1, 2, 1, 0], [2, 3], 'float64');
    const b = tensor([0.5, 0, -0.5], [3], 'float64');
    expect(Array.from(affineForward(x, w, b).out.data)).toEqual([5.5, 2, -1.5, 11.5, 4, -3.5]);
  });

  it('affine backward matches numerical gradients, including inputs of shape [N, d1, d2]', () => {
    const x = randn([10, 2, 3], 1);
    const w = randn([6, 5], 2);
    const b = randn([5], 3);
    const dout = randn([10, 5], 4);
    const { cache } = affineForward(x, w, b);
    const { dx, dw, db } = affineBackward(dout, cache);
    expect(dx.shape).toEqual([10, 2, 3]);
    expect(
      relError(
        dx,
        evalNumericalGradientArray((v) => affineForward(v, w, b).out, x, dout),
      ),
    ).toBeLessThan(1e-9);
    expect(
      relError(
        dw,
        evalNumericalGradientArray((v) => affineForward(x, v, b).out, w, dout),
      ),
    ).toBeLessThan(1e-9);
    expect(
      relError(
        db,
        evalNumericalGradientArray((v) => affineForward(x, w, v).out, b, dout),
      ),
    ).toBeLessThan(1e-9);
  });

  it('relu backward matches the numerical gradient', () => {
    const x = randn([10, 10], 8);
    const dout = randn([10, 10], 9);
    const dx = reluBackward(dout, reluForward(x).cache);
    expect(
      relError(
        dx,
        evalNumericalGradientArray((v) => reluForward(v).out, x, dout),
      ),
    ).toBeLessThan(1e-9);
  });

  it('softmax loss is about log(10) for small scores and its gradient checks', () => {
    const scores = randn([50, 10], 10, { scale: 1e-3 });
    const y = randomLabels(50, 10, 11);
    const { loss, dx } = softmaxLoss(scores, y);
    expect(Math.abs(loss - Math.log(10))).toBeLessThan(0.01);
    const num = evalNumericalGradient((s) => softmaxLoss(s, y).loss, scores);
    expect(relError(dx, num)).toBeLessThan(1e-7);
  });

  it('softmax rejects labels out of range', () => {
    expect(() => softmaxLoss(randn([2, 3], 1), new Int32Array([0, 3]))).toThrow(/label 3 at row 1/);
  });
});
