import type { GemmExports } from './wasm-signatures.ts';

/**
 * WebAssembly threads for one configuration's matrix products: helper threads run the same kernels' module on the
 * same shared memory, each on its own block of the output, so every element is summed in the same order as on one
 * thread and the results are bit-identical whatever the number of threads (or how many helpers are ready yet).
 *
 * The coordinator (the training worker) and each helper talk through a small Int32Array on a SharedArrayBuffer: a
 * slot of SLOT ints per thread, [sequence, done, ready, op, ...arguments]. The coordinator writes a task, bumps the
 * sequence and notifies; the helper, blocked in Atomics.wait, runs the task and stores the sequence into `done`.
 *
 * `helperLoop` and `runKernelTask` reference nothing outside themselves, so a Node worker thread can be started from
 * their source text (see testing/nodeKernelHelpers.ts); in a browser a module worker imports them.
 */

/** Ints per thread slot of the control array. */
export const SLOT = 32;
const SEQ = 0;
const DONE = 1;
const READY = 2;
const OP = 3;
const ARGS = 4;

export const OP_QUIT = 0;
/** C[i0:i1, j0:j1] of a dense product, packing its own panels (see `denseTask`). */
export const OP_DENSE = 1;
/** spmm over rows r0..r1 of a compressed operand. */
export const OP_SPMM = 2;
/** spmm over column slabs, each transposed into the output (sparseTransposed's loop). */
export const OP_SPMM_T = 3;
/** Adam's update of a range of elements (elementwise: any split gives the same numbers). */
export const OP_ADAM = 4;
/** Rows r0..r1 of a result copied to where it lives (compact: row copies). */
export const OP_COPY = 5;

/** Adam's eight f64 constants, at ints 16..31 of a slot (8-byte aligned): the task's float arguments. */
export function adamConstants(args: Int32Array): Float64Array {
  return new Float64Array(args.buffer, args.byteOffset + (16 - 4) * 4, 8);
}

/** What a helper thread needs: the compiled kernels, their shared memory, the control array and its slot. */
export interface KernelHelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
}

/** Starts one helper thread running `helperLoop(init, runKernelTask)` (a Web Worker, a Node worker thread). */
export type SpawnKernelHelper = (init: KernelHelperInit) => void;

/** A helper's life: instantiate, say ready, then run tasks until OP_QUIT. Self-contained (see above). */
export function helperLoop(
  init: KernelHelperInit,
  runTask: (w: GemmExports, a: Int32Array, base: number) => void,
): void {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const w = instance.exports as unknown as GemmExports;
  const a = new Int32Array(init.control);
  const base = init.index * 32;
  Atomics.store(a, base + 2, 1);
  Atomics.notify(a, base + 2);
  let seen = 0;
  for (;;) {
    Atomics.wait(a, base, seen);
    const seq = Atomics.load(a, base);
    if (seq === seen) continue;
    seen = seq;
    if (a[base + 3] === 0) return;
    try {
      runTask(w, a, base);
    } catch {
      // A failed task leaves its block unwritten; the coordinator's self-check would have refused a broken module.
      Atomics.store(a, base + 2, -1);
    }
    Atomics.store(a, base + 1, seq);
    Atomics.notify(a, base + 1);
  }
}

