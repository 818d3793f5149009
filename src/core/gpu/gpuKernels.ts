import { MATMUL_TILE, matmulShader, type MatmulLayout } from './wgsl/matmul.ts';
import {
  adamShader, columnSumShader, correctCountShader, dropoutShader, ELEMENTWISE_WORKGROUP, gatherRowsShader,
  meanLossShader, reluDropoutBackwardShader, scaleShader, softmaxLossShader,
} from './wgsl/elementwise.ts';

/** WebGPU's buffer usage and map mode flags, as numbers: the core reads no browser globals. */
export const BufferUsage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ_MODE = 0x1;
/** The most workgroups one dispatch dimension may have (WebGPU's default limit). */
const MAX_GROUPS_PER_DIMENSION = 65535;

/** A kernel's sizes and constants: four whole numbers and four floats, in a 32-byte uniform. */
export interface KernelParams {
  n?: number;
  m?: number;
  k?: number;
  u3?: number;
  f?: [number, number, number, number];
}

/**
 * The training step's kernels on one WebGPU device: each pipeline is created once, on first use, and every call
 * records a dispatch into the given command encoder (nothing runs until the encoder is submitted). Buffers hold f32
 * (labels and indices u32), row-major.
 */
export class GpuKernels {
  private readonly pipelines = new Map<string, GPUComputePipeline>();

  constructor(readonly device: GPUDevice) {}

  /** A storage buffer holding `data`, or `length` zeros; `extra` adds usages (COPY_SRC to read it back). */
  storage(data: Float32Array | Uint32Array | number, extra = 0): GPUBuffer {
    const bytes = typeof data === 'number' ? data * 4 : data.byteLength;
    const buffer = this.device.createBuffer({
      size: Math.max(4, Math.ceil(bytes / 4) * 4),
      usage: BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC | extra,
      mappedAtCreation: typeof data !== 'number',
    });
    if (typeof data !== 'number') {
      const view = data instanceof Float32Array ? new Float32Array(buffer.getMappedRange()) : new Uint32Array(buffer.getMappedRange());
      view.set(data);
      buffer.unmap();
    }
    return buffer;
  }

  /** Copies `bytes` of a buffer back to the CPU (the only way results leave the GPU). */
  async read(buffer: GPUBuffer, bytes = buffer.size): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({ size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_READ_MODE);
    const copy = staging.getMappedRange().slice(0);
    staging.destroy();
    return copy;
  }

  /** c[M, N] = a @ b in the given layout (NN: a[M,K] b[K,N]; NT: b is [N,K]; TN: a is [K,M]), then + bias and ReLU. */
  matmul(
    encoder: GPUCommandEncoder, layout: MatmulLayout, a: GPUBuffer, b: GPUBuffer, c: GPUBuffer, M: number, K: number, N: number,
    { bias = null, relu = false }: { bias?: GPUBuffer | null; relu?: boolean } = {},
  ): void {
    const key = `matmul-${layout}-${bias ? 'b' : ''}${relu ? 'r' : ''}`;
    const pipeline = this.pipeline(key, () => matmulShader(layout, { bias: !!bias, relu }));
    const dims = this.uniform(new Uint32Array([M, K, N, 0]));
    const entries = [a, b, c, dims, ...(bias ? [bias] : [])];
    this.dispatch(encoder, pipeline, entries, [Math.ceil(N / MATMUL_TILE), Math.ceil(M / MATMUL_TILE)]);
  }

  /** out[r, :] = X[idx[r], :] for n rows of m features. */
  gatherRows(encoder: GPUCommandEncoder, X: GPUBuffer, idx: GPUBuffer, out: GPUBuffer, n: number, m: number): void {
    this.elementwise(encoder, 'gather', gatherRowsShader, [X, idx, out], { n, m }, n * m);
  }

  /** out = h * mask, `count` elements. */
  dropout(encoder: GPUCommandEncoder, h: GPUBuffer, mask: GPUBuffer, out: GPUBuffer, count: number): void {
    this.elementwise(encoder, 'dropout', dropoutShader, [h, mask, out], { n: count }, count);
  }

  /** out = h * factor, `count` elements. */
  scale(encoder: GPUCommandEncoder, h: GPUBuffer, out: GPUBuffer, count: number, factor: number): void {
    this.elementwise(encoder, 'scale', scaleShader, [h, out], { n: count, f: [factor, 0, 0, 0] }, count);
  }

