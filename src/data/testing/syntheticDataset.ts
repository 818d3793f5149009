import { createRng, type Seed } from '../../core/random.ts';
import type { RawDataset } from '../types.ts';

/** A small learnable dataset for tests: 4 x 4 grey images whose brightness depends on the label. */
export function syntheticDataset(count: number, seed: Seed): RawDataset {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = rng.randint(10);
    for (let j = 0; j < 16; j++) images[i * 16 + j] = (labels[i] * 20 + rng.randint(60)) & 255;
  }
  return {
    kind: 'mnist',
    name: 'tiny',
    imageShape: [1, 4, 4],
    classNames: '0123456789'.split(''),
    train: { images, labels, count },
    test: null,
  };
}
