import type { UpdateRule } from '../optim.ts';

/**
 * Where a run computes. 'exact': WebAssembly with separate multiply and add, rounded as IEEE
 * prescribes, the same digits in every engine. 'fast': relaxed-SIMD fused multiply-add where the
 * engine has it (about 10-20% faster products; the last digits may differ between machines).
 * 'gpu': the whole training step on WebGPU (src/core/gpu), float32, agreeing with 'exact' to float
 * tolerance, not digit for digit.
 */
export type KernelChoice = 'exact' | 'fast' | 'gpu';
import type { FloatArray } from '../tensor.ts';

/** Matrix products on row-major arrays; each overwrites `c`. */
export interface MatmulKernels {
  readonly name: string;
  /** c[m, n] = a[m, k] @ b[k, n] */
  matmulNN(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
  /** c[m, n] = a[m, k] @ b[n, k]^T */
  matmulNT(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
  /** c[m, n] = a[k, m]^T @ b[k, n] */
  matmulTN(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
  /** Optional: a faster Adam (optim.ts's `adam`, same signature and the same results bit for bit). */
  adam?: UpdateRule;
  /**
   * Optional: out[n, m] = x[n, d] @ w[d, m] + b, then ReLU when `relu` (x > 0 ? x : 0), with the
   * same results bit for bit as matmulNN followed by layers.ts's bias loop and reluInto.
   */
  affine?(
    x: FloatArray,
    w: FloatArray,
    b: FloatArray,
    out: FloatArray,
    n: number,
    d: number,
    m: number,
    relu: boolean,
  ): void;
  /**
   * Optional: a zeroed Float32Array of `length` that these kernels use in place, with no copy in or out (a network's
   * parameters and gradients; Adam then keeps its moments beside them), or null where they cannot. It lives as long as
   * the array object is referenced (hold the array itself, not only a subarray of it).
   */
  lasting?(length: number): Float32Array | null;
}
