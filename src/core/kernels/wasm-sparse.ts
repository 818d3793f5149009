import type { KernelContext } from './wasm-context.ts';
import { OP_SPMM, OP_SPMM_T, splitRange } from './wasm-team.ts';

/**
 * The sparse products, for an operand mostly zero (after ReLU and dropout): its non-zeros compressed per row (csr), each
 * output row a sum of scaled rows of the dense operand; split over the helpers by whole rows or column slabs.
 */
export function makeSparseProducts({ w, arena, stats, team, gate }: KernelContext) {
  const alloc = (floats: number) => arena.alloc(floats);

  /**
   * out[rows, ncols] = S @ D where S(r, p) = S0[r * rs + p * cs] (compressed here)
   * and D is row-major [cols, ncols] at D0; returns out's offset or -1.
   */
  function sparse(
    rows: number,
    cols: number,
    ncols: number,
    S0: number,
    rs: number,
    cs: number,
    nnz: number,
    D0: number,
  ): number {
    const rowptr = alloc(rows + 1);
    // csr writes one pair past the last non-zero (branch-free): room for nnz + 1
    const pairs = alloc(2 * (nnz + 1));
    const out = alloc(rows * ncols);
    if (rowptr < 0 || pairs < 0 || out < 0) return -1;
    w.csr(S0, rs, cs, rows, cols, rowptr, pairs, ncols * 4);
    const parts = gate.parts(nnz * ncols);
    if (parts > 1) {
      // Whole output rows per thread.
      stats.splitCalls++;
      if (
        !team!.run(OP_SPMM, parts, (t, args) =>
          args.set([rowptr, ...splitRange(rows, 1, parts, t), D0, ncols, out, ncols]),
        )
      )
        return -1;
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
  function sparseTransposed(
    rows: number,
    cols: number,
    ncols: number,
    S0: number,
    rs: number,
    cs: number,
    nnz: number,
    D0: number,
  ): number {
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
    const parts = gate.parts(nnz * ncols);
    if (parts > 1) {
      // Whole slabs per thread, each with a slab buffer of its own.
      const slabs = [slab, ...Array.from({ length: parts - 1 }, () => alloc(rows * SLAB))];
      if (slabs.some((s) => s < 0)) return -1;
      stats.splitCalls++;
      const ok = team!.run(OP_SPMM_T, parts, (t, args) =>
        args.set([rowptr, rows, D, ncols, out, slabs[t], ...splitRange(ncols, SLAB, parts, t), SLAB]),
      );
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

  return { sparse, sparseTransposed };
}
