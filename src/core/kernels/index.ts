import { adam, type OptimConfig } from '../optim.ts';
import { allocate, type DType, type FloatArray } from '../tensor.ts';
import { plainKernels } from './plain.ts';
import type { MatmulKernels } from './types.ts';
import { createWasmKernels, relaxedSimdSupported, wasmSimdSupported, type WasmKernelOptions } from './wasm.ts';

export type { MatmulKernels } from './types.ts';
export { plainKernels } from './plain.ts';
export {
  createWasmKernels,
  createWasmKernelsSync,
  relaxedSimdSupported,
  sharedMemorySupported,
  wasmSimdSupported,
  type WasmKernelOptions,
  type WasmKernels,
  type WasmKernelStats,
  type WasmPath,
} from './wasm.ts';
export { helperLoop, runKernelTask, type KernelHelperInit, type SpawnKernelHelper } from './wasm-team.ts';

let active: MatmulKernels = plainKernels;

/** The kernels the layers use; a faster implementation may be installed at start-up. */
export function kernels(): MatmulKernels {
  return active;
}

export function useKernels(k: MatmulKernels): void {
  active = k;
}

/**
 * A zeroed array for an operand the products use again and again (parameters, gradients, a batch): in float32, in the
 * active kernels' own memory where they offer it, so it is used in place and never copied.
 */
export function allocateOperand(dtype: DType, length: number): FloatArray {
  return (dtype === 'float32' ? active.lasting?.(length) : null) ?? allocate(dtype, length);
}

export type KernelPath = 'wasm-relaxed-simd' | 'wasm-simd' | 'plain';

export interface InstallOptions extends Omit<WasmKernelOptions, 'relaxed'> {
  /**
   * Allow f32x4.relaxed_madd (default true). Its rounding (fused or not) is the
   * engine's choice, so results may differ in the last bits between machines;
   * pass false for bit-for-bit reproducibility across engines.
   */
  relaxed?: boolean;
}

/**
 * Installs the fastest available kernels (wasm relaxed SIMD, wasm SIMD, else
 * plain) and returns the path chosen. Each candidate must reproduce the plain
 * kernels on a small self-check before it is installed. Never throws: any
 * failure falls back to the next path, finally to 'plain'.
 */
export async function installFastKernels(options: InstallOptions = {}): Promise<KernelPath> {
  const candidates: boolean[] = [];
  try {
    if (wasmSimdSupported()) {
      if (options.relaxed !== false && relaxedSimdSupported()) candidates.push(true);
      candidates.push(false);
    }
  } catch {
    // no WebAssembly at all
  }
  for (const relaxed of candidates) {
    try {
      const k = await createWasmKernels({ ...options, relaxed });
      if (selfCheck(k)) {
        useKernels(k);
        return k.name;
      }
      k.dispose();
    } catch {
      // try the next path
    }
  }
  useKernels(plainKernels);
  return 'plain';
}

/** A small product through every entry point (dense and sparse paths), and Adam's update, against the plain code. */
function selfCheck(k: MatmulKernels): boolean {
  // Helper threads' split products are checked against this one-thread path when they first can work (wasm.ts).
  return productsAgree(k) && adamAgrees(k) && affineAgrees(k);
}

/** The fused bias (+ ReLU) must match the product followed by the plain loops, bit for bit. */
function affineAgrees(k: MatmulKernels): boolean {
  if (!k.affine) return true;
  const [n, d, m] = [5, 9, 11];
  const x = Float32Array.from({ length: n * d }, (_, i) => Math.sin(i));
  const w = Float32Array.from({ length: d * m }, (_, i) => Math.cos(i * 0.7));
  const b = Float32Array.from({ length: m }, (_, i) => (i - 5) * 0.3);
  for (const relu of [false, true]) {
    const got = new Float32Array(n * m);
    const ref = new Float32Array(n * m);
    k.affine(x, w, b, got, n, d, m, relu);
    k.matmulNN(x, w, ref, n, d, m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) ref[i * m + j] += b[j];
    if (relu) for (let i = 0; i < ref.length; i++) ref[i] = ref[i] > 0 ? ref[i] : 0;
    if (!got.every((v, i) => Object.is(v, ref[i]))) return false;
  }
  return true;
}

/** Three Adam steps on an odd number of parameters must match optim.ts bit for bit. */
function adamAgrees(k: MatmulKernels): boolean {
  if (!k.adam) return true;
  const n = 37;
  const w = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.1);
  const ref = w.slice();
  const fast: OptimConfig = { learningRate: 1e-2 };
  const plain: OptimConfig = { learningRate: 1e-2 };
  for (let t = 0; t < 3; t++) {
    const dw = Float32Array.from({ length: n }, (_, i) => Math.cos(i * (t + 1)));
    k.adam(w, dw, fast);
    adam(ref, dw, plain);
  }
  return w.every((x, i) => Object.is(x, ref[i]));
}

function productsAgree(k: MatmulKernels): boolean {
  const [m, kk, n] = [7, 37, 21];
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) / 2 ** 24 - 0.5;
  };
  const a = new Float32Array(m * kk).map(rnd);
  const b = new Float32Array(kk * n).map(rnd);
  const sparseA = a.map((v, i) => (i % 5 === 0 ? v : 0));
  const c = new Float32Array(m * n);
  const ref = new Float32Array(m * n);
  for (const kind of ['NN', 'NT', 'TN'] as const) {
    for (const x of [a, sparseA]) {
      k[`matmul${kind}`](x, b, c, m, kk, n);
      plainKernels[`matmul${kind}`](x, b, ref, m, kk, n);
      for (let i = 0; i < c.length; i++) if (!(Math.abs(c[i] - ref[i]) <= 1e-4)) return false;
    }
  }
  return true;
}
