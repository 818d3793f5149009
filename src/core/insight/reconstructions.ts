import { sigmoid } from '../layers.ts';
import { createRng } from '../random.ts';
import type { FullyConnectedNet } from '../net.ts';
import { rowsView, type Tensor } from '../tensor.ts';

/** What an autoencoder makes of some validation images: the paper's check that a net still does its job. */
export interface Reconstructions {
  /** Rows of the validation set shown. */
  rows: number[];
  /** The shown images and their reconstructions, row after row, each C*H*W bytes (0-255). */
  originals: Uint8Array;
  reconstructed: Uint8Array;
  /** Over every validation image: the mean of (sigmoid output - pixel)^2, as the paper reference prints it. */
  meanSquaredError: number;
}

/** Test-mode rows per pass: big products, bounded memory. */
const CHUNK_ROWS = 500;

/** A trained autoencoder's reconstructions of X (pixels in 0..1): `shown` rows drawn as bytes, the error over all. */
export function reconstructions(model: FullyConnectedNet, X: Tensor, shown: number): Reconstructions {
  if (model.model !== 'autoencoder') throw new Error('reconstructions: the net is not an autoencoder');
  const [n] = X.shape;
  const features = X.data.length / Math.max(1, n);
  const count = Math.min(shown, n);
  const originals = new Uint8Array(count * features);
  const reconstructed = new Uint8Array(count * features);
  const pass = { train: false, maskRng: createRng(0) };
  let squared = 0;
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, n - start);
    const x = rowsView(X, start, rows).data;
    const scores = model.runStages(x, { ...pass, n: rows });
    for (let i = 0; i < rows * features; i++) {
      const out = sigmoid(scores[i]);
      const d = out - x[i];
      squared += d * d;
      const at = start * features + i;
      if (at < count * features) {
        originals[at] = Math.round(x[i] * 255);
        reconstructed[at] = Math.round(out * 255);
      }
    }
  }
  return {
    rows: Array.from({ length: count }, (_, i) => i),
    originals,
    reconstructed,
    meanSquaredError: n ? squared / (n * features) : NaN,
  };
}
