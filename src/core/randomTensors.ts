import { createRng, type Seed } from './random.ts';
import { allocate, type DType, type Tensor } from './tensor.ts';

/** randn(...shape) * scale + shift from a seeded stream: the notebook's test inputs. */
export function randn(
  shape: number[],
  seed: Seed,
  { scale = 1, shift = 0, dtype = 'float64' }: { scale?: number; shift?: number; dtype?: DType } = {},
): Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = rng.normal() * scale + shift;
  return { data, shape: [...shape] };
}

export function randomLabels(n: number, classes: number, seed: Seed): Int32Array {
  const rng = createRng(seed);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.randint(classes);
  return y;
}
