import type { FloatArray } from './tensor.ts';

/**
 * The assignment's update rules (optim.py). Each updates `w` in place from its
 * gradient `dw`, keeping its state in `config`, which it fills with defaults.
 */
export type UpdateRuleName = 'sgd' | 'sgdMomentum' | 'rmsprop' | 'adam';

export interface OptimConfig {
  learningRate?: number;
  momentum?: number;
  decayRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** State, created on first use. */
  velocity?: FloatArray;
  cache?: FloatArray;
  m?: FloatArray;
  v?: FloatArray;
  t?: number;
}

export type UpdateRule = (w: FloatArray, dw: FloatArray, config: OptimConfig) => OptimConfig;

function stateLike(w: FloatArray): FloatArray {
  return new (w.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(w.length);
}

export const sgd: UpdateRule = (w, dw, config) => {
  config.learningRate ??= 1e-2;
  const lr = config.learningRate;
  for (let i = 0; i < w.length; i++) w[i] -= lr * dw[i];
  return config;
};

/** v = momentum * v - lr * dw; w += v */
export const sgdMomentum: UpdateRule = (w, dw, config) => {
  config.learningRate ??= 1e-2;
  config.momentum ??= 0.9;
  const v = (config.velocity ??= stateLike(w));
  const { learningRate: lr, momentum: mu } = config;
  for (let i = 0; i < w.length; i++) {
    v[i] = mu * v[i] - lr * dw[i];
    w[i] += v[i];
  }
  return config;
};

/** cache = decay * cache + (1 - decay) * dw^2; w -= lr * dw / (sqrt(cache) + eps) */
export const rmsprop: UpdateRule = (w, dw, config) => {
  config.learningRate ??= 1e-2;
  config.decayRate ??= 0.99;
  config.epsilon ??= 1e-8;
  const cache = (config.cache ??= stateLike(w));
  const { learningRate: lr, decayRate: decay, epsilon: eps } = config;
  for (let i = 0; i < w.length; i++) {
    cache[i] = decay * cache[i] + (1 - decay) * dw[i] * dw[i];
    w[i] -= (lr * dw[i]) / (Math.sqrt(cache[i]) + eps);
  }
  return config;
};

/** Adam with bias correction; t is incremented before it is used. */
export const adam: UpdateRule = (w, dw, config) => {
  config.learningRate ??= 1e-3;
  config.beta1 ??= 0.9;
  config.beta2 ??= 0.999;
  config.epsilon ??= 1e-8;
  const m = (config.m ??= stateLike(w));
  const v = (config.v ??= stateLike(w));
  config.t = (config.t ?? 0) + 1;
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, t } = config;
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  for (let i = 0; i < w.length; i++) {
    const g = dw[i];
    m[i] = b1 * m[i] + (1 - b1) * g;
    v[i] = b2 * v[i] + (1 - b2) * g * g;
    w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
  }
  return config;
};

export const updateRules: Record<UpdateRuleName, UpdateRule> = { sgd, sgdMomentum, rmsprop, adam };
