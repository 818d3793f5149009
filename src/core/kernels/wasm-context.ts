import type { FloatArray } from '../tensor.ts';
import { plainKernels } from './plain.ts';
import type { WasmArena } from './wasm-arena.ts';
import type { ResolvedOptions, WasmKernelStats } from './wasm-options.ts';
import type { GemmExports } from './wasm-signatures.ts';
import type { SplitGate } from './wasm-split-gate.ts';
import type { KernelTeam } from './wasm-team.ts';

/** What the products and Adam's update share: the module's exports, its memory, the options, the threads. */
export interface KernelContext {
  w: GemmExports;
  o: ResolvedOptions;
  arena: WasmArena;
  stats: WasmKernelStats;
  team: KernelTeam | null;
  gate: SplitGate;
  /** A clock when profiling, else 0. */
  now: () => number;
}

export function isF32(x: FloatArray): x is Float32Array {
  return x instanceof Float32Array;
}

/** The plain affine (+ ReLU), as layers.ts's affineInto and reluInto compute it. */
export function affinePlain(
  x: FloatArray,
  w: FloatArray,
  b: FloatArray,
  out: FloatArray,
  n: number,
  d: number,
  m: number,
  relu: boolean,
): void {
  plainKernels.matmulNN(x, w, out, n, d, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[row + j] += b[j];
  }
  if (relu) for (let i = 0; i < n * m; i++) out[i] = out[i] > 0 ? out[i] : 0;
}
