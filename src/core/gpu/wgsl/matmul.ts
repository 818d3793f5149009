/**
 * Tiled matrix products in WGSL: each workgroup of 16 x 16 threads computes a 64 x 64 block of C, each thread a 4 x 4
 * micro-tile, through 64 x 16 and 16 x 64 tiles of A and B in workgroup memory. The three layouts the training step
 * needs (c = a @ b, a @ b^T, a^T @ b) differ only in how an element of A or B is read; the forward pass's product can
 * add the bias and apply the ReLU before it stores C.
 */

export type MatmulLayout = 'NN' | 'NT' | 'TN';

export interface MatmulEpilogue {
  bias: boolean;
  relu: boolean;
}

/** Rows and columns of C covered by one workgroup. */
export const MATMUL_TILE = 64;

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

export function matmulShader(layout: MatmulLayout, { bias, relu }: MatmulEpilogue): string {
  return /* wgsl */ `
struct Dims { M: u32, K: u32, N: u32, pad: u32 }

@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;
${bias ? '@group(0) @binding(4) var<storage, read> bias: array<f32>;' : ''}

const TILE: u32 = 64u;
const TK: u32 = 16u;
var<workgroup> As: array<f32, 1024>;
var<workgroup> Bs: array<f32, 1024>;

fn loadA(i: u32, p: u32) -> f32 {
  if (i < dims.M && p < dims.K) { return A[${A_INDEX[layout]}]; }
  return 0.0;
}

fn loadB(p: u32, j: u32) -> f32 {
  if (p < dims.K && j < dims.N) { return B[${B_INDEX[layout]}]; }
  return 0.0;
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let row0 = wg.y * TILE;
  let col0 = wg.x * TILE;
  let flat = lid.y * 16u + lid.x;
  var acc: array<f32, 16>;
  for (var t = 0u; t < dims.K; t = t + TK) {
    for (var l = 0u; l < 4u; l = l + 1u) {
      let e = flat + l * 256u;
      As[e] = loadA(row0 + e / TK, t + e % TK);
      Bs[e] = loadB(t + e / TILE, col0 + e % TILE);
    }
    workgroupBarrier();
    for (var p = 0u; p < TK; p = p + 1u) {
      var a: array<f32, 4>;
      var b: array<f32, 4>;
      for (var i = 0u; i < 4u; i = i + 1u) {
        a[i] = As[(lid.y * 4u + i) * TK + p];
        b[i] = Bs[p * TILE + lid.x * 4u + i];
      }
      for (var i = 0u; i < 4u; i = i + 1u) {
        for (var j = 0u; j < 4u; j = j + 1u) {
          acc[i * 4u + j] = acc[i * 4u + j] + a[i] * b[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i = i + 1u) {
    for (var j = 0u; j < 4u; j = j + 1u) {
      let r = row0 + lid.y * 4u + i;
      let c = col0 + lid.x * 4u + j;
      if (r < dims.M && c < dims.N) {
        var v = acc[i * 4u + j];
        ${bias ? 'v = v + bias[c];' : ''}
        ${relu ? 'v = max(v, 0.0);' : ''}
        C[r * dims.N + c] = v;
      }
    }
  }
}
`;
}
