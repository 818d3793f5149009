/**
 * The training step's other shaders, one thread per element (or per row or column), 256 threads per workgroup. Each
 * reads its sizes from a uniform `Params` of four u32 and four f32.
 */

export const PARAMS = /* wgsl */ `
struct Params { n: u32, m: u32, k: u32, u3: u32, f0: f32, f1: f32, f2: f32, f3: f32 }
`;

/** out[r, :] = X[idx[r], :] for the n rows of a minibatch (m features each). */
export const gatherRowsShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> X: array<f32>;
@group(0) @binding(1) var<storage, read> idx: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n * P.m) { return; }
  let r = e / P.m;
  out[e] = X[idx[r] * P.m + e % P.m];
}
`;

/** out = h * f0 (vanilla dropout at test time), or a copy with f0 = 1. */
export const scaleShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> h: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n) { return; }
  out[e] = h[e] * P.f0;
}
`;

/**
 * Softmax cross-entropy per row of scores [n, c]: rowLoss[i] = -log softmax(s_i)[y_i], and the gradient of the mean
 * loss, dscores = (softmax - onehot) / n. One thread per row.
 */
export const softmaxLossShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> scores: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<u32>;
@group(0) @binding(2) var<storage, read_write> dscores: array<f32>;
@group(0) @binding(3) var<storage, read_write> rowLoss: array<f32>;
@group(0) @binding(4) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let i = g.x;
  if (i >= P.n) { return; }
  let c = P.m;
  let row = i * c;
  var mx = scores[row];
  for (var j = 1u; j < c; j = j + 1u) { mx = max(mx, scores[row + j]); }
  var sum = 0.0;
  for (var j = 0u; j < c; j = j + 1u) { sum = sum + exp(scores[row + j] - mx); }
  let logSum = log(sum);
  let label = y[i];
  rowLoss[i] = -(scores[row + label] - mx - logSum);
  let inv = 1.0 / f32(P.n);
  for (var j = 0u; j < c; j = j + 1u) {
    var d = exp(scores[row + j] - mx - logSum) * inv;
    if (j == label) { d = d - inv; }
    dscores[row + j] = d;
  }
}
`;

/** losses[k] = mean of rowLoss[0..n): one workgroup sums the rows, so the minibatch's loss stays on the GPU. */
export const meanLossShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> rowLoss: array<f32>;
@group(0) @binding(1) var<storage, read_write> losses: array<f32>;
@group(0) @binding(2) var<uniform> P: Params;
var<workgroup> partial: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3u) {
  var s = 0.0;
  for (var i = lid.x; i < P.n; i = i + 256u) { s = s + rowLoss[i]; }
  partial[lid.x] = s;
  workgroupBarrier();
  for (var stride = 128u; stride > 0u; stride = stride / 2u) {
    if (lid.x < stride) { partial[lid.x] = partial[lid.x] + partial[lid.x + stride]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { losses[P.k] = partial[0] / f32(P.n); }
}
`;

/** db[j] = sum over the n rows of dout[:, j]; one thread per column. */
export const columnSumShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> dout: array<f32>;
@group(0) @binding(1) var<storage, read_write> db: array<f32>;
@group(0) @binding(2) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let j = g.x;
  if (j >= P.m) { return; }
  var s = 0.0;
  for (var i = 0u; i < P.n; i = i + 1u) { s = s + dout[i * P.m + j]; }
  db[j] = s;
}
`;

/**
 * Adam with bias correction, as optim.ts's adam: f0 = learning rate, f1 = 1 - beta1^t, f2 = 1 - beta2^t (t counted on
 * the CPU, so the GPU needs no state but m and v), beta1 0.9, beta2 0.999, epsilon 1e-8.
 */
export const adamShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read_write> w: array<f32>;
@group(0) @binding(1) var<storage, read> dw: array<f32>;
@group(0) @binding(2) var<storage, read_write> m: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;
@group(0) @binding(4) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n) { return; }
  let grad = dw[e];
  let mi = 0.9 * m[e] + (1.0 - 0.9) * grad;
  let vi = 0.999 * v[e] + (1.0 - 0.999) * grad * grad;
  m[e] = mi;
  v[e] = vi;
  w[e] = w[e] - P.f0 * (mi / P.f1) / (sqrt(vi / P.f2) + 1e-8);
}
`;

/** count += rows whose largest score (the first, on ties) is the label. */
export const correctCountShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> scores: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<u32>;
@group(0) @binding(2) var<storage, read_write> count: array<atomic<u32>>;
@group(0) @binding(3) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let i = g.x;
  if (i >= P.n) { return; }
  let row = i * P.m;
  var best = 0u;
  for (var j = 1u; j < P.m; j = j + 1u) { if (scores[row + j] > scores[row + best]) { best = j; } }
  if (best == y[i]) { atomicAdd(&count[P.k], 1u); }
}
`;

/**
 * After an accuracy check, on the GPU (so training need not wait for the counts): state = [best validation count,
 * checks seen, keep flag]. The flag is 1 when this check's count (counts[k], the validation slot) beats the best so
 * far, or it is the first check, as the Solver keeps its best parameters; one thread.
 */
export const keepBestShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> counts: array<u32>;
@group(0) @binding(1) var<storage, read_write> state: array<u32>;
@group(0) @binding(2) var<uniform> P: Params;
@compute @workgroup_size(1)
fn main() {
  let valCorrect = counts[P.k];
  if (state[1] == 0u || valCorrect > state[0]) {
    state[0] = valCorrect;
    state[2] = 1u;
  } else {
    state[2] = 0u;
  }
  state[1] = state[1] + 1u;
}
`;

/** dst = src where the keep flag (state[2]) is set: the best parameters, copied only when a check beat the best. */
export const copyIfKeptShader = /* wgsl */ `${PARAMS}
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<storage, read> state: array<u32>;
@group(0) @binding(3) var<uniform> P: Params;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let e = g.x + g.y * nw.x * 256u;
  if (e >= P.n || state[2] == 0u) { return; }
  dst[e] = src[e];
}
`;
