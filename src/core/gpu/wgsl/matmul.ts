import type { MatmulTile } from '../dispatchPlan.ts';

/**
 * Tiled matrix products in WGSL: each workgroup of 16 x 16 threads computes a TILE x TILE block of C (64, 32 or 16),
 * each thread (TILE/16)^2 elements strided by 16 (neighbouring threads store neighbouring columns), through TILE x 16
 * and 16 x TILE tiles of A and B in workgroup memory. The three layouts the training step needs (c = a @ b, a @ b^T,
 * a^T @ b) differ in how an element of A or B is read, and in which index neighbouring threads walk while loading a
 * tile: always the one contiguous in memory (coalesced loads). A split product's workgroup z walks only its slice of
 * K and stores partial sums, which `splitKReduceShader` adds up; an unsplit one adds the bias and applies the ReLU
 * before it stores C.
 */

export type MatmulLayout = 'NN' | 'NT' | 'TN';

export interface MatmulEpilogue {
  bias: boolean;
  relu: boolean;
}

export interface MatmulVariant extends MatmulEpilogue {
  layout: MatmulLayout;
  tile: MatmulTile;
  /** Stores partial sums of its slice of K (workgroup z) instead of C. */
  split: boolean;
}

/** Steps of K per tile load. */
const TK = 16;

const A_INDEX: Record<MatmulLayout, string> = {
  // a is [M, K]; for TN it is [K, M] and read transposed.
  NN: 'i * dims.K + p',
  NT: 'i * dims.K + p',
  TN: 'p * dims.M + i',
};
const B_INDEX: Record<MatmulLayout, string> = {
  // b is [K, N]; for NT it is [N, K] and read transposed.
  NN: 'p * dims.N + j',
  NT: 'j * dims.K + p',
  TN: 'p * dims.N + j',
};
/** Tile element e's row i and step p of A: p runs fastest where A's rows are contiguous (NN, NT), i where its columns are (TN). */
const A_TILE_ELEMENT: Record<MatmulLayout, string> = {
  NN: 'let ai = e / TK; let ap = e % TK;',
  NT: 'let ai = e / TK; let ap = e % TK;',
  TN: 'let ai = e % TILE; let ap = e / TILE;',
};
/** Tile element e's step p and column j of B: j runs fastest where B is [K, N] (NN, TN), p where it is [N, K] (NT). */
const B_TILE_ELEMENT: Record<MatmulLayout, string> = {
  NN: 'let bp = e / TILE; let bj = e % TILE;',
  NT: 'let bj = e / TK; let bp = e % TK;',
  TN: 'let bp = e / TILE; let bj = e % TILE;',
};

export function matmulShader({ layout, tile, split, bias, relu }: MatmulVariant): string {
  const R = tile / 16;
  const store = split
    ? 'C[wg.z * dims.M * dims.N + r * dims.N + c] = acc[i * R + j];'
    : `var v = acc[i * R + j];${bias ? ' v = v + bias[c];' : ''}${relu ? ' v = max(v, 0.0);' : ''} C[r * dims.N + c] = v;`;
  return /* wgsl */ `
struct Dims { M: u32, K: u32, N: u32, sliceK: u32 }

@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;
${bias && !split ? '@group(0) @binding(4) var<storage, read> bias: array<f32>;' : ''}

const TILE: u32 = ${tile}u;
const TK: u32 = ${TK}u;
const R: u32 = ${R}u;
// Rows padded by one so that the stores of either mapping fall in different banks.
const AS: u32 = TK + 1u;
const BS: u32 = TILE + 1u;
var<workgroup> As: array<f32, ${tile * (TK + 1)}>;
var<workgroup> Bs: array<f32, ${TK * (tile + 1)}>;

fn loadA(i: u32, p: u32, kEnd: u32) -> f32 {
  if (i < dims.M && p < kEnd) { return A[${A_INDEX[layout]}]; }
  return 0.0;
}

fn loadB(p: u32, j: u32, kEnd: u32) -> f32 {
  if (p < kEnd && j < dims.N) { return B[${B_INDEX[layout]}]; }
  return 0.0;
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let k0 = wg.z * dims.sliceK;
  let kEnd = min(dims.K, k0 + dims.sliceK);
  let flat = lid.y * 16u + lid.x;
  var acc: array<f32, ${R * R}>;
  for (var t = k0; t < kEnd; t = t + TK) {
    for (var l = 0u; l < R; l = l + 1u) {
      let e = flat + l * 256u;
      ${A_TILE_ELEMENT[layout]}
      As[ai * AS + ap] = loadA(row0 + ai, t + ap, kEnd);
      ${B_TILE_ELEMENT[layout]}
      Bs[bp * BS + bj] = loadB(t + bp, col0 + bj, kEnd);
    }
    workgroupBarrier();
    for (var p = 0u; p < TK; p = p + 1u) {
      var a: array<f32, ${R}>;
      var b: array<f32, ${R}>;
      for (var i = 0u; i < R; i = i + 1u) {
        a[i] = As[(lid.y + i * 16u) * AS + p];
        b[i] = Bs[p * BS + lid.x + i * 16u];
      }
      for (var i = 0u; i < R; i = i + 1u) {
        for (var j = 0u; j < R; j = j + 1u) {
          acc[i * R + j] = acc[i * R + j] + a[i] * b[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < R; i = i + 1u) {
    for (var j = 0u; j < R; j = j + 1u) {
      let r = row0 + lid.y + i * 16u;
      let c = col0 + lid.x + j * 16u;
      if (r < dims.M && c < dims.N) { ${store} }
    }
  }
}
`;
}

/**
 * C[e] = the sum of a split product's k slices of partial sums [k, n] (n = M * N, m = N), then + bias and ReLU: in a
 * fixed order, so a run gives the same numbers every time.
 */
export function splitKReduceShader({ bias, relu }: MatmulEpilogue): string {
  return /* wgsl */ `
struct Params { n: u32, m: u32, k: u32, u3: u32, f0: f32, f1: f32, f2: f32, f3: f32 }
@group(0) @binding(0) var<storage, read> partial: array<f32>;
@group(0) @binding(1) var<storage, read_write> C: array<f32>;
@group(0) @binding(2) var<uniform> P: Params;
${bias ? '@group(0) @binding(3) var<storage, read> bias: array<f32>;' : ''}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n) { return; }
  var v = 0.0;
  for (var s = 0u; s < P.k; s = s + 1u) { v = v + partial[s * P.n + e]; }
  ${bias ? 'v = v + bias[e % P.m];' : ''}
  ${relu ? 'v = max(v, 0.0);' : ''}
  C[e] = v;
}
`;
}
