import { emitAdam } from './wasm-adam.ts';
import { ModuleBuilder, type EncodeOptions, type FunctionBuilder, type Local, type ParamLocals } from './wasm-emit.ts';
import { GEMM_SIGNATURES, type GemmExportName } from './wasm-signatures.ts';

/**
 * Generates the WebAssembly module behind the fast kernels, one emitter per export of
 * GEMM_SIGNATURES (wasm-signatures.ts), in its order. All pointers are byte offsets into the
 * module's memory; strides and sizes are in elements.
 *
 *  - packA(src, rs, cs, rows, kc, dst) / packAT(...): panels of MR rows,
 *    dst[(panel * kc + p) * MR + r] = src[(panel * MR + r) * rs + p * cs],
 *    zero for rows past `rows`. packA reads along p (cs = 1 is fast), packAT
 *    along r (rs = 1 is fast, f32x4 loads). packB / packBT: the same with NR.
 *  - gemm(ap, bp, c, ldc, mc, nc, kc, first): C[mc, nc] (= or +=) Ap @ Bp for
 *    packed panels; mc, nc multiples of MR, NR. The register tile is MR x NR
 *    f32 (MR x NR/4 f32x4 accumulators).
 *  - nnz(ptr, len): number of non-zero f32 (-0 counts as zero, NaN does not).
 *  - csr(src, rs, cs, rows, cols, rowptr, pairs, scale): compresses the
 *    non-zeros of M(r, p) = src[r * rs + p * cs] into 8-byte pairs (f32 value,
 *    i32 p * scale: the byte offset of row p of the dense operand); rowptr[r]
 *    is the address of row r's first pair. Writes one pair past the last
 *    non-zero. Returns the number of non-zeros.
 *  - spmm(rowptr, rows, b, ncols, out, ldo): out[r, :ncols] = sum over the
 *    non-zeros (v, p) of row r of v * B[p, :]. Reads up to 3 floats past a
 *    row of B.
 *  - transpose(src, lds, dst, ldd, rows, cols): dst[j, i] = src[i, j].
 *  - compact(src, lds, dst, ldd, rows, cols): row copies (memmove), for
 *    dropping padding columns in place.
 *  - biasAct(c, rows, cols, ldc, bias, relu): c += bias per row (rows ldc apart), then ReLU if relu != 0
 *    (exactly as layers.ts's affineInto + reluInto).
 *  - adam(w, dw, m, v, n, ...): Adam's update, bit for bit as optim.ts (see wasm-adam.ts).
 */
export interface GemmModuleOptions {
  /** Use f32x4.relaxed_madd instead of f32x4.mul + f32x4.add. */
  relaxed: boolean;
  /** Rows of the register tile. */
  mr: number;
  /** Columns of the register tile (multiple of 4). */
  nr: number;
  /** f32x4 vectors per column chunk of the sparse kernel (power of two). */
  sparseVectors: number;
  /** Unrolling of the dense kernel's k loop. Default 1. */
  unroll?: number;
}

/** Measured best on V8 (x64): bigger tiles spill registers, k-unrolling does not help. */
export const DEFAULT_GEMM_OPTIONS: Omit<GemmModuleOptions, 'relaxed'> = { mr: 4, nr: 8, sparseVectors: 4, unroll: 1 };

type Emitter<K extends GemmExportName> = (
  f: FunctionBuilder,
  params: ParamLocals<(typeof GEMM_SIGNATURES)[K]['params']>,
  o: GemmModuleOptions,
) => void;

/** acc = a * b + acc (fused with relaxed SIMD where the engine fuses). */
function fma(f: FunctionBuilder, relaxed: boolean, a: Local, b: Local, acc: Local): void {
  if (relaxed) f.get(a).get(b).get(acc).f32x4RelaxedMadd().set(acc);
  else f.get(acc).get(a).get(b).f32x4Mul().f32x4Add().set(acc);
}

/** i8x16.shuffle lanes that pick whole f32 lanes: [0, 4, 1, 5] interleaves the low halves of two vectors. */
const f32Lanes = (spec: number[]) => spec.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]);

