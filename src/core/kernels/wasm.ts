import { adam as plainAdam, type OptimConfig } from '../optim.ts';
import type { FloatArray } from '../tensor.ts';
import { plainKernels } from './plain.ts';
import type { MatmulKernels } from './types.ts';
import { buildGemmModule, DEFAULT_GEMM_OPTIONS, relaxedSimdProbe, simdProbe } from './wasm-gemm.ts';
import type { GemmExports } from './wasm-signatures.ts';
import { PAGE, roundUp, WasmArena } from './wasm-arena.ts';
import { adamConstants as teamAdamConstants, KernelTeam, OP_ADAM, OP_DENSE, OP_SPMM, OP_SPMM_T, splitRange, type SpawnKernelHelper } from './wasm-team.ts';

/**
 * Matrix products in WebAssembly SIMD, for Float32Array operands (anything
 * else goes to the plain kernels). Operands are copied into the module's linear
 * memory, packed into cache-friendly panels and multiplied by an MR x NR
 * register tile of f32x4 accumulators (k-blocked by KC, rows by MC, columns by
 * NC). Operands that are mostly zero (after ReLU + dropout) take a sparse path
 * instead: their non-zeros are compressed per row and each output row is a
 * sum of scaled rows of the dense operand.
 *
 * The module is generated at run time by a tiny binary emitter (wasm-emit.ts),
 * so there is no build step: it needs only WebAssembly SIMD (and, for the
 * relaxed path, relaxed SIMD), and under a CSP only 'wasm-unsafe-eval'.
 */

export type WasmPath = 'wasm-simd' | 'wasm-relaxed-simd';

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

export interface WasmKernels extends MatmulKernels {
  readonly name: WasmPath;
  /** The helper threads' team (threads > 1), or null. */
  readonly team: KernelTeam | null;
  /** Whether the split products matched one thread's bit for bit (checked when helpers first can work); null: not yet. */
  readonly threadsChecked: boolean | null;
  /** Ends the helper threads (the kernels go on, on one thread). */
  dispose(): void;
  readonly memory: WebAssembly.Memory;
  readonly options: Readonly<Required<WasmKernelOptions>>;
  readonly stats: WasmKernelStats;
  /**
   * A Float32Array of `length` floats living in wasm memory, usable as an
   * operand without being copied. The view is re-created whenever memory grows
   * (a grown memory detaches old views): read it through `.array` each time,
   * and do not hold on to it across calls.
   */
  allocResident(length: number): ResidentArray;
  /** Frees every resident array (their views become invalid). */
  freeResident(): void;
  /** See MatmulKernels.lasting: non-null only on a shared memory. */
  lasting(length: number): Float32Array | null;
}

export interface ResidentArray {
  /** The current view; re-read after any kernel call or allocation. */
  readonly array: Float32Array;
  readonly length: number;
}

type Exports = GemmExports;

/** wasm32 addresses: V8 allows up to 4 GiB; stay below 2 GiB so i32 byte offsets stay positive. */
const MAX_BYTES = 2 ** 31 - PAGE;
/** A shared memory reserves its maximum up front: 1 GiB (products are chunked to 32 MB operands, see maxRowsFloats). */
const SHARED_MAX_PAGES = 2 ** 14;

