import { PARAMS } from './elementwise.ts';

/**
 * How a dropout mask reaches the GPU: `bits`, one bit per unit (bit e % 32 of word e / 32, as the worker's packMask
 * orders them), expanded in the shader to 0 or the kept value f0 (1/p or 1); `floats`, one multiplier per unit
 * (Gaussian dropout's noise, which bits cannot carry).
 */
export type MaskEncoding = 'bits' | 'floats';

function maskBinding(encoding: MaskEncoding): string {
  return encoding === 'bits'
    ? `@group(0) @binding(1) var<storage, read> maskBits: array<u32>;
fn maskAt(e: u32) -> f32 { return select(0.0, P.f0, ((maskBits[e >> 5u] >> (e & 31u)) & 1u) == 1u); }`
    : `@group(0) @binding(1) var<storage, read> mask: array<f32>;
fn maskAt(e: u32) -> f32 { return mask[e]; }`;
}

/** out = h * mask (train-time dropout with the uploaded mask). */
export function dropoutShader(encoding: MaskEncoding): string {
  return /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> h: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> P: Params;
${maskBinding(encoding)}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n) { return; }
  out[e] = h[e] * maskAt(e);
}
`;
}

/**
 * The gradient of an affine layer's output through its ReLU and dropout: dz = dout * mask where the ReLU output h was
 * positive, else 0; without dropout (encoding null), dout where h was positive.
 */
export function reluDropoutBackwardShader(encoding: MaskEncoding | null): string {
  return /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> dout: array<f32>;
@group(0) @binding(2) var<storage, read> h: array<f32>;
@group(0) @binding(3) var<storage, read_write> dz: array<f32>;
@group(0) @binding(4) var<uniform> P: Params;
${encoding ? maskBinding(encoding) : ''}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n) { return; }
  dz[e] = select(0.0, dout[e]${encoding ? ' * maskAt(e)' : ''}, h[e] > 0.0);
}
`;
}