type PackParams = ParamLocals<(typeof GEMM_SIGNATURES)['packA']['params']>;

/** packA / packB: panels of W rows, reading along p (fast when cs = 1). */
function emitPack(f: FunctionBuilder, { src, rs, cs, rows, kc, dst }: PackParams, W: number): void {
  const i0 = f.local('i32', 'i0'),
    r = f.local('i32', 'r'),
    n = f.local('i32', 'n');
  const s = f.local('i32', 's'),
    d = f.local('i32', 'd'),
    end = f.local('i32', 'end'),
    pdst = f.local('i32', 'pdst'),
    csb = f.local('i32', 'csb');
  zeroLastPanel(f, dst, rows, kc, W);
  f.get(cs).i32(2).shl().set(csb);
  f.get(dst).set(pdst);
  /** One panel row by row (any stride), from step p = `from` on. */
  const scalarRows = (from: Local | null) => {
    f.for(
      r,
      () => f.i32(0),
      () => f.get(n),
      1,
      () => {
        f.addr(src, () => f.get(i0).get(r).add().get(rs).mul());
        if (from) f.get(from).get(csb).mul().add();
        f.set(s);
        f.addr(pdst, r);
        if (from)
          f.get(from)
            .i32(W * 4)
            .mul()
            .add();
        f.set(d);
        f.addr(pdst, r)
          .get(kc)
          .i32(W * 4)
          .mul()
          .add()
          .set(end);
        f.block((done) => {
          f.get(d).get(end).geS().brIf(done);
          f.loop((cont) => {
            f.get(d).get(s).f32Load().f32Store();
            f.get(s).get(csb).add().set(s);
            f.get(d)
              .i32(W * 4)
              .add()
              .tee(d)
              .get(end)
              .ltS()
              .brIf(cont);
          });
        });
      },
    );
  };
  f.for(
    i0,
    () => f.i32(0),
    () => f.get(rows),
    W,
    () => {
      minInto(f, n, () => f.get(rows).get(i0).sub(), W);
      if (W === 4) {
        // A full 4-row panel of contiguous rows (cs = 1): 4x4 blocks, four f32x4 loads and a transpose.
        const p = f.local('i32', 'p'),
          kc4 = f.local('i32', 'kc4'),
          rsb = f.local('i32', 'rsb');
        const v = [f.local('v128', 'v0'), f.local('v128', 'v1'), f.local('v128', 'v2'), f.local('v128', 'v3')];
        const t = [f.local('v128', 't0'), f.local('v128', 't1'), f.local('v128', 't2'), f.local('v128', 't3')];
        f.get(n).i32(4).eq().get(cs).i32(1).eq().and();
        f.if(
          () => {
            f.get(rs).i32(2).shl().set(rsb);
            f.get(kc).i32(-4).and().set(kc4);
            f.addr(src, () => f.get(i0).get(rs).mul()).set(s);
            f.get(pdst).set(d);
            f.for(
              p,
              () => f.i32(0),
              () => f.get(kc4),
              4,
              () => {
                for (let q = 0; q < 4; q++) {
                  f.addr(s, p);
                  if (q > 0) f.get(rsb).i32(q).mul().add();
                  f.v128Load().set(v[q]);
                }
                f.get(v[0])
                  .get(v[1])
                  .shuffle(f32Lanes([0, 4, 1, 5]))
                  .set(t[0]);
                f.get(v[0])
                  .get(v[1])
                  .shuffle(f32Lanes([2, 6, 3, 7]))
                  .set(t[1]);
                f.get(v[2])
                  .get(v[3])
                  .shuffle(f32Lanes([0, 4, 1, 5]))
                  .set(t[2]);
                f.get(v[2])
                  .get(v[3])
                  .shuffle(f32Lanes([2, 6, 3, 7]))
                  .set(t[3]);
                f.get(d)
                  .get(t[0])
                  .get(t[2])
                  .shuffle(f32Lanes([0, 1, 4, 5]))
                  .v128Store(0);
                f.get(d)
                  .get(t[0])
                  .get(t[2])
                  .shuffle(f32Lanes([2, 3, 6, 7]))
                  .v128Store(16);
                f.get(d)
                  .get(t[1])
                  .get(t[3])
                  .shuffle(f32Lanes([0, 1, 4, 5]))
                  .v128Store(32);
                f.get(d)
                  .get(t[1])
                  .get(t[3])
                  .shuffle(f32Lanes([2, 3, 6, 7]))
                  .v128Store(48);
                f.inc(d, 64);
              },
            );
            scalarRows(kc4);
          },
          () => scalarRows(null),
        );
      } else {
        scalarRows(null);
      }
      f.get(pdst)
        .get(kc)
        .i32(W * 4)
        .mul()
        .add()
        .set(pdst);
    },
  );
}

