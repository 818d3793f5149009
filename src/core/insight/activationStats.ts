import type { FloatArray } from '../tensor.ts';

export interface Histogram {
  /** bins + 1 edges, ascending; the last bin includes its right edge. */
  edges: number[];
  counts: number[];
}

/** How sparse a layer's activations are (the dropout paper's section 7.2, Fig. 8). */
export interface ActivationStats {
  rows: number;
  units: number;
  meanActivation: number;
  maxActivation: number;
  /** Fraction of all activations below 1% of the largest. */
  nearZeroFraction: number;
  /** Fraction of units whose mean activation over the rows is below 1% of the largest unit mean. */
  quietUnitFraction: number;
  activations: Histogram;
  /** Of each unit's mean activation over the rows. */
  unitMeans: Histogram;
}

export const NEAR_ZERO_FRACTION_OF_MAX = 0.01;

/** Equal-width bins from 0 to max (ReLU outputs are never negative). */
export function histogram(values: ArrayLike<number>, bins: number, max: number): Histogram {
  const top = max > 0 ? max : 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (top * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    counts[Math.min(bins - 1, Math.max(0, Math.floor((v / top) * bins)))]++;
  }
  return { edges, counts };
}

/** Statistics of activations h, rows x units, row-major. */
export function activationStats(h: FloatArray, rows: number, units: number, bins = 30): ActivationStats {
  const unitSums = new Float64Array(units);
  let total = 0;
  let max = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * units;
    for (let j = 0; j < units; j++) {
      const v = h[row + j];
      total += v;
      unitSums[j] += v;
      if (v > max) max = v;
    }
  }
  const count = rows * units;
  const threshold = NEAR_ZERO_FRACTION_OF_MAX * max;
  let nearZero = 0;
  for (let i = 0; i < count; i++) if (h[i] < threshold || h[i] === 0) nearZero++;
  const unitMeans = unitSums.map((s) => (rows === 0 ? 0 : s / rows));
  let maxUnitMean = 0;
  for (const m of unitMeans) if (m > maxUnitMean) maxUnitMean = m;
  let quiet = 0;
  for (const m of unitMeans) if (m < NEAR_ZERO_FRACTION_OF_MAX * maxUnitMean || m === 0) quiet++;
  return {
    rows,
    units,
    meanActivation: count === 0 ? 0 : total / count,
    maxActivation: max,
    nearZeroFraction: count === 0 ? 0 : nearZero / count,
    quietUnitFraction: units === 0 ? 0 : quiet / units,
    activations: histogram(h.subarray(0, count), bins, max),
    unitMeans: histogram(unitMeans, bins, maxUnitMean),
  };
}
