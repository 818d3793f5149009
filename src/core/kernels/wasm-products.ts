import type { FloatArray } from '../tensor.ts';
import { plainKernels } from './plain.ts';
import { roundUp } from './wasm-arena.ts';
import { affinePlain, type KernelContext, isF32 } from './wasm-context.ts';
import { makeSparseProducts } from './wasm-sparse.ts';
import type { ProductKind } from './wasm-split-gate.ts';
import { OP_COPY, OP_DENSE, splitRange } from './wasm-team.ts';

/**
 * The products: operands placed in wasm memory (unless they live there), packed into panels and multiplied by the
 * register tile (dense), or compressed per row (sparse, for operands mostly zero), on one thread or split.
 */
export function makeProducts(context: KernelContext, beforeProduct: () => void) {
  const { w, o, arena, stats, team, gate, now } = context;
  const { mr: MR, nr: NR, kc: KC, mc: MC, nc: NC } = o;
  const alloc = (floats: number) => arena.alloc(floats);
  const { sparse, sparseTransposed } = makeSparseProducts(context);

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
  function dense(
    m: number,
    k: number,
    n: number,
    A0: number,
    rsa: number,
    csa: number,
    B0: number,
    rsb: number,
    csb: number,
  ): number {
    const mp = roundUp(m, MR);
    const np = roundUp(n, NR);
    // Equal blocks (k = 784 as 4 x 196 rather than 3 x 256 + 16; each block costs a pass over C).
    const KB = Math.ceil(k / Math.ceil(k / KC));
    const MB = roundUp(Math.ceil(m / Math.ceil(m / MC)), MR);
    const NB = roundUp(Math.ceil(n / Math.ceil(n / NC)), NR);
    const C = alloc(mp * np);
    if (C < 0) return -1;
    denseLd = np;
    const parts = gate.parts(m * k * n);
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
  function denseParallel(
    parts: number,
    m: number,
    k: number,
    n: number,
    A0: number,
    rsa: number,
    csa: number,
    B0: number,
    rsb: number,
    csb: number,
    C: number,
    ldc: number,
    KB: number,
    MB: number,
    NB: number,
  ): boolean {
    const byColumns = Math.ceil(n / NR) >= Math.ceil(m / MR);
    const panels = Array.from({ length: parts }, () => [alloc(MB * KB), alloc(KB * NB)]);
    if (panels.some(([a, b]) => a < 0 || b < 0)) return false;
    const transA = csa === 1 || rsa !== 1 ? 0 : 1;
    const transB = csb === 1 ? 1 : 0;
    stats.splitCalls++;
    return team!.run(OP_DENSE, parts, (t, args) => {
      const [i0, i1] = byColumns ? [0, m] : splitRange(m, MR, parts, t);
      const [j0, j1] = byColumns ? splitRange(n, NR, parts, t) : [0, n];
      args.set([
        i0,
        i1,
        j0,
        j1,
        k,
        A0,
        rsa,
        csa,
        B0,
        rsb,
        csb,
        C,
        ldc,
        KB,
        MB,
        NB,
        panels[t][0],
        panels[t][1],
        transA,
        transB,
        MR,
        NR,
      ]);
    });
  }

  /** Adds a bias row to every row of an NN product's result, then maybe ReLU, before it leaves wasm memory. */
  interface Epilogue {
    bias: Float32Array;
    relu: boolean;
  }

  /** A result to an array that lives in wasm memory (a gradient): row copies there, split over the helpers. */
  function copyWithin(C: number, ld: number, dst: number, m: number, n: number): void {
    const parts = gate.parts(m * n * 4);
    if (parts > 1) {
      stats.splitCalls++;
      const ok = team!.run(OP_COPY, parts, (t, args) => args.set([C, ld, dst, n, ...splitRange(m, 1, parts, t), n]));
      if (ok) return;
    }
    w.compact(C, ld, dst, n, m, n);
  }

  /** Returns false when wasm memory ran out (the caller falls back to plain). */
  function run(
    kind: ProductKind,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    k: number,
    n: number,
    epilogue: Epilogue | null = null,
  ): boolean {
    beforeProduct();
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
      C = useSparse(zA, m * k, n) ? sparse(m, k, n, A0, k, 1, zA, B0) : dense(m, k, n, A0, k, 1, B0, n, 1);
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
    if (arena.isResident(c, m * n)) copyWithin(C, ld, c.byteOffset, m, n);
    else arena.copyOut(C, c, m, n, ld);
    t1 = now();
    stats.copyMs += t1 - t0;
    stats.calls++;
    return true;
  }

  /** out[n, m] = x[n, d] @ w[d, m] + b, then ReLU when asked: layers.ts's affineInto (+ reluInto), bit for bit. */
  function affine(
    x: FloatArray,
    wt: FloatArray,
    b: FloatArray,
    out: FloatArray,
    n: number,
    d: number,
    m: number,
    relu: boolean,
  ): void {
    if (!(isF32(x) && isF32(wt) && isF32(b) && isF32(out)) || n === 0 || m === 0) {
      affinePlain(x, wt, b, out, n, d, m, relu);
      return;
    }
    const epilogue: Epilogue = { bias: b, relu };
    const rows =
      d > 0 && n * d > o.maxRowsFloats && n > MR ? Math.max(MR, Math.floor(o.maxRowsFloats / d / MR) * MR) : n;
    for (let i0 = 0; i0 < n; i0 += rows) {
      const r = Math.min(rows, n - i0);
      const xc = x.subarray(i0 * d, (i0 + r) * d);
      const oc = out.subarray(i0 * m, (i0 + r) * m);
      if (d === 0 || !run('NN', xc, wt, oc, r, d, m, epilogue)) affinePlain(xc, wt, b, oc, r, d, m, relu);
    }
  }

  function matmul(
    kind: ProductKind,
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
    m: number,
    k: number,
    n: number,
  ): void {
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

  return { run, affine, matmul };
}
