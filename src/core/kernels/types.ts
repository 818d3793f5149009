import type { UpdateRule } from '../optim.ts';
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
}