  /** dz = (h > 0) ? dout * mask : 0; without a mask, dout where h > 0. */
  reluDropoutBackward(encoder: GPUCommandEncoder, dout: GPUBuffer, h: GPUBuffer, mask: GPUBuffer | null, dz: GPUBuffer, count: number): void {
    this.elementwise(encoder, 'reluDropoutBackward', reluDropoutBackwardShader, [dout, h, mask ?? h, dz], { n: count, u3: mask ? 1 : 0 }, count);
  }

  /** Per row of scores [n, c]: its cross-entropy into rowLoss, and the mean loss's gradient into dscores. */
  softmaxLoss(encoder: GPUCommandEncoder, scores: GPUBuffer, y: GPUBuffer, dscores: GPUBuffer, rowLoss: GPUBuffer, n: number, c: number): void {
    this.perRow(encoder, 'softmaxLoss', softmaxLossShader, [scores, y, dscores, rowLoss], { n, m: c }, n);
  }

  /** losses[index] = the mean of rowLoss[0..n). */
  meanLoss(encoder: GPUCommandEncoder, rowLoss: GPUBuffer, losses: GPUBuffer, n: number, index: number): void {
    const pipeline = this.pipeline('meanLoss', () => meanLossShader);
    this.dispatch(encoder, pipeline, [rowLoss, losses, this.params({ n, k: index })], [1, 1]);
  }

  /** db[j] = sum of dout[:, j] over n rows of m columns. */
  columnSum(encoder: GPUCommandEncoder, dout: GPUBuffer, db: GPUBuffer, n: number, m: number): void {
    this.perRow(encoder, 'columnSum', columnSumShader, [dout, db], { n, m }, m);
  }

  /** One Adam step of `count` parameters at step t (1-based), as optim.ts's adam with its default betas and epsilon. */
  adam(encoder: GPUCommandEncoder, w: GPUBuffer, dw: GPUBuffer, m: GPUBuffer, v: GPUBuffer, count: number, learningRate: number, t: number): void {
    const f: [number, number, number, number] = [learningRate, 1 - 0.9 ** t, 1 - 0.999 ** t, 0];
    this.elementwise(encoder, 'adam', adamShader, [w, dw, m, v], { n: count, f }, count);
  }

  /** counts[slot] += rows of scores [n, c] whose first largest score is the label. */
  correctCount(encoder: GPUCommandEncoder, scores: GPUBuffer, y: GPUBuffer, counts: GPUBuffer, n: number, c: number, slot: number): void {
    this.perRow(encoder, 'correctCount', correctCountShader, [scores, y, counts], { n, m: c, k: slot }, n);
  }

  private pipeline(key: string, code: () => string): GPUComputePipeline {
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const module = this.device.createShaderModule({ code: code(), label: key });
      pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: key });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  private uniform(data: Uint32Array | ArrayBuffer): GPUBuffer {
    const bytes = data instanceof ArrayBuffer ? data : data.buffer;
    const buffer = this.device.createBuffer({ size: bytes.byteLength, usage: BufferUsage.UNIFORM, mappedAtCreation: true });
    new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(bytes));
    buffer.unmap();
    return buffer;
  }

  private params({ n = 0, m = 0, k = 0, u3 = 0, f = [0, 0, 0, 0] }: KernelParams): GPUBuffer {
    const bytes = new ArrayBuffer(32);
    new Uint32Array(bytes, 0, 4).set([n, m, k, u3]);
    new Float32Array(bytes, 16, 4).set(f);
    return this.uniform(bytes);
  }

  /** One thread per element, over a 2-D grid when one dimension is not enough. */
  private elementwise(encoder: GPUCommandEncoder, key: string, code: string, buffers: GPUBuffer[], params: KernelParams, count: number): void {
    const groups = Math.max(1, Math.ceil(count / ELEMENTWISE_WORKGROUP));
    const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    this.dispatch(encoder, this.pipeline(key, () => code), [...buffers, this.params(params)], [x, Math.ceil(groups / x)]);
  }

  /** One thread per row (or column). */
  private perRow(encoder: GPUCommandEncoder, key: string, code: string, buffers: GPUBuffer[], params: KernelParams, rows: number): void {
    const groups = Math.max(1, Math.ceil(rows / ELEMENTWISE_WORKGROUP));
    if (groups > MAX_GROUPS_PER_DIMENSION) throw new RangeError(`${key}: ${rows} rows is more than one dispatch can cover`);
    this.dispatch(encoder, this.pipeline(key, () => code), [...buffers, this.params(params)], [groups, 1]);
  }

  private dispatch(encoder: GPUCommandEncoder, pipeline: GPUComputePipeline, buffers: GPUBuffer[], [x, y]: [number, number]): void {
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y);
    pass.end();
  }
}