/** packAT / packBT: the same panels, reading along r (fast when rs = 1): W/4 f32x4 loads per p for full panels. */
function emitPackT(f: FunctionBuilder, { src, rs, cs, rows, kc, dst }: PackParams, W: number): void {
  const i0 = f.local('i32', 'i0'),
    r = f.local('i32', 'r'),
    n = f.local('i32', 'n'),
    p = f.local('i32', 'p');
  const s = f.local('i32', 's'),
    d = f.local('i32', 'd'),
    csb = f.local('i32', 'csb'),
    rsb = f.local('i32', 'rsb');
  zeroLastPanel(f, dst, rows, kc, W);
  f.get(cs).i32(2).shl().set(csb);
  f.get(rs).i32(2).shl().set(rsb);
  f.get(dst).set(d);
  f.for(
    i0,
    () => f.i32(0),
    () => f.get(rows),
    W,
    () => {
      minInto(f, n, () => f.get(rows).get(i0).sub(), W);
      f.addr(src, () => f.get(i0).get(rs).mul()).set(s);
      f.get(n).i32(W).eq().get(rs).i32(1).eq().and();
      f.if(
        () => {
          // full panel, contiguous rows: vector copies
          f.for(
            p,
            () => f.i32(0),
            () => f.get(kc),
            1,
            () => {
              for (let v = 0; v < Math.floor(W / 4); v++)
                f.get(d)
                  .get(s)
                  .v128Load(16 * v)
                  .v128Store(16 * v);
              if (W % 4)
                for (let q = W - (W % 4); q < W; q++)
                  f.get(d)
                    .get(s)
                    .f32Load(4 * q)
                    .f32Store(4 * q);
              f.get(s).get(csb).add().set(s);
              f.inc(d, W * 4);
            },
          );
        },
        () => {
          f.for(
            p,
            () => f.i32(0),
            () => f.get(kc),
            1,
            () => {
              f.for(
                r,
                () => f.i32(0),
                () => f.get(n),
                1,
                () => {
                  f.addr(d, r).get(s).get(r).get(rsb).mul().add().f32Load().f32Store();
                },
              );
              f.get(s).get(csb).add().set(s);
              f.inc(d, W * 4);
            },
          );
        },
      );
    },
  );
}

