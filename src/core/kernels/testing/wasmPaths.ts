import v8 from 'node:v8';
import { createRng } from '../../random.ts';
import { relaxedSimdSupported, wasmSimdSupported } from '../wasm.ts';

// Node 20's V8 has relaxed SIMD behind a flag; switch it on so the relaxed path
// is tested too (newer engines have it on by default).
if (wasmSimdSupported() && !relaxedSimdSupported()) {
  try {
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    // not Node / flag gone
  }
}

/** The WebAssembly paths the kernels' tests run on, each skipped with the reason where this engine lacks it. */
export const paths: { name: string; relaxed: boolean; available: boolean; why: string }[] = [
  {
    name: 'wasm-simd',
    relaxed: false,
    available: wasmSimdSupported(),
    why: 'WebAssembly SIMD unsupported by this engine',
  },
  {
    name: 'wasm-relaxed-simd',
    relaxed: true,
    available: relaxedSimdSupported(),
    why: 'relaxed SIMD unsupported by this engine',
  },
];
for (const p of paths) if (!p.available) console.warn(`skipping the ${p.name} path: ${p.why}`);

export /** Seeded operand with a given fraction of non-zeros. */
function operand(length: number, seed: number, density = 1): Float32Array {
  const rng = createRng(`kernels:${seed}`);
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = density >= 1 || rng.uniform() < density ? rng.normal() : 0;
  return x;
}
