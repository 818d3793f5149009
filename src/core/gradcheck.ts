import type { Tensor } from './tensor.ts';

/** Centred-difference gradient of a scalar function of `x` (changed in place, then restored). */
export function evalNumericalGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-5): Tensor {
  const grad = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const old = x.data[i];
    x.data[i] = old + h;
    const plus = f(x);
    x.data[i] = old - h;
    const minus = f(x);
    x.data[i] = old;
    grad[i] = (plus - minus) / (2 * h);
  }
  return { data: grad, shape: [...x.shape] };
}

/** Centred-difference gradient of sum(f(x) * dout) for an array-valued `f`. */
export function evalNumericalGradientArray(f: (x: Tensor) => Tensor, x: Tensor, dout: Tensor, h = 1e-5): Tensor {
  const grad = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const old = x.data[i];
    x.data[i] = old + h;
    const plus = f(x).data.slice();
    x.data[i] = old - h;
    const minus = f(x).data;
    x.data[i] = old;
    // Difference first, then the dot product: subtracting two large sums loses digits.
    let s = 0;
    for (let j = 0; j < plus.length; j++) s += (plus[j] - minus[j]) * dout.data[j];
    grad[i] = s / (2 * h);
  }
  return { data: grad, shape: [...x.shape] };
}

/** max |a - b| / max(1e-8, |a| + |b|), elementwise, as the assignment's rel_error. */
export function relError(a: Tensor | ArrayLike<number>, b: Tensor | ArrayLike<number>): number {
  const x = 'data' in a ? a.data : a;
  const y = 'data' in b ? b.data : b;
  if (x.length !== y.length) throw new Error(`relError: lengths differ (${x.length} vs ${y.length})`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(x[i] - y[i]) / Math.max(1e-8, Math.abs(x[i]) + Math.abs(y[i]));
    if (e > worst || Number.isNaN(e)) worst = e;
  }
  return worst;
}