/** The dense macro-kernel: an MR x NR register tile of f32x4 accumulators over packed panels. */
const emitGemm: Emitter<'gemm'> = (f, { ap, bp, c: C, ldc, mc, nc, kc, first }, o) => {
  const { mr: MR, nr: NR, relaxed } = o;
  const U = o.unroll ?? 1;
  const NV = NR / 4;
  const jr = f.local('i32', 'jr'),
    ir = f.local('i32', 'ir');
  const a = f.local('i32', 'a'),
    b = f.local('i32', 'b'),
    bEnd = f.local('i32', 'bEnd'),
    bPanel = f.local('i32', 'bPanel');
  const c = f.local('i32', 'cTile'),
    ldcb = f.local('i32', 'ldcb'),
    kcB = f.local('i32', 'kcB');
  const acc: Local[][] = [];
  for (let r = 0; r < MR; r++) {
    acc.push([]);
    for (let v = 0; v < NV; v++) acc[r].push(f.local('v128', `acc${r}_${v}`));
  }
  const bv: Local[] = [];
  for (let v = 0; v < NV; v++) bv.push(f.local('v128', `b${v}`));
  const av = f.local('v128', 'aSplat');
  f.get(ldc).i32(2).shl().set(ldcb);
  f.get(kc)
    .i32(NR * 4)
    .mul()
    .set(kcB);
  f.get(bp).set(bPanel);
  f.for(
    jr,
    () => f.i32(0),
    () => f.get(nc),
    NR,
    () => {
      f.get(ap).set(a);
      f.for(
        ir,
        () => f.i32(0),
        () => f.get(mc),
        MR,
        () => {
          for (const row of acc) for (const x of row) f.v128Zero().set(x);
          f.get(bPanel).tee(b).get(kcB).add().set(bEnd);
          /** One step of the k loop, at static offset u steps ahead. */
          const step = (u: number) => {
            for (let v = 0; v < NV; v++)
              f.get(b)
                .v128Load(16 * v + NR * 4 * u)
                .set(bv[v]);
            for (let r = 0; r < MR; r++) {
              f.get(a)
                .v128Load32Splat(4 * r + MR * 4 * u)
                .set(av);
              for (let v = 0; v < NV; v++) fma(f, relaxed, av, bv[v], acc[r][v]);
            }
          };
          if (U > 1) {
            // while (b + U steps <= bEnd) { U steps }
            f.block((brk) => {
              f.loop((cont) => {
                f.get(b)
                  .i32(NR * 4 * U)
                  .add()
                  .get(bEnd)
                  .gtS()
                  .brIf(brk);
                for (let u = 0; u < U; u++) step(u);
                f.inc(a, MR * 4 * U);
                f.inc(b, NR * 4 * U);
                f.br(cont);
              });
            });
          }
          f.block((brk) => {
            f.get(b).get(bEnd).geS().brIf(brk);
            f.loop((cont) => {
              step(0);
              f.inc(a, MR * 4);
              f.get(b)
                .i32(NR * 4)
                .add()
                .tee(b)
                .get(bEnd)
                .ltS()
                .brIf(cont);
            });
          });
          // store the tile
          f.addr(C, () => f.get(ir).get(ldc).mul().get(jr).add()).set(c);
          f.get(first).if(
            () => {
              for (let r = 0; r < MR; r++) {
                for (let v = 0; v < NV; v++)
                  f.get(c)
                    .get(acc[r][v])
                    .v128Store(16 * v);
                if (r < MR - 1) f.get(c).get(ldcb).add().set(c);
              }
            },
            () => {
              for (let r = 0; r < MR; r++) {
                for (let v = 0; v < NV; v++)
                  f.get(c)
                    .get(c)
                    .v128Load(16 * v)
                    .get(acc[r][v])
                    .f32x4Add()
                    .v128Store(16 * v);
                if (r < MR - 1) f.get(c).get(ldcb).add().set(c);
              }
            },
          );
        },
      );
      f.get(bPanel).get(kcB).add().set(bPanel);
    },
  );
};

/** Counts non-zero floats, four at a time. */
const emitNnz: Emitter<'nnz'> = (f, { ptr, len }) => {
  const end = f.local('i32', 'end'),
    vend = f.local('i32', 'vend'),
    cnt = f.local('v128', 'counts'),
    n = f.local('i32', 'count'),
    zero = f.local('v128', 'zero');
  f.v128Zero().set(cnt).v128Zero().set(zero);
  f.addr(ptr, len).set(end);
  f.addr(ptr, () => f.get(len).i32(-4).and()).set(vend);
  f.block((brk) => {
    f.get(ptr).get(vend).geS().brIf(brk);
    f.loop((cont) => {
      // lanes that are != 0 are all-ones (-1): subtracting counts them
      f.get(cnt).get(ptr).v128Load().get(zero).f32x4Ne().i32x4Sub().set(cnt);
      f.get(ptr).i32(16).add().tee(ptr).get(vend).ltS().brIf(cont);
    });
  });
  f.get(cnt)
    .i32x4ExtractLane(0)
    .get(cnt)
    .i32x4ExtractLane(1)
    .add()
    .get(cnt)
    .i32x4ExtractLane(2)
    .add()
    .get(cnt)
    .i32x4ExtractLane(3)
    .add()
    .set(n);
  f.block((brk) => {
    f.get(ptr).get(end).geS().brIf(brk);
    f.loop((cont) => {
      f.get(n).get(ptr).f32Load().f32(0).f32Ne().add().set(n);
      f.get(ptr).i32(4).add().tee(ptr).get(end).ltS().brIf(cont);
    });
  });
  f.get(n);
};