/** Runs the task in slot `base` of `a` on these exports. Self-contained (see above). */
export function runKernelTask(w: GemmExports, a: Int32Array, base: number): void {
  const op = a[base + 3];
  const p = base + 4;
  if (op === 1) {
    const [i0, i1, j0, j1, k, A0, rsa, csa, B0, rsb, csb, C, ldc, KB, MB, NB, Ap, Bp, transA, transB, MR, NR] =
      Array.from(a.subarray(p, p + 22));
    const packA = transA ? w.packAT : w.packA;
    const packB = transB ? w.packBT : w.packB;
    for (let jc = j0; jc < j1; jc += NB) {
      const nc = Math.min(NB, j1 - jc);
      for (let pc = 0; pc < k; pc += KB) {
        const kc = Math.min(KB, k - pc);
        packB(B0 + (pc * rsb + jc * csb) * 4, csb, rsb, nc, kc, Bp);
        for (let ic = i0; ic < i1; ic += MB) {
          const mc = Math.min(MB, i1 - ic);
          packA(A0 + (ic * rsa + pc * csa) * 4, rsa, csa, mc, kc, Ap);
          w.gemm(
            Ap,
            Bp,
            C + (ic * ldc + jc) * 4,
            ldc,
            Math.ceil(mc / MR) * MR,
            Math.ceil(nc / NR) * NR,
            kc,
            pc === 0 ? 1 : 0,
          );
        }
      }
    }
  } else if (op === 2) {
    const [rowptr, r0, r1, D, ncols, out, ldo] = Array.from(a.subarray(p, p + 7));
    if (r1 > r0) w.spmm(rowptr + r0 * 4, r1 - r0, D, ncols, out + r0 * ldo * 4, ldo);
  } else if (op === 3) {
    const [rowptr, rows, D, ncols, out, slab, c0, c1, SLAB] = Array.from(a.subarray(p, p + 9));
    for (let c = c0; c < c1; c += SLAB) {
      const width = Math.min(SLAB, ncols - c);
      w.spmm(rowptr, rows, D + c * 4, width, slab, width);
      w.transpose(slab, width, out + c * rows * 4, rows, rows, width);
    }
  } else if (op === 4) {
    const [wp, dwp, mp, vp, len] = Array.from(a.subarray(p, p + 5));
    const f = new Float64Array(a.buffer, a.byteOffset + (base + 16) * 4, 8);
    if (len > 0) w.adam(wp, dwp, mp, vp, len, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
  } else if (op === 5) {
    const [src, lds, dst, ldd, r0, r1, cols] = Array.from(a.subarray(p, p + 7));
    if (r1 > r0) w.compact(src + r0 * lds * 4, lds, dst + r0 * ldd * 4, ldd, r1 - r0, cols);
  }
}

/** The coordinator's side: its own slot is the last one; helpers 0..helpers-1 take the others. */
export class KernelTeam {
  readonly control: Int32Array;
  private readonly own: number;
  private sequence = 0;
  /** Shared [helpers allowed now], changed by whoever shares the cores out (see useBudget); null: every ready helper. */
  private budget: Int32Array | null = null;
  private unlimited = false;

  constructor(
    private readonly exports: GemmExports,
    readonly helpers: number,
    control = new SharedArrayBuffer((helpers + 1) * SLOT * 4),
  ) {
    this.control = new Int32Array(control);
    this.own = helpers * SLOT;
  }

  /** Helpers that are ready now (a helper that failed a task is not used again), within the budget if any. */
  readyHelpers(): number {
    const allowed = this.budget && !this.unlimited ? Math.max(0, Atomics.load(this.budget, 0)) : this.helpers;
    let n = 0;
    while (n < Math.min(this.helpers, allowed) && Atomics.load(this.control, n * SLOT + READY) === 1) n++;
    return n;
  }

  /**
   * How many helpers the team may use, read before each product from a shared Int32Array of one (a run's client
   * raises it as other configurations end and free their cores); null: all of them.
   */
  useBudget(budget: SharedArrayBuffer | null): void {
    this.budget = budget ? new Int32Array(budget, 0, 1) : null;
  }

  /** Runs `check` with every ready helper, whatever the budget (a self-check of the split products). */
  withEveryHelper<T>(check: () => T): T {
    this.unlimited = true;
    try {
      return check();
    } finally {
      this.unlimited = false;
    }
  }

  /** Waits (blocking, up to `timeoutMs`) until every helper is ready; returns how many are. */
  waitReady(timeoutMs: number): number {
    const ready = () => this.withEveryHelper(() => this.readyHelpers());
    const until = Date.now() + timeoutMs;
    for (let i = 0; i < this.helpers; i++) {
      const flag = i * SLOT + READY;
      while (Atomics.load(this.control, flag) === 0) {
        const left = until - Date.now();
        if (left <= 0) return ready();
        Atomics.wait(this.control, flag, 0, left);
      }
    }
    return ready();
  }

  /**
   * Runs `parts` tasks, part t written by `write(t, args)` (args: the slot's argument ints); part 0 on this thread,
   * the others on helpers 0..parts-2, which must be ready (see readyHelpers). Returns when all are done: true, or
   * false when a helper's task failed (its block is not written: the caller computes the product another way).
   */
  run(op: number, parts: number, write: (part: number, args: Int32Array) => void): boolean {
    const a = this.control;
    this.sequence++;
    for (let t = 1; t < parts; t++) {
      const base = (t - 1) * SLOT;
      write(t, a.subarray(base + ARGS, base + SLOT));
      a[base + OP] = op;
      Atomics.store(a, base + SEQ, this.sequence);
      Atomics.notify(a, base + SEQ);
    }
    write(0, a.subarray(this.own + ARGS, this.own + SLOT));
    a[this.own + OP] = op;
    runKernelTask(this.exports, a, this.own);
    for (let t = 1; t < parts; t++) {
      const done = (t - 1) * SLOT + DONE;
      for (;;) {
        const d = Atomics.load(a, done);
        if (d === this.sequence) break;
        Atomics.wait(a, done, d);
      }
    }
    for (let t = 1; t < parts; t++) if (Atomics.load(a, (t - 1) * SLOT + READY) !== 1) return false;
    return true;
  }

  /** Ends every helper (their loops return). */
  quit(): void {
    const a = this.control;
    this.sequence++;
    for (let t = 0; t < this.helpers; t++) {
      const base = t * SLOT;
      a[base + OP] = OP_QUIT;
      Atomics.store(a, base + SEQ, this.sequence);
      Atomics.notify(a, base + SEQ);
    }
  }
}

/** Splits `units` blocks of `size` (the last may be short: `total`) into `parts` ranges; [start, end) of part t. */
export function splitRange(total: number, size: number, parts: number, t: number): [number, number] {
  const blocks = Math.ceil(total / size);
  const from = Math.floor((blocks * t) / parts) * size;
  const to = Math.min(total, Math.floor((blocks * (t + 1)) / parts) * size);
  return [Math.min(from, total), to];
}
