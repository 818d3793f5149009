import { DEFAULT_GEMM_OPTIONS } from './wasm-gemm.ts';
import type { SpawnKernelHelper } from './wasm-team.ts';

export interface WasmKernelOptions {
  /** Use f32x4.relaxed_madd (must be supported: see `relaxedSimdSupported`). Default false. */
  relaxed?: boolean;
  /** Register tile rows / columns (columns a multiple of 4). Defaults 4 x 8. */
  mr?: number;
  nr?: number;
  /** Cache blocking: depth of a packed block, rows of A per block, columns of B per block (defaults 256, 128, 1024; blocks are evened out). */
  kc?: number;
  mc?: number;
  nc?: number;
  /** f32x4 vectors per column chunk in the sparse kernel (power of two). Default 4. */
  sparseVectors?: number;
  /** Unrolling of the dense kernel's k loop. Default 1. */
  unroll?: number;
  /**
   * Take the sparse path when the fraction of non-zeros of an operand is below
   * this (measured: it wins below ~0.35 on the big shapes; after ReLU + dropout
   * with p = 0.25 about 0.13 remain). 0 disables the sparse path, anything
   * above 1 forces it. Default 0.3.
   */
  sparseBelow?: number;
  /**
   * ... and only when the dense operand has at least this many columns (narrow
   * products such as h @ W2 with 10 classes are faster dense). Default 16.
   */
  sparseMinCols?: number;
  /**
   * NN / NT products whose left operand has more floats than this are done in
   * chunks of rows, bounding the scratch memory (default 2^23 floats = 32 MB).
   */
  maxRowsFloats?: number;
  /** Accumulate timings of copies vs compute in `stats` (a little overhead). */
  profile?: boolean;
  /**
   * Threads for the products, this one included (default 1). Above 1 the memory is shared and `spawnHelper` starts
   * the others (WebAssembly threads: needs SharedArrayBuffer, in a browser cross-origin isolation). Each product is
   * split by blocks of its output, so the results are bit-identical to one thread.
   */
  threads?: number;
  spawnHelper?: SpawnKernelHelper | null;
  /** Products with fewer multiply-adds than this stay on one thread. Default 2^20. */
  parallelMinWork?: number;
}

export interface WasmKernelStats {
  calls: number;
  /** Calls that took the sparse path. */
  sparseCalls: number;
  /** Products split over helper threads. */
  splitCalls: number;
  /** Milliseconds copying operands in and results out (only with `profile`). */
  copyMs: number;
  /** Milliseconds in packing, products and layout fix-ups (only with `profile`). */
  computeMs: number;
}

/** Every option with its default filled in. */
export type ResolvedOptions = Required<WasmKernelOptions>;

export function resolveOptions(o: WasmKernelOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    relaxed: o.relaxed ?? false,
    mr: o.mr ?? DEFAULT_GEMM_OPTIONS.mr,
    nr: o.nr ?? DEFAULT_GEMM_OPTIONS.nr,
    kc: o.kc ?? 256,
    mc: o.mc ?? 0,
    nc: o.nc ?? 0,
    sparseVectors: o.sparseVectors ?? DEFAULT_GEMM_OPTIONS.sparseVectors,
    unroll: o.unroll ?? DEFAULT_GEMM_OPTIONS.unroll ?? 1,
    sparseBelow: o.sparseBelow ?? 0.3,
    sparseMinCols: o.sparseMinCols ?? 16,
    maxRowsFloats: o.maxRowsFloats ?? 2 ** 23,
    profile: o.profile ?? false,
    threads: Math.max(1, Math.floor(o.threads ?? 1)),
    spawnHelper: o.spawnHelper ?? null,
    parallelMinWork: o.parallelMinWork ?? 2 ** 20,
  };
  if (!r.mc) r.mc = r.mr * Math.max(1, Math.round(128 / r.mr));
  if (!r.nc) r.nc = r.nr * Math.max(1, Math.round(1024 / r.nr));
  if (r.mc % r.mr !== 0) throw new RangeError(`mc (${r.mc}) must be a multiple of mr (${r.mr})`);
  if (r.nc % r.nr !== 0) throw new RangeError(`nc (${r.nc}) must be a multiple of nr (${r.nr})`);
  if (!(r.kc >= 1)) throw new RangeError(`kc must be >= 1, got ${r.kc}`);
  return r;
}