/** Compresses a matrix's non-zeros, row by row, into (value, dense-row offset) pairs. */
const emitCsr: Emitter<'csr'> = (f, { src, rs, cs, rows, cols, rowptr, pairs, scale }) => {
  const r = f.local('i32', 'r'),
    p = f.local('i32', 'p'),
    q = f.local('i32', 'q'),
    s = f.local('i32', 's'),
    x = f.local('f32', 'x');
  f.get(cs).i32(2).shl().set(cs);
  f.get(rs).i32(2).shl().set(rs);
  f.get(pairs).set(q);
  f.for(
    r,
    () => f.i32(0),
    () => f.get(rows),
    1,
    () => {
      f.addr(rowptr, r).get(q).i32Store();
      f.get(src).get(r).get(rs).mul().add().set(s);
      f.for(
        p,
        () => f.i32(0),
        () => f.get(cols),
        1,
        () => {
          // branch-free: always write, advance only on a non-zero
          f.get(s).f32Load().set(x);
          f.get(q).get(x).f32Store();
          f.get(q).get(p).get(scale).mul().i32Store(4);
          f.get(q).get(x).f32(0).f32Ne().i32(3).shl().add().set(q);
          f.get(s).get(cs).add().set(s);
        },
      );
    },
  );
  f.addr(rowptr, rows).get(q).i32Store();
  f.get(q).get(pairs).sub().i32(3).shrS();
};

/** Sparse x dense: each output row is the sum of the dense rows its non-zeros pick, scaled. */
const emitSpmm: Emitter<'spmm'> = (f, { rowptr, rows, b: B, ncols, out, ldo }, o) => {
  const c0 = f.local('i32', 'c0'),
    r = f.local('i32', 'r'),
    q = f.local('i32', 'q'),
    qEnd = f.local('i32', 'qEnd');
  const bcol = f.local('i32', 'bcol'),
    outp = f.local('i32', 'outp'),
    ldob = f.local('i32', 'ldob'),
    sv = f.local('v128', 'value');
  const rp = f.local('i32', 'rp'),
    rem = f.local('i32', 'rem'),
    bp = f.local('i32', 'bRow'),
    bvec = f.local('v128', 'bvec');
  const maxV = o.sparseVectors;
  const accs: Local[] = [];
  for (let v = 0; v < maxV; v++) accs.push(f.local('v128', `acc${v}`));
  f.get(ldo).i32(2).shl().set(ldob);
  f.i32(0).set(c0);

  /** One pass over all rows for columns [c0, c0 + 4V); `lanes` < 4 stores only that many lanes of one vector. */
  const pass = (V: number, lanes: number) => {
    f.addr(B, c0).set(bcol);
    f.addr(out, c0).set(outp);
    f.get(rowptr).set(rp);
    f.for(
      r,
      () => f.i32(0),
      () => f.get(rows),
      1,
      () => {
        for (let v = 0; v < V; v++) f.v128Zero().set(accs[v]);
        // (value, byte offset of the dense row) pairs of row r: [rowptr[r], rowptr[r + 1])
        f.get(rp).i32Load().set(q);
        f.get(rp).i32Load(4).set(qEnd);
        f.block((brk) => {
          f.get(q).get(qEnd).geS().brIf(brk);
          f.loop((cont) => {
            f.get(q).v128Load32Splat().set(sv);
            f.get(q).i32Load(4).get(bcol).add().set(bp);
            for (let v = 0; v < V; v++) {
              f.get(bp)
                .v128Load(16 * v)
                .set(bvec);
              fma(f, o.relaxed, sv, bvec, accs[v]);
            }
            f.get(q).i32(8).add().tee(q).get(qEnd).ltS().brIf(cont);
          });
        });
        if (lanes === 4) {
          for (let v = 0; v < V; v++)
            f.get(outp)
              .get(accs[v])
              .v128Store(16 * v);
        } else {
          for (let l = 0; l < lanes; l++)
            f.get(outp)
              .get(accs[0])
              .f32x4ExtractLane(l)
              .f32Store(4 * l);
        }
        f.get(outp).get(ldob).add().set(outp);
        f.inc(rp, 4);
      },
    );
    f.inc(c0, 4 * V);
  };

  for (let V = maxV; V >= 1; V >>= 1) {
    f.block((brk) => {
      f.loop((cont) => {
        f.get(c0)
          .i32(4 * V)
          .add()
          .get(ncols)
          .gtS()
          .brIf(brk);
        pass(V, 4);
        f.br(cont);
      });
    });
  }
  // 1-3 trailing columns
  f.get(ncols).get(c0).sub().set(rem);
  for (let lanes = 1; lanes <= 3; lanes++) {
    f.get(rem)
      .i32(lanes)
      .eq()
      .if(() => pass(1, lanes));
  }
};

