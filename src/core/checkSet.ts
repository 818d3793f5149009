import { allocateOperand } from './kernels/index.ts';
import type { TrainableModel } from './net.ts';
import type { Rng } from './random.ts';
import type { SolverData } from './solver.ts';
import { dtypeOf, rowsView, type FloatArray, type Tensor } from './tensor.ts';

/** Rows per chunk of a check's test-mode pass: big products, bounded memory (about 4 MB per hidden buffer). */
const CHECK_CHUNK_FLOATS = 1 << 20;

/**
 * The training and validation rows an accuracy check scores, gathered once into one
 * matrix (training rows first). When a part is subsampled (more rows than its sample
 * size), its rows are redrawn at every check, with replacement, from the solver's stream.
 */
export class CheckSet {
  private readonly X: Tensor;
  private readonly y: Int32Array;
  private readonly numTrainRows: number;
  private readonly features: number;

  constructor(
    private readonly data: SolverData,
    private readonly numTrainSamples: number,
    private readonly numValSamples: number | null,
  ) {
    const nTrain = data.XTrain.shape[0];
    const nVal = data.XVal.shape[0];
    this.features = data.XTrain.data.length / nTrain;
    this.numTrainRows = this.subsampled(nTrain, numTrainSamples) ? numTrainSamples : nTrain;
    const valRows = this.subsampled(nVal, numValSamples) ? numValSamples! : nVal;
    const rows = this.numTrainRows + valRows;
    this.X = { data: allocateOperand(dtypeOf(data.XTrain.data), rows * this.features), shape: [rows, this.features] };
    this.y = new Int32Array(rows);
    if (!this.subsampled(nTrain, numTrainSamples)) this.copyRows(data.XTrain, data.yTrain, null, 0);
    if (!this.subsampled(nVal, numValSamples)) this.copyRows(data.XVal, data.yVal, null, this.numTrainRows);
  }

  accuracies(
    model: TrainableModel,
    rng: Rng,
  ): { trainAcc: number; valAcc: number; valLoss: number | null; valConfidence: number | null } {
    const { data } = this;
    if (this.subsampled(data.XTrain.shape[0], this.numTrainSamples)) this.copyRows(data.XTrain, data.yTrain, rng, 0);
    if (this.subsampled(data.XVal.shape[0], this.numValSamples))
      this.copyRows(data.XVal, data.yVal, rng, this.numTrainRows);
    const rows = this.X.shape[0];
    const widest = Math.max(1, ...model.dims.slice(1));
    const chunk = Math.max(1, Math.min(rows, Math.floor(CHECK_CHUNK_FLOATS / widest)));
    let trainCorrect = 0;
    let valCorrect = 0;
    const valSoftmax = { loss: 0, confidence: 0 };
    for (let start = 0; start < rows; start += chunk) {
      const count = Math.min(chunk, rows - start);
      const scores = model.loss(rowsView(this.X, start, count));
      const c = scores.shape[1];
      for (let i = 0; i < count; i++) {
        const row = start + i;
        if (row >= this.numTrainRows) addSoftmaxRow(scores.data, i * c, c, this.y[row], valSoftmax);
        if (argmaxRow(scores.data, i * c, c) !== this.y[row]) continue;
        if (row < this.numTrainRows) trainCorrect++;
        else valCorrect++;
      }
    }
    const valRows = rows - this.numTrainRows;
    return {
      trainAcc: this.numTrainRows ? trainCorrect / this.numTrainRows : 0,
      valAcc: valRows ? valCorrect / valRows : 0,
      valLoss: valRows ? valSoftmax.loss / valRows : null,
      valConfidence: valRows ? valSoftmax.confidence / valRows : null,
    };
  }

  private subsampled(n: number, samples: number | null): boolean {
    return samples !== null && n > samples;
  }

  /** Rows of X (all of them, or `count` drawn with `rng` as checkAccuracy draws them) into the check matrix from row `at`. */
  private copyRows(X: Tensor, y: Int32Array, rng: Rng | null, at: number): void {
    const f = this.features;
    const n = X.shape[0];
    const count = rng ? (at === 0 ? this.numTrainRows : this.X.shape[0] - this.numTrainRows) : n;
    for (let i = 0; i < count; i++) {
      const idx = rng ? rng.randint(n) : i;
      this.X.data.set(X.data.subarray(idx * f, (idx + 1) * f), (at + i) * f);
      this.y[at + i] = y[idx];
    }
  }
}

/** Adds one row's softmax loss (-log of the label's probability) and top-class probability to `sums`, in float64. */
export function addSoftmaxRow(
  scores: FloatArray,
  offset: number,
  c: number,
  label: number,
  sums: { loss: number; confidence: number },
): void {
  let max = -Infinity;
  for (let j = 0; j < c; j++) if (scores[offset + j] > max) max = scores[offset + j];
  let sum = 0;
  for (let j = 0; j < c; j++) sum += Math.exp(scores[offset + j] - max);
  sums.loss += Math.log(sum) - (scores[offset + label] - max);
  sums.confidence += 1 / sum;
}

/** Index of the highest of c scores from `offset` (the first one on a tie, as argmax does). */
export function argmaxRow(scores: FloatArray, offset: number, c: number): number {
  let best = 0;
  for (let j = 1; j < c; j++) if (scores[offset + j] > scores[offset + best]) best = j;
  return best;
}
