import type { FullyConnectedNet } from '../net.ts';
import type { Pass } from '../netLayers.ts';
import { createRng, type Seed } from '../random.ts';
import { argmaxRow } from '../checkSet.ts';
import type { FloatArray, Tensor } from '../tensor.ts';

/** The ensemble sizes the dropout paper's Fig. 11 compares with the weight-scaling rule. */
export const MC_SAMPLE_COUNTS = [1, 2, 5, 10, 20, 50, 100] as const;

export interface McDropoutResult {
  /** Ensemble sizes, ascending, and the accuracy of averaging that many thinned nets' softmax outputs. */
  sampleCounts: number[];
  mcAcc: number[];
  /** One test-mode pass (inverted dropout's "weight scaling" at test time). */
  deterministicAcc: number;
  /** The largest ensemble's mean softmax output, rows x classes. */
  meanProbs: Float64Array;
  /** Its predicted class and predictive entropy (nats) per row. */
  predicted: Int32Array;
  entropy: Float64Array;
}

/** Adds softmax(scores) row by row into `sum` (float64). */
export function addSoftmax(scores: ArrayLike<number>, sum: Float64Array, n: number, c: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (scores[row + j] > max) max = scores[row + j];
    let z = 0;
    for (let j = 0; j < c; j++) z += Math.exp(scores[row + j] - max);
    for (let j = 0; j < c; j++) sum[row + j] += Math.exp(scores[row + j] - max) / z;
  }
}

function accuracyOf(values: FloatArray, y: Int32Array, c: number): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) if (argmaxRow(values, i * c, c) === y[i]) correct++;
  return y.length === 0 ? 0 : correct / y.length;
}

/**
 * Test-time inference two ways (the dropout paper's section 7.5): one deterministic test-mode pass,
 * and Monte-Carlo dropout, the average of the softmax outputs of k thinned nets whose masks are drawn
 * as in training from a stream seeded by `maskSeed`. Sample s of the ensemble is the same for every
 * k, so the curve over k is one ensemble growing. The layers before the first dropout have no
 * randomness and run once. A net without dropout gives its deterministic pass for every k.
 */
export function mcDropoutEvaluate(
  net: FullyConnectedNet,
  X: Tensor,
  y: Int32Array,
  sampleCounts: readonly number[],
  maskSeed: Seed,
): McDropoutResult {
  const n = X.shape[0];
  const c = net.dims[net.dims.length - 1];
  const counts = [...sampleCounts].sort((a, b) => a - b);
  const maskRng = createRng(maskSeed);
  const testPass: Pass = { n, train: false, maskRng };
  const firstDropout = net.firstDropoutStage();
  // The layers before the first dropout run once: the test-mode pass and every thinned net continue from them.
  const prefix = firstDropout < 0 ? X.data : net.runStages(X.data, testPass, 0, firstDropout);
  const deterministic = net.runStages(prefix, testPass, Math.max(0, firstDropout));
  const deterministicAcc = accuracyOf(deterministic, y, c);
  const sum = new Float64Array(n * c);
  const mcAcc: number[] = [];
  const largest = counts.at(-1) ?? 0;
  if (firstDropout < 0) {
    // No masks to sample: every member of the ensemble is the deterministic net.
    addSoftmax(deterministic, sum, n, c);
    const acc = accuracyOf(sum, y, c);
    for (let k = 0; k < counts.length; k++) mcAcc.push(acc);
  } else {
    const trainPass: Pass = { n, train: true, maskRng };
    let next = 0;
    for (let s = 1; s <= largest; s++) {
      addSoftmax(net.runStages(prefix, trainPass, firstDropout), sum, n, c);
      while (next < counts.length && counts[next] === s) {
        mcAcc.push(accuracyOf(sum, y, c));
        next++;
      }
    }
    for (let i = 0; i < sum.length; i++) sum[i] /= largest;
  }
  const predicted = new Int32Array(n);
  const entropy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    predicted[i] = argmaxRow(sum, i * c, c);
    let h = 0;
    for (let j = 0; j < c; j++) {
      const q = sum[i * c + j];
      if (q > 0) h -= q * Math.log(q);
    }
    entropy[i] = h;
  }
  return { sampleCounts: counts, mcAcc, deterministicAcc, meanProbs: sum, predicted, entropy };
}

/** The rows with the highest predictive entropy, most uncertain first (ties by row). */
export function mostUncertainRows(entropy: Float64Array, count: number): number[] {
  return Array.from(entropy.keys())
    .sort((a, b) => entropy[b] - entropy[a] || a - b)
    .slice(0, count);
}
