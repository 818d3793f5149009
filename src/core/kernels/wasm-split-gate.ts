import type { OptimConfig } from '../optim.ts';
import type { WasmArena } from './wasm-arena.ts';
import type { ResolvedOptions, WasmKernelStats } from './wasm-options.ts';
import type { KernelTeam } from './wasm-team.ts';

export type ProductKind = 'NN' | 'NT' | 'TN';
type Product = (
  kind: ProductKind,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
) => boolean;
type Update = (param: Float32Array, grad: Float32Array, config: OptimConfig) => OptimConfig;

/**
 * Whether work may be split over the helper threads. The split products are checked once, when helpers first can
 * work: the same products on one thread and split, bit for bit (the one-thread path is what installFastKernels checked
 * against the plain kernels). Until then, and for good if they differ, one thread.
 */
export class SplitGate {
  private state: 'unchecked' | 'checking' | 'ok' | 'broken';
  private forceSerial = false;

  constructor(
    private readonly team: KernelTeam | null,
    private readonly o: ResolvedOptions,
    private readonly arena: WasmArena,
    private readonly stats: WasmKernelStats,
  ) {
    this.state = team ? 'unchecked' : 'broken';
  }

  /** Threads for `work` multiply-adds: this one and the helpers ready (and allowed) now. */
  parts(work: number): number {
    if (!this.team || this.state === 'broken' || this.state === 'unchecked' || work < this.o.parallelMinWork) return 1;
    return this.state === 'checking' && this.forceSerial ? 1 : 1 + this.team.readyHelpers();
  }

  /** True when the split products matched one thread's, false when they did not (one thread for good), null: not yet. */
  get checked(): boolean | null {
    return this.state === 'ok' ? true : this.state === 'broken' && this.team ? false : null;
  }

  /** Before a product: the check, once helpers are ready (`product` and `update` are the kernels' own). */
  checkWhenReady(product: Product, update: Update): void {
    if (this.state === 'unchecked' && this.team!.readyHelpers() > 0) this.check(product, update);
  }

  private check(product: Product, update: Update): void {
    this.state = 'checking';
    const [m, k, n] = [64, 256, 136];
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24 - 0.5;
    const a = Float32Array.from({ length: m * k }, next);
    const sparseA = a.map((v, i) => (i % 7 === 0 ? v : 0));
    const b = Float32Array.from({ length: k * n }, next);
    const sparseB = b.map((v, i) => (i % 5 === 0 ? v : 0));
    const saved = this.o.parallelMinWork;
    const splitBefore = this.stats.splitCalls;
    this.o.parallelMinWork = 1;
    try {
      for (const kind of ['NN', 'NT', 'TN'] as const) {
        for (const [x, y] of [
          [a, b],
          [sparseA, b],
          [a, sparseB],
        ]) {
          const one = new Float32Array(m * n);
          const split = new Float32Array(m * n);
          this.forceSerial = true;
          const ranOne = product(kind, x, y, one, m, k, n);
          this.forceSerial = false;
          // The split product reuses the same scratch memory: poisoned, a block a helper left unwritten cannot pass.
          const [from, to] = this.arena.scratchRange();
          this.arena.f32.fill(NaN, from >> 2, to >> 2);
          const ranSplit = product(kind, x, y, split, m, k, n);
          if (!ranOne || !ranSplit || !split.every((v, i) => Object.is(v, one[i]))) {
            this.state = 'broken';
            return;
          }
        }
      }
      // Adam's update of an odd number of weights, split and not.
      const weights = Float32Array.from({ length: 4099 }, next);
      const configs = [{ learningRate: 1e-2 }, { learningRate: 1e-2 }].map((c) => ({ ...c }));
      const [wOne, wSplit] = [weights.slice(), weights.slice()];
      for (let step = 0; step < 2; step++) {
        const grad = Float32Array.from({ length: weights.length }, next);
        this.forceSerial = true;
        update(wOne, grad, configs[0]);
        this.forceSerial = false;
        update(wSplit, grad, configs[1]);
      }
      if (!wSplit.every((v, i) => Object.is(v, wOne[i]))) {
        this.state = 'broken';
        return;
      }
      // Checked only if the helpers took part (they may have been withdrawn meanwhile): else again next time.
      this.state = this.stats.splitCalls > splitBefore ? 'ok' : 'unchecked';
    } finally {
      this.o.parallelMinWork = saved;
      this.forceSerial = false;
      if (this.state === 'checking') this.state = 'broken';
    }
  }
}
