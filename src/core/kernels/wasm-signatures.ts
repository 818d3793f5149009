import type { ModuleExports, Signature } from './wasm-emit.ts';

const i32 = <const N extends readonly string[]>(...names: N) =>
  names.map((n) => [n, 'i32'] as const) as unknown as { [I in keyof N]: readonly [N[I], 'i32'] };

const PACK = { params: i32('src', 'rs', 'cs', 'rows', 'kc', 'dst'), results: [] } as const;

/**
 * Every export of the kernels' module, in module order: what buildGemmModule emits (one
 * emitter per entry), what the name section calls the parameters, and, through GemmExports,
 * how wasm.ts calls them. Pointers are byte offsets into the module's memory; strides and
 * sizes are in elements.
 */
export const GEMM_SIGNATURES = {
  packA: PACK,
  packAT: PACK,
  packB: PACK,
  packBT: PACK,
  gemm: { params: i32('ap', 'bp', 'c', 'ldc', 'mc', 'nc', 'kc', 'first'), results: [] },
  nnz: { params: i32('ptr', 'len'), results: ['i32'] },
  csr: { params: i32('src', 'rs', 'cs', 'rows', 'cols', 'rowptr', 'pairs', 'scale'), results: ['i32'] },
  spmm: { params: i32('rowptr', 'rows', 'b', 'ncols', 'out', 'ldo'), results: [] },
  transpose: { params: i32('src', 'lds', 'dst', 'ldd', 'rows', 'cols'), results: [] },
  compact: { params: i32('src', 'lds', 'dst', 'ldd', 'rows', 'cols'), results: [] },
  biasAct: { params: i32('c', 'rows', 'cols', 'ldc', 'bias', 'relu'), results: [] },
  adam: {
    params: [
      ...i32('w', 'dw', 'm', 'v', 'n'),
      ['lr', 'f64'],
      ['beta1', 'f64'],
      ['oneMinusBeta1', 'f64'],
      ['beta2', 'f64'],
      ['oneMinusBeta2', 'f64'],
      ['eps', 'f64'],
      ['c1', 'f64'],
      ['c2', 'f64'],
    ],
    results: [],
  },
} as const satisfies Record<string, Signature>;

export type GemmExportName = keyof typeof GEMM_SIGNATURES;
export type GemmExports = ModuleExports<typeof GEMM_SIGNATURES>;