/** dst = src^T in 4x4 blocks, JB source columns at a time, then the scalar strips. */
const emitTranspose: Emitter<'transpose'> = (f, { src, lds, dst, ldd, rows, cols }) => {
  const i = f.local('i32', 'i'),
    j = f.local('i32', 'j'),
    s = f.local('i32', 's'),
    d = f.local('i32', 'd');
  const ldsb = f.local('i32', 'ldsb'),
    lddb = f.local('i32', 'lddb'),
    rows4 = f.local('i32', 'rows4'),
    cols4 = f.local('i32', 'cols4');
  const r0 = f.local('v128', 'r0'),
    r1 = f.local('v128', 'r1'),
    r2 = f.local('v128', 'r2'),
    r3 = f.local('v128', 'r3');
  const t0 = f.local('v128', 't0'),
    t1 = f.local('v128', 't1'),
    t2 = f.local('v128', 't2'),
    t3 = f.local('v128', 't3');
  f.get(lds).i32(2).shl().set(ldsb);
  f.get(ldd).i32(2).shl().set(lddb);
  f.get(rows).i32(-4).and().set(rows4);
  f.get(cols).i32(-4).and().set(cols4);
  // 4x4 blocks, JB source columns at a time so the JB destination rows being filled stay in L1
  const jb = f.local('i32', 'jb'),
    jEnd = f.local('i32', 'jEnd');
  const JB = 64;
  f.for(
    jb,
    () => f.i32(0),
    () => f.get(cols4),
    JB,
    () => {
      f.get(jb).i32(JB).add().tee(jEnd).get(cols4).get(jEnd).get(cols4).leS().select().set(jEnd);
      f.for(
        i,
        () => f.i32(0),
        () => f.get(rows4),
        4,
        () => {
          f.for(
            j,
            () => f.get(jb),
            () => f.get(jEnd),
            4,
            () => {
              f.addr(src, () => f.get(i).get(lds).mul().get(j).add()).set(s);
              f.get(s).v128Load().set(r0);
              f.get(s).get(ldsb).add().tee(s).v128Load().set(r1);
              f.get(s).get(ldsb).add().tee(s).v128Load().set(r2);
              f.get(s).get(ldsb).add().v128Load().set(r3);
              f.get(r0)
                .get(r1)
                .shuffle(f32Lanes([0, 4, 1, 5]))
                .set(t0);
              f.get(r0)
                .get(r1)
                .shuffle(f32Lanes([2, 6, 3, 7]))
                .set(t1);
              f.get(r2)
                .get(r3)
                .shuffle(f32Lanes([0, 4, 1, 5]))
                .set(t2);
              f.get(r2)
                .get(r3)
                .shuffle(f32Lanes([2, 6, 3, 7]))
                .set(t3);
              f.addr(dst, () => f.get(j).get(ldd).mul().get(i).add()).set(d);
              f.get(d)
                .get(t0)
                .get(t2)
                .shuffle(f32Lanes([0, 1, 4, 5]))
                .v128Store();
              f.get(d)
                .get(lddb)
                .add()
                .tee(d)
                .get(t0)
                .get(t2)
                .shuffle(f32Lanes([2, 3, 6, 7]))
                .v128Store();
              f.get(d)
                .get(lddb)
                .add()
                .tee(d)
                .get(t1)
                .get(t3)
                .shuffle(f32Lanes([0, 1, 4, 5]))
                .v128Store();
              f.get(d)
                .get(lddb)
                .add()
                .get(t1)
                .get(t3)
                .shuffle(f32Lanes([2, 3, 6, 7]))
                .v128Store();
            },
          );
        },
      );
    },
  );
  const scalar = (iFrom: () => void, iTo: () => void, jFrom: () => void, jTo: () => void) => {
    f.for(i, iFrom, iTo, 1, () => {
      f.for(j, jFrom, jTo, 1, () => {
        f.addr(dst, () => f.get(j).get(ldd).mul().get(i).add());
        f.addr(src, () => f.get(i).get(lds).mul().get(j).add()).f32Load();
        f.f32Store();
      });
    });
  };
  // right strip (all rows, columns cols4..cols) and bottom strip (rows rows4..rows, columns 0..cols4)
  scalar(
    () => f.i32(0),
    () => f.get(rows),
    () => f.get(cols4),
    () => f.get(cols),
  );
  scalar(
    () => f.get(rows4),
    () => f.get(rows),
    () => f.i32(0),
    () => f.get(cols4),
  );
};