/** Whether WebAssembly threads can work here: SharedArrayBuffer exists (in a browser only when cross-origin isolated). */
export function sharedMemorySupported(): boolean {
  try {
    if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

let simdCache: boolean | undefined;
let relaxedCache: boolean | undefined;

/** Whether this engine validates fixed-width (128-bit) SIMD. */
export function wasmSimdSupported(): boolean {
  if (simdCache === undefined) simdCache = validate(simdProbe());
  return simdCache;
}

/**
 * Whether this engine validates relaxed SIMD (f32x4.relaxed_madd). Not cached:
 * a Node test may switch the V8 flag on after start-up.
 */
export function relaxedSimdSupported(): boolean {
  if (relaxedCache) return true;
  relaxedCache = wasmSimdSupported() && validate(relaxedSimdProbe());
  return relaxedCache;
}

function validate(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

function resolveOptions(o: WasmKernelOptions): Required<WasmKernelOptions> {
  const r: Required<WasmKernelOptions> = {
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

function moduleBytes(o: Required<WasmKernelOptions>, shared: boolean): Uint8Array<ArrayBuffer> {
  return buildGemmModule(
    { relaxed: o.relaxed, mr: o.mr, nr: o.nr, sparseVectors: o.sparseVectors, unroll: o.unroll },
    { sharedMaxPages: shared ? SHARED_MAX_PAGES : undefined },
  );
}

/** Whether these options ask for threads that can run here. */
function threaded(o: Required<WasmKernelOptions>): boolean {
  return o.threads > 1 && o.spawnHelper !== null && sharedMemorySupported();
}

/**
 * The instance, on a shared memory wherever one can exist (so that arrays can live in it for a run: see WasmArena),
 * and its helpers started when asked for (they say ready on their own; see KernelTeam).
 */
function instantiate(module: WebAssembly.Module, o: Required<WasmKernelOptions>, shared: boolean): WasmKernels {
  if (!shared) return makeKernels(new WebAssembly.Instance(module).exports as unknown as Exports, o, null, false);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
  const team = threaded(o) ? new KernelTeam(exports, o.threads - 1) : null;
  for (let index = 0; index < (team?.helpers ?? 0); index++) {
    o.spawnHelper!({ module, memory, control: team!.control.buffer as SharedArrayBuffer, index });
  }
  return makeKernels(exports, o, team, true);
}

function checkSupport(o: Required<WasmKernelOptions>): void {
  if (!wasmSimdSupported()) throw new Error('WebAssembly SIMD is not supported by this engine');
  if (o.relaxed && !relaxedSimdSupported()) throw new Error('WebAssembly relaxed SIMD is not supported by this engine');
}

/** Compiles the kernels asynchronously (fine on a browser's main thread). Throws when unsupported. */
export async function createWasmKernels(options: WasmKernelOptions = {}): Promise<WasmKernels> {
  const o = resolveOptions(options);
  checkSupport(o);
  const shared = sharedMemorySupported();
  return instantiate(await WebAssembly.compile(moduleBytes(o, shared)), o, shared);
}

/** Synchronous variant, for Node and workers (browsers refuse big synchronous compiles on the main thread). */
export function createWasmKernelsSync(options: WasmKernelOptions = {}): WasmKernels {
  const o = resolveOptions(options);
  checkSupport(o);
  const shared = sharedMemorySupported();
  return instantiate(new WebAssembly.Module(moduleBytes(o, shared)), o, shared);
}


/** The plain affine (+ ReLU), as layers.ts's affineInto and reluInto compute it. */
function affinePlain(x: FloatArray, w: FloatArray, b: FloatArray, out: FloatArray, n: number, d: number, m: number, relu: boolean): void {
  plainKernels.matmulNN(x, w, out, n, d, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[row + j] += b[j];
  }
  if (relu) for (let i = 0; i < n * m; i++) out[i] = out[i] > 0 ? out[i] : 0;
}

function makeKernels(w: Exports, o: Required<WasmKernelOptions>, team: KernelTeam | null, shared: boolean): WasmKernels {
  const { mr: MR, nr: NR, kc: KC, mc: MC, nc: NC } = o;
  const maxBytes = shared ? SHARED_MAX_PAGES * PAGE : MAX_BYTES;
  /** Threads for a product of `work` multiply-adds: this one and the helpers ready now. */
  /**
   * The split products are checked once, when helpers first can work: the same products on one thread and split,
   * bit for bit (the one-thread path is what installFastKernels checked against the plain kernels). Until then, and
   * for good if they differ, one thread.
   */
  let teamState: 'unchecked' | 'checking' | 'ok' | 'broken' = team ? 'unchecked' : 'broken';
  /** Threads for a product of `work` multiply-adds: this one and the helpers ready (and allowed) now. */
  const partsFor = (work: number) => {
    if (!team || teamState === 'broken' || teamState === 'unchecked' || work < o.parallelMinWork) return 1;
    return teamState === 'checking' && forceSerial ? 1 : 1 + team.readyHelpers();
  };
  let forceSerial = false;

  function checkTeam(): void {
    teamState = 'checking';
    const [m, k, n] = [64, 256, 136];
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24 - 0.5;
    const a = Float32Array.from({ length: m * k }, next);
    const sparseA = a.map((v, i) => (i % 7 === 0 ? v : 0));
    const b = Float32Array.from({ length: k * n }, next);
    const sparseB = b.map((v, i) => (i % 5 === 0 ? v : 0));
    const saved = o.parallelMinWork;
    const splitBefore = stats.splitCalls;
    o.parallelMinWork = 1;
    try {
      for (const kind of ['NN', 'NT', 'TN'] as const) {
        for (const [x, y] of [[a, b], [sparseA, b], [a, sparseB]]) {
          const one = new Float32Array(m * n);
          const split = new Float32Array(m * n);
          forceSerial = true;
          const ranOne = run(kind, x, y, one, m, k, n);
          forceSerial = false;
          // The split product reuses the same scratch memory: poisoned, a block a helper left unwritten cannot pass.
          const [from, to] = arena.scratchRange();
          arena.f32.fill(NaN, from >> 2, to >> 2);
          const ranSplit = run(kind, x, y, split, m, k, n);
          if (!ranOne || !ranSplit || !split.every((v, i) => Object.is(v, one[i]))) {
            teamState = 'broken';
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
        forceSerial = true;
        adam(wOne, grad, configs[0]);
        forceSerial = false;
        adam(wSplit, grad, configs[1]);
      }
      if (!wSplit.every((v, i) => Object.is(v, wOne[i]))) {
        teamState = 'broken';
        return;
      }
      // Checked only if the helpers took part (they may have been withdrawn meanwhile): else again next time.
      teamState = stats.splitCalls > splitBefore ? 'ok' : 'unchecked';
    } finally {
      o.parallelMinWork = saved;
      forceSerial = false;
      if (teamState === 'checking') teamState = 'broken';
    }
  }
  const memory = w.memory;
  const arena = new WasmArena(memory, maxBytes, shared);
  const stats: WasmKernelStats = { calls: 0, sparseCalls: 0, splitCalls: 0, copyMs: 0, computeMs: 0 };
  const now = o.profile ? () => performance.now() : () => 0;
  const alloc = (floats: number) => arena.alloc(floats);

  /** Row stride (floats) of the last result `dense` returned: its padded width. */
  let denseLd = 0;

  /** Whether to compress an operand with `nonZeros` of `size` entries, multiplying a dense operand `width` columns wide. */
  function useSparse(nonZeros: number, size: number, width: number): boolean {
    return nonZeros < o.sparseBelow * size && width >= o.sparseMinCols;
  }

  /** Non-zeros of an operand, or its length when the sparse path is disabled. */
  function nonZeros(off: number, length: number): number {
    return o.sparseBelow > 0 ? w.nnz(off, length) : length;
  }

  /**
   * C[m, n] = A @ B with A(i, p) = A0[i * rsa + p * csa], B(p, j) = B0[p * rsb + j * csb]; returns C's
   * offset or -1. C's rows are `denseLd` (n rounded up to NR) floats apart.
   */
  function dense(m: number, k: number, n: number, A0: number, rsa: number, csa: number, B0: number, rsb: number, csb: number): number {
    const mp = roundUp(m, MR);
    const np = roundUp(n, NR);
    // Equal blocks (k = 784 as 4 x 196 rather than 3 x 256 + 16; each block costs a pass over C).
    const KB = Math.ceil(k / Math.ceil(k / KC));
    const MB = roundUp(Math.ceil(m / Math.ceil(m / MC)), MR);
    const NB = roundUp(Math.ceil(n / Math.ceil(n / NC)), NR);
    const C = alloc(mp * np);
    if (C < 0) return -1;
    denseLd = np;
    const parts = partsFor(m * k * n);
    if (parts > 1) return denseParallel(parts, m, k, n, A0, rsa, csa, B0, rsb, csb, C, np, KB, MB, NB) ? C : -1;
    const Ap = alloc(MB * KB);
    const Bp = alloc(KB * NB);
    if (Ap < 0 || Bp < 0) return -1;
    const packA = csa === 1 || rsa !== 1 ? w.packA : w.packAT;
    // B is packed as panels of its columns: M(j, p) = B(p, j), row stride csb, column stride rsb.
    const packB = csb === 1 ? w.packBT : w.packB;
    for (let jc = 0; jc < n; jc += NB) {
      const nc = Math.min(NB, n - jc);
      for (let pc = 0; pc < k; pc += KB) {
        const kc = Math.min(KB, k - pc);
        packB(B0 + (pc * rsb + jc * csb) * 4, csb, rsb, nc, kc, Bp);
        for (let ic = 0; ic < m; ic += MB) {
          const mc = Math.min(MB, m - ic);
          packA(A0 + (ic * rsa + pc * csa) * 4, rsa, csa, mc, kc, Ap);
          w.gemm(Ap, Bp, C + (ic * np + jc) * 4, np, roundUp(mc, MR), roundUp(nc, NR), kc, pc === 0 ? 1 : 0);
        }
      }
    }
    denseLd = np;
    return C;
  }

  /**
   * `dense` on `parts` threads: the output split into blocks of whole register tiles, by columns when it has more
   * column tiles than row tiles (each thread then packs only its columns of B), else by rows. Each thread packs
   * its own panels; every element's sum runs over the same k blocks in the same order as on one thread.
   */
  function denseParallel(parts: number, m: number, k: number, n: number, A0: number, rsa: number, csa: number,
    B0: number, rsb: number, csb: number, C: number, ldc: number, KB: number, MB: number, NB: number): boolean {
    const byColumns = Math.ceil(n / NR) >= Math.ceil(m / MR);
    const panels = Array.from({ length: parts }, () => [alloc(MB * KB), alloc(KB * NB)]);
    if (panels.some(([a, b]) => a < 0 || b < 0)) return false;
    const transA = csa === 1 || rsa !== 1 ? 0 : 1;
    const transB = csb === 1 ? 1 : 0;
    stats.splitCalls++;
    return team!.run(OP_DENSE, parts, (t, args) => {
      const [i0, i1] = byColumns ? [0, m] : splitRange(m, MR, parts, t);
      const [j0, j1] = byColumns ? splitRange(n, NR, parts, t) : [0, n];
      args.set([i0, i1, j0, j1, k, A0, rsa, csa, B0, rsb, csb, C, ldc, KB, MB, NB, panels[t][0], panels[t][1], transA, transB, MR, NR]);
    });
  }

  /**
   * out[rows, ncols] = S @ D where S(r, p) = S0[r * rs + p * cs] (compressed here)
   * and D is row-major [cols, ncols] at D0; returns out's offset or -1.
   */
  function sparse(rows: number, cols: number, ncols: number, S0: number, rs: number, cs: number, nnz: number, D0: number): number {
    const rowptr = alloc(rows + 1);
    // csr writes one pair past the last non-zero (branch-free): room for nnz + 1
    const pairs = alloc(2 * (nnz + 1));
    const out = alloc(rows * ncols);
    if (rowptr < 0 || pairs < 0 || out < 0) return -1;
    w.csr(S0, rs, cs, rows, cols, rowptr, pairs, ncols * 4);
    const parts = partsFor(nnz * ncols);
    if (parts > 1) {
      // Whole output rows per thread.
      stats.splitCalls++;
      if (!team!.run(OP_SPMM, parts, (t, args) => args.set([rowptr, ...splitRange(rows, 1, parts, t), D0, ncols, out, ncols]))) return -1;
    } else {
      w.spmm(rowptr, rows, D0, ncols, out, ncols);
    }
    stats.sparseCalls++;
    return out;
  }

  /**
   * Like `sparse` but returns out^T [ncols, rows]: computed in slabs of SLAB
   * columns that are transposed while still in cache (a separate transpose of
   * the whole result is memory-bound).
   */
  function sparseTransposed(rows: number, cols: number, ncols: number, S0: number, rs: number, cs: number, nnz: number, D0: number): number {
    const SLAB = 64;
    // Rows of the dense operand a multiple of 1 KiB apart (3072 floats = 12 KiB) fall into the same
    // few L1 sets, and a slab's rows evict each other: copy them 16 floats further apart.
    const ld = (ncols * 4) % 1024 === 0 ? ncols + 16 : ncols;
    const D = ld === ncols ? D0 : alloc(cols * ld);
    const rowptr = alloc(rows + 1);
    const pairs = alloc(2 * (nnz + 1));
    const slab = alloc(rows * SLAB);
    const out = alloc(rows * ncols);
    if (D < 0 || rowptr < 0 || pairs < 0 || slab < 0 || out < 0) return -1;
    if (D !== D0) w.compact(D0, ncols, D, ld, cols, ncols);
    w.csr(S0, rs, cs, rows, cols, rowptr, pairs, ld * 4);
    const parts = partsFor(nnz * ncols);
    if (parts > 1) {
      // Whole slabs per thread, each with a slab buffer of its own.
      const slabs = [slab, ...Array.from({ length: parts - 1 }, () => alloc(rows * SLAB))];
      if (slabs.some((s) => s < 0)) return -1;
      stats.splitCalls++;
      const ok = team!.run(OP_SPMM_T, parts, (t, args) => args.set([rowptr, rows, D, ncols, out, slabs[t], ...splitRange(ncols, SLAB, parts, t), SLAB]));
      stats.sparseCalls++;
      return ok ? out : -1;
    }
    for (let c0 = 0; c0 < ncols; c0 += SLAB) {
      const width = Math.min(SLAB, ncols - c0);
      w.spmm(rowptr, rows, D + c0 * 4, width, slab, width);
      w.transpose(slab, width, out + c0 * rows * 4, rows, rows, width);
    }
    stats.sparseCalls++;
    return out;
  }

  type Kind = 'NN' | 'NT' | 'TN';

  /** Adds a bias row to every row of an NN product's result, then maybe ReLU, before it leaves wasm memory. */
  interface Epilogue {
    bias: Float32Array;
    relu: boolean;
  }

  /** Returns false when wasm memory ran out (the caller falls back to plain). */
  function run(kind: Kind, a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, epilogue: Epilogue | null = null): boolean {
    if (teamState === 'unchecked' && team!.readyHelpers() > 0) checkTeam();
    arena.resetScratch();
    let t0 = now();
    const A0 = arena.place(a, m * k);
    const B0 = arena.place(b, k * n);
    if (A0 < 0 || B0 < 0) return false;
    let t1 = now();
    stats.copyMs += t1 - t0;
    let C: number;
    denseLd = n;
    if (kind === 'NN') {
      const zA = nonZeros(A0, m * k);
      C = useSparse(zA, m * k, n)
        ? sparse(m, k, n, A0, k, 1, zA, B0)
        : dense(m, k, n, A0, k, 1, B0, n, 1);
    } else if (kind === 'NT') {
      // c[m, n] = a[m, k] @ b[n, k]^T; the sparse path needs b^T row-major
      const zA = nonZeros(A0, m * k);
      if (useSparse(zA, m * k, n)) {
        const BT = alloc(k * n);
        if (BT < 0) return false;
        w.transpose(B0, k, BT, n, n, k);
        C = sparse(m, k, n, A0, k, 1, zA, BT);
      } else {
        C = dense(m, k, n, A0, k, 1, B0, 1, k);
      }
    } else {
      // c[m, n] = a[k, m]^T @ b[k, n]
      const zA = nonZeros(A0, m * k);
      const zB = nonZeros(B0, k * n);
      const viaB = useSparse(zB, k * n, m);
      const viaA = useSparse(zA, m * k, n);
      if (viaB && (!viaA || zB * m <= zA * n)) {
        // c^T[n, m] = b^T @ a: compress b's columns; a's rows are the dense operand
        C = sparseTransposed(n, k, m, B0, 1, n, zB, A0);
      } else if (viaA) {
        C = sparse(m, k, n, A0, 1, m, zA, B0);
      } else {
        C = dense(m, k, n, A0, 1, m, B0, n, 1);
      }
    }
    if (C < 0) return false;
    const ld = denseLd;
    if (epilogue) {
      const bias = arena.place(epilogue.bias, n);
      if (bias < 0) return false;
      w.biasAct(C, m, n, ld, bias, epilogue.relu ? 1 : 0);
    }
    t0 = now();
    stats.computeMs += t0 - t1;
    arena.copyOut(C, c, m, n, ld);
    t1 = now();
    stats.copyMs += t1 - t0;
    stats.calls++;
    return true;
  }

  function isF32(x: FloatArray): x is Float32Array {
    return x instanceof Float32Array;
  }

  /** out[n, m] = x[n, d] @ w[d, m] + b, then ReLU when asked: layers.ts's affineInto (+ reluInto), bit for bit. */
  function affine(x: FloatArray, wt: FloatArray, b: FloatArray, out: FloatArray, n: number, d: number, m: number, relu: boolean): void {
    if (!(isF32(x) && isF32(wt) && isF32(b) && isF32(out)) || n === 0 || m === 0) {
      affinePlain(x, wt, b, out, n, d, m, relu);
      return;
    }
    const epilogue: Epilogue = { bias: b, relu };
    const rows = d > 0 && n * d > o.maxRowsFloats && n > MR ? Math.max(MR, Math.floor(o.maxRowsFloats / d / MR) * MR) : n;
    for (let i0 = 0; i0 < n; i0 += rows) {
      const r = Math.min(rows, n - i0);
      const xc = x.subarray(i0 * d, (i0 + r) * d);
      const oc = out.subarray(i0 * m, (i0 + r) * m);
      if (d === 0 || !run('NN', xc, wt, oc, r, d, m, epilogue)) affinePlain(xc, wt, b, oc, r, d, m, relu);
    }
  }

  function matmul(kind: Kind, a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void {
    if (!(isF32(a) && isF32(b) && isF32(c))) {
      plainKernels[`matmul${kind}`](a, b, c, m, k, n);
      return;
    }
    if (m === 0 || n === 0) return;
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    if (kind !== 'TN' && m * k > o.maxRowsFloats && m > MR) {
      // Rows of a and c in chunks, so scratch memory stays bounded (e.g. scoring a whole data set at once).
      const rows = Math.max(MR, Math.floor(o.maxRowsFloats / k / MR) * MR);
      for (let i0 = 0; i0 < m; i0 += rows) {
        const r = Math.min(rows, m - i0);
        const ac = a.subarray(i0 * k, (i0 + r) * k);
        const cc = c.subarray(i0 * n, (i0 + r) * n);
        if (!run(kind, ac, b, cc, r, k, n)) plainKernels[`matmul${kind}`](ac, b, cc, r, k, n);
      }
      return;
    }
    if (!run(kind, a, b, c, m, k, n)) plainKernels[`matmul${kind}`](a, b, c, m, k, n);
  }

  /** Floats of each array per pass of the Adam update: four arrays of it stay in L2 cache. */
  const ADAM_CHUNK = 8192;

  /** optim.ts's defaults filled in, its moments made where missing and its step counted: this step's eight constants. */
  function adamConstants(config: OptimConfig, n: number): [number, number, number, number, number, number, number, number] {
    config.learningRate ??= 1e-3;
    config.beta1 ??= 0.9;
    config.beta2 ??= 0.999;
    config.epsilon ??= 1e-8;
    config.m ??= new Float32Array(n);
    config.v ??= new Float32Array(n);
    config.t = (config.t ?? 0) + 1;
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, t } = config;
    return [lr, b1, 1 - b1, b2, 1 - b2, eps, 1 - b1 ** t, 1 - b2 ** t];
  }

  /**
   * optim.ts's `adam` (same defaults, state and results), its loop in WebAssembly:
   * float32 arrays only (else the plain one), a chunk at a time through scratch memory.
   */
  function adam(param: FloatArray, grad: FloatArray, config: OptimConfig): OptimConfig {
    const n = param.length;
    if (!(isF32(param) && isF32(grad) && grad.length === n && (!config.m || isF32(config.m)) && (!config.v || isF32(config.v)))) {
      return plainAdam(param, grad, config);
    }
    arena.resetScratch();
    // Moments live beside parameters that live here (first step), so the update needs no copy at all.
    if (!config.m && !config.v && arena.isResident(param) && arena.isResident(grad)) {
      const [m, v] = [arena.lasting(n), arena.lasting(n)];
      if (m && v) [config.m, config.v] = [m, v];
    }
    const mm = config.m as Float32Array | undefined;
    const vv = config.v as Float32Array | undefined;
    const inPlace = !!mm && !!vv && [param, grad, mm, vv].every((x) => arena.isResident(x, n));
    const parts = partsFor(n * 16);
    // Split over helper threads (checked ones), in bigger chunks so that a wake-up is worth it.
    const chunk = inPlace ? n : Math.max(1, Math.min(parts > 1 ? ADAM_CHUNK * 8 : ADAM_CHUNK, n));
    const buffers = inPlace ? [param.byteOffset, grad.byteOffset, mm.byteOffset, vv.byteOffset] : [0, 0, 0, 0].map(() => alloc(chunk + 2));
    if (buffers.some((b) => b < 0)) return plainAdam(param, grad, config);
    const [ow, odw, om, ov] = buffers;
    const c = adamConstants(config, n);
    const f32 = arena.f32;
    const moments = [config.m as Float32Array, config.v as Float32Array];
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const len = Math.min(chunk, n - i0);
      if (!inPlace) {
        f32.set(param.subarray(i0, i0 + len), ow >> 2);
        f32.set(grad.subarray(i0, i0 + len), odw >> 2);
        f32.set(moments[0].subarray(i0, i0 + len), om >> 2);
        f32.set(moments[1].subarray(i0, i0 + len), ov >> 2);
      }
      let ok = false;
      if (parts > 1) {
        stats.splitCalls++;
        // Elementwise, in whole groups of 4 (the kernel's f64x2 pairs never cross into another thread's range).
        ok = team!.run(OP_ADAM, parts, (p, args) => {
          const [s0, s1] = splitRange(len, 4, parts, p);
          args.set([ow + s0 * 4, odw + s0 * 4, om + s0 * 4, ov + s0 * 4, s1 - s0]);
          teamAdamConstants(args).set(c);
        });
      }
      if (!ok) w.adam(ow, odw, om, ov, len, ...c);
      if (inPlace) {
        // An odd count writes one float past each array: the padding other kernels read as zero.
        if (len % 2) for (const off of [ow, om, ov]) f32[(off >> 2) + len] = 0;
      } else {
        param.set(f32.subarray(ow >> 2, (ow >> 2) + len), i0);
        moments[0].set(f32.subarray(om >> 2, (om >> 2) + len), i0);
        moments[1].set(f32.subarray(ov >> 2, (ov >> 2) + len), i0);
      }
    }
    return config;
  }

  return {
    name: o.relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    team,
    get threadsChecked() {
      return teamState === 'ok' ? true : teamState === 'broken' && team ? false : null;
    },
    dispose: () => team?.quit(),
    adam,
    affine,
    memory,
    options: o,
    stats,
    matmulNN: (a, b, c, m, k, n) => matmul('NN', a, b, c, m, k, n),
    matmulNT: (a, b, c, m, k, n) => matmul('NT', a, b, c, m, k, n),
    matmulTN: (a, b, c, m, k, n) => matmul('TN', a, b, c, m, k, n),
    allocResident(length: number): ResidentArray {
      const offset = arena.reserveLegacy(length);
      return {
        length,
        get array() {
          arena.ensure(0);
          return arena.f32.subarray(offset >> 2, (offset >> 2) + length);
        },
      };
    },
    lasting: (length: number) => arena.lasting(length),
    freeResident() {
      arena.freeLegacy();
    },
  };
}
