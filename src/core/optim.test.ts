import { describe, expect, it } from 'vitest';
import { adam, rmsprop, sgd, sgdMomentum, type OptimConfig } from './optim.ts';

const f64 = (...v: number[]) => Float64Array.from(v);

describe('update rules: two steps computed by hand', () => {
  it('sgd: w -= lr * dw', () => {
    const w = f64(1, -2);
    const config: OptimConfig = { learningRate: 0.1 };
    sgd(w, f64(0.5, 1), config);
    sgd(w, f64(0.5, 1), config);
    expect(w[0]).toBeCloseTo(0.9, 12);
    expect(w[1]).toBeCloseTo(-2.2, 12);
  });

  it('sgd with momentum: v = 0.9 v - lr dw; w += v', () => {
    const w = f64(1);
    const config: OptimConfig = { learningRate: 0.1 };
    sgdMomentum(w, f64(1), config); // v = -0.1, w = 0.9
    sgdMomentum(w, f64(1), config); // v = -0.09 - 0.1 = -0.19, w = 0.71
    expect(config.momentum).toBe(0.9);
    expect(config.velocity![0]).toBeCloseTo(-0.19, 12);
    expect(w[0]).toBeCloseTo(0.71, 12);
  });

  it('rmsprop: cache = 0.99 cache + 0.01 dw^2; w -= lr dw / (sqrt(cache) + eps)', () => {
    const w = f64(1);
    const config: OptimConfig = { learningRate: 0.01 };
    rmsprop(w, f64(2), config); // cache = 0.04, step = 0.01 * 2 / 0.2 = 0.1
    expect(w[0]).toBeCloseTo(0.9, 6);
    rmsprop(w, f64(2), config); // cache = 0.0396 + 0.04 = 0.0796, step = 0.02 / sqrt(0.0796)
    expect(config.cache![0]).toBeCloseTo(0.0796, 12);
    expect(w[0]).toBeCloseTo(0.9 - 0.02 / Math.sqrt(0.0796), 6);
  });

  it('adam: t incremented first, bias-corrected moments', () => {
    const w = f64(1);
    const config: OptimConfig = { learningRate: 0.1 };
    adam(w, f64(2), config);
    // t = 1: m = 0.2, v = 0.004; mhat = 2, vhat = 4; step = 0.1 * 2 / (2 + 1e-8)
    expect(config.t).toBe(1);
    expect(w[0]).toBeCloseTo(0.9, 7);
    const w1 = 1 - (0.1 * 2) / (2 + 1e-8);
    adam(w, f64(-1), config);
    // t = 2: m = 0.18 - 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996
    const mhat = 0.08 / (1 - 0.81);
    const vhat = 0.004996 / (1 - 0.999 ** 2);
    expect(config.t).toBe(2);
    expect(config.m![0]).toBeCloseTo(0.08, 12);
    expect(config.v![0]).toBeCloseTo(0.004996, 12);
    expect(w[0]).toBeCloseTo(w1 - (0.1 * mhat) / (Math.sqrt(vhat) + 1e-8), 10);
  });

  it('fills the assignment defaults', () => {
    const config: OptimConfig = {};
    adam(f64(0), f64(0), config);
    expect(config).toMatchObject({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  });
});