/** Row copies (memmove), for dropping padding columns in place. */
const emitCompact: Emitter<'compact'> = (f, { src, lds, dst, ldd, rows, cols }) => {
  const r = f.local('i32', 'r');
  f.get(lds).i32(2).shl().set(lds);
  f.get(ldd).i32(2).shl().set(ldd);
  f.get(cols).i32(2).shl().set(cols);
  f.for(
    r,
    () => f.i32(0),
    () => f.get(rows),
    1,
    () => {
      f.get(dst).get(src).get(cols).memoryCopy();
      f.get(dst).get(ldd).add().set(dst);
      f.get(src).get(lds).add().set(src);
    },
  );
};

/**
 * The bias (+ ReLU) epilogue: c[r, j] += bias[j]; with relu, c = c > 0 ? c : 0 (NaN and -0 become +0, as the
 * plain loop does). An f32 add rounds exactly as JavaScript's double add then float32 store (53 >= 2 * 24 + 2).
 */
const emitBiasAct: Emitter<'biasAct'> = (f, { c, rows, cols, ldc, bias, relu }) => {
  const r = f.local('i32', 'r'),
    j = f.local('i32', 'j'),
    p = f.local('i32', 'row'),
    cols4 = f.local('i32', 'cols4');
  const x = f.local('v128', 'x'),
    zero = f.local('v128', 'zero'),
    xs = f.local('f32', 'xScalar');
  f.v128Zero().set(zero);
  f.get(cols).i32(-4).and().set(cols4);
  f.get(c).set(p);
  f.for(
    r,
    () => f.i32(0),
    () => f.get(rows),
    1,
    () => {
      f.for(
        j,
        () => f.i32(0),
        () => f.get(cols4),
        4,
        () => {
          f.addr(p, j).v128Load().addr(bias, j).v128Load().f32x4Add().set(x);
          f.get(relu).if(() => {
            f.get(x).get(x).get(zero).f32x4Gt().v128And().set(x);
          });
          f.addr(p, j).get(x).v128Store();
        },
      );
      f.for(
        j,
        () => f.get(cols4),
        () => f.get(cols),
        1,
        () => {
          f.addr(p, j).f32Load().addr(bias, j).f32Load().f32Add().set(xs);
          f.get(relu).if(() => {
            f.get(xs).f32(0).get(xs).f32(0).f32Gt().select().set(xs);
          });
          f.addr(p, j).get(xs).f32Store();
        },
      );
      f.get(p).get(ldc).i32(2).shl().add().set(p);
    },
  );
};

/** The body of every export, by name. */
const EMITTERS: { [K in GemmExportName]: Emitter<K> } = {
  packA: (f, p, o) => emitPack(f, p, o.mr),
  packAT: (f, p, o) => emitPackT(f, p, o.mr),
  packB: (f, p, o) => emitPack(f, p, o.nr),
  packBT: (f, p, o) => emitPackT(f, p, o.nr),
  gemm: emitGemm,
  nnz: emitNnz,
  csr: emitCsr,
  spmm: emitSpmm,
  transpose: emitTranspose,
  compact: emitCompact,
  biasAct: emitBiasAct,
  adam: emitAdam,
};

export function buildGemmModule(o: GemmModuleOptions, options: EncodeOptions = {}): Uint8Array<ArrayBuffer> {
  const { mr: MR, nr: NR } = o;
  if (NR % 4 !== 0 || MR < 1 || NR < 4) throw new Error(`buildGemmModule: bad tile ${MR}x${NR}`);
  checkSparseVectors(o);
  const mod = new ModuleBuilder(1, 'dropout-lab-kernels');
  for (const exportName of Object.keys(GEMM_SIGNATURES) as GemmExportName[]) {
    const emit = EMITTERS[exportName] as Emitter<GemmExportName>;
    mod.func(exportName, GEMM_SIGNATURES[exportName], (f, params) => emit(f, params as never, o));
  }
  return mod.encode(options);
}

/** n = min(value, W) for a non-negative value. */
function minInto(f: FunctionBuilder, n: Local, value: () => void, W: number): void {
  value();
  f.tee(n).i32(W).get(n).i32(W).leS().select().set(n);
}

/** Zeroes the last, partial panel of a packed operand (its missing rows stay zero). */
function zeroLastPanel(f: FunctionBuilder, dst: Local, rows: Local, kc: Local, W: number): void {
  // if (rows % W) fill(dst + floor(rows / W) * W * kc * 4, 0, W * kc * 4)
  f.get(rows).i32(W).remS();
  f.if(() => {
    f.get(dst)
      .get(rows)
      .i32(W)
      .divS()
      .get(kc)
      .mul()
      .i32(W * 4)
      .mul()
      .add();
    f.i32(0);
    f.get(kc)
      .i32(W * 4)
      .mul();
    f.memoryFill();
  });
}

function checkSparseVectors(o: GemmModuleOptions): number {
  const v = o.sparseVectors;
  if (!(v >= 1 && (v & (v - 1)) === 0))
    throw new Error(`buildGemmModule: sparseVectors must be a power of two, got ${v}`);
  return v;
}

const PROBE = { params: [], results: ['i32'] } as const;

/** Smallest module using f32x4 (validates where fixed-width SIMD is supported). */
export function simdProbe(options: { names?: boolean } = {}): Uint8Array<ArrayBuffer> {
  return new ModuleBuilder(1, 'simd-probe')
    .func('probe', PROBE, (f) => {
      f.v128Zero().v128Zero().f32x4Add().i32x4ExtractLane(0);
    })
    .encode(options);
}

/** Smallest module using f32x4.relaxed_madd. */
export function relaxedSimdProbe(options: { names?: boolean } = {}): Uint8Array<ArrayBuffer> {
  return new ModuleBuilder(1, 'relaxed-simd-probe')
    .func('probe', PROBE, (f) => {
      f.v128Zero().v128Zero().v128Zero().f32x4RelaxedMadd().i32x4ExtractLane(0);
    })
    .encode(options);
}
