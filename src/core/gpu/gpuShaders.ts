import { elementwiseGroups, perRowGroups, planMatmul, TARGET_WORKGROUPS, type Groups } from './dispatchPlan.ts';
import { BufferUsage, Readback } from './readback.ts';
import { dropoutShader, reluDropoutBackwardShader } from './wgsl/dropout.ts';
import {
  adamShader,
  columnSumShader,
  copyIfKeptShader,
  correctCountShader,
  gatherRowsShader,
  keepBestShader,
  meanLossShader,
  scaleShader,
  softmaxLossShader,
} from './wgsl/elementwise.ts';
import { matmulShader, splitKReduceShader, type MatmulLayout } from './wgsl/matmul.ts';

/** A shader's sizes and constants: four whole numbers and four floats, in a 32-byte uniform. */
export interface ShaderParams {
  n?: number;
  m?: number;
  k?: number;
  u3?: number;
  f?: [number, number, number, number];
}

/** A whole buffer, or the part of one a chunk reads (offset a multiple of 256 bytes). */
export type GpuBinding = GPUBuffer | { buffer: GPUBuffer; offset: number; size: number };

/** A dropout mask on the GPU: bits expanded to 0 or `keptValue`, or one float multiplier per unit (see MaskEncoding). */
export type GpuMask =
  { encoding: 'bits'; buffer: GpuBinding; keptValue: number } | { encoding: 'floats'; buffer: GpuBinding };

/**
 * One shader dispatch with everything it needs made once (pipeline, bind group, its own uniform of constants), so a
 * training step records the same dispatches every time and creates nothing: creating buffers and bind groups per
 * dispatch cost about 5 ms a step on an H100 through Dawn, more than the step's arithmetic.
 */
export interface GpuDispatch {
  readonly label: string;
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly groups: Groups;
  /** The dispatch's constants; `setParams` rewrites them (Adam's step, the loss's slot). */
  readonly params: GPUBuffer;
}

/**
 * The training step's compute shaders on one WebGPU device. Each pipeline is created once, on first use; each method below
 * prepares a dispatch (nothing runs until `encode` records it and the encoder is submitted). Buffers hold f32 (labels
 * and indices u32), row-major.
 */
export class GpuShaders {
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  /** The dispatches' uniforms and split products' partial sums, made here and destroyed with `destroy`. */
  private readonly owned: GPUBuffer[] = [];

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
      const view =
        data instanceof Float32Array
          ? new Float32Array(buffer.getMappedRange())
          : new Uint32Array(buffer.getMappedRange());
      view.set(data);
      buffer.unmap();
    }
    return buffer;
  }

  /** Starts collecting the GPU's validation and out-of-memory errors (pair with `errorsSinceWatch`). */
  watchErrors(): void {
    this.device.pushErrorScope('validation');
    this.device.pushErrorScope('out-of-memory');
  }

  /**
   * Rejects, naming what was being done, where the GPU refused any of it or ran out of memory since `watchErrors`:
   * WebGPU reports such errors asynchronously and otherwise skips the work, which would leave wrong numbers.
   */
  async errorsSinceWatch(what: string): Promise<void> {
    const outOfMemory = await this.device.popErrorScope();
    const invalid = await this.device.popErrorScope();
    if (outOfMemory)
      throw new Error(
        `the GPU ran out of memory for ${what} (${outOfMemory.message || 'out of memory'}): use a smaller net or fewer examples, or Exact or Fast on the CPU`,
      );
    if (invalid) throw new Error(`the GPU refused ${what}: ${invalid.message}`);
  }

  /** Copies `bytes` of a buffer from `offset` back to the CPU once (a staging buffer made for it). */
  async read(buffer: GPUBuffer, bytes = buffer.size, offset = 0): Promise<ArrayBuffer> {
    const readback = new Readback(this.device, bytes);
    try {
      return await readback.read(buffer, offset, bytes);
    } finally {
      readback.destroy();
    }
  }

  /** Records the dispatches in order into one compute pass (WebGPU orders their reads and writes). */
  encode(encoder: GPUCommandEncoder, dispatches: readonly GpuDispatch[]): void {
    const pass = encoder.beginComputePass();
    for (const d of dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(...d.groups);
    }
    pass.end();
  }

  /** Rewrites a dispatch's constants before its next submission (queue order: after the submissions before it); the bytes written. */
  setParams(dispatch: GpuDispatch, params: ShaderParams): number {
    const bytes = paramsBytes(params);
    this.device.queue.writeBuffer(dispatch.params, 0, bytes);
    return bytes.byteLength;
  }

  /**
   * c[M, N] = a @ b in the given layout (NN: a[M,K] b[K,N]; NT: b is [N,K]; TN: a is [K,M]), then + bias and ReLU: the
   * product's dispatch, with its tile and split of K from `planMatmul`, and where K is split the sum of its slices.
   */
  matmul(
    layout: MatmulLayout,
    a: GpuBinding,
    b: GpuBinding,
    c: GpuBinding,
    M: number,
    K: number,
    N: number,
    {
      bias = null,
      relu = false,
      target = TARGET_WORKGROUPS,
    }: { bias?: GpuBinding | null; relu?: boolean; target?: number } = {},
  ): GpuDispatch[] {
    const plan = planMatmul(M, K, N, target);
    const split = plan.slices > 1;
    const variant = { layout, tile: plan.tile, split, bias: !!bias, relu };
    const key = `matmul-${layout}-${plan.tile}${split ? '-split' : `${bias ? '-b' : ''}${relu ? '-r' : ''}`}`;
    const pipeline = this.pipeline(key, () => matmulShader(variant));
    const dims = this.uniform(new Uint32Array([M, K, N, plan.sliceK]).buffer);
    if (!split) return [this.prepare(key, pipeline, [a, b, c, dims, bias], dims, plan.groups)];
    const partial = this.own(this.storage(plan.slices * M * N));
    const reduceKey = `splitKReduce${bias ? '-b' : ''}${relu ? '-r' : ''}`;
    const reduceParams = this.uniform(paramsBytes({ n: M * N, m: N, k: plan.slices }));
    return [
      this.prepare(key, pipeline, [a, b, partial, dims], dims, plan.groups),
      this.prepare(
        reduceKey,
        this.pipeline(reduceKey, () => splitKReduceShader({ bias: !!bias, relu })),
        [partial, c, reduceParams, bias],
        reduceParams,
        plan.reduceGroups!,
      ),
    ];
  }

  /** out[r, :] = X[idx[r], :] for n rows of m features. */
  gatherRows(X: GpuBinding, idx: GpuBinding, out: GpuBinding, n: number, m: number): GpuDispatch {
    return this.elementwise('gather', gatherRowsShader, [X, idx, out], { n, m }, n * m);
  }

  /** out = h * mask, `count` elements. */
  dropout(h: GpuBinding, mask: GpuMask, out: GpuBinding, count: number): GpuDispatch {
    const keptValue = mask.encoding === 'bits' ? mask.keptValue : 0;
    return this.elementwise(
      `dropout-${mask.encoding}`,
      dropoutShader(mask.encoding),
      [h, mask.buffer, out],
      { n: count, f: [keptValue, 0, 0, 0] },
      count,
    );
  }

  /** out = h * factor, `count` elements. */
  scale(h: GpuBinding, out: GpuBinding, count: number, factor: number): GpuDispatch {
    return this.elementwise('scale', scaleShader, [h, out], { n: count, f: [factor, 0, 0, 0] }, count);
  }

  /** dz = (h > 0) ? dout * mask : 0; without a mask, dout where h > 0. */
  reluDropoutBackward(
    dout: GpuBinding,
    h: GpuBinding,
    mask: GpuMask | null,
    dz: GpuBinding,
    count: number,
  ): GpuDispatch {
    const encoding = mask?.encoding ?? null;
    const keptValue = mask?.encoding === 'bits' ? mask.keptValue : 0;
    return this.elementwise(
      `reluDropoutBackward-${encoding ?? 'none'}`,
      reluDropoutBackwardShader(encoding),
      [dout, mask?.buffer ?? null, h, dz],
      { n: count, f: [keptValue, 0, 0, 0] },
      count,
    );
  }

  /** Per row of scores [n, c]: its cross-entropy into rowLoss, and the mean loss's gradient into dscores. */
  softmaxLoss(
    scores: GpuBinding,
    y: GpuBinding,
    dscores: GpuBinding,
    rowLoss: GpuBinding,
    n: number,
    c: number,
  ): GpuDispatch {
    return this.perRow('softmaxLoss', softmaxLossShader, [scores, y, dscores, rowLoss], { n, m: c }, n);
  }

  /** losses[index] = the mean of rowLoss[0..n) (`setParams` with k = the next index moves it on). */
  meanLoss(rowLoss: GpuBinding, losses: GpuBinding, n: number, index: number): GpuDispatch {
    const pipeline = this.pipeline('meanLoss', () => meanLossShader);
    const params = this.uniform(paramsBytes({ n, k: index }));
    return this.prepare('meanLoss', pipeline, [rowLoss, losses, params], params, [1, 1, 1]);
  }

  /** db[j] = sum of dout[:, j] over n rows of m columns. */
  columnSum(dout: GpuBinding, db: GpuBinding, n: number, m: number): GpuDispatch {
    return this.perRow('columnSum', columnSumShader, [dout, db], { n, m }, m);
  }

  /**
   * One Adam step of `count` parameters at step t (1-based), as optim.ts's adam with its default betas and epsilon;
   * `adamParams` gives the constants of a later step for `setParams`.
   */
  adam(
    w: GpuBinding,
    dw: GpuBinding,
    m: GpuBinding,
    v: GpuBinding,
    count: number,
    learningRate: number,
    t: number,
  ): GpuDispatch {
    return this.elementwise('adam', adamShader, [w, dw, m, v], adamParams(count, learningRate, t), count);
  }

  /** counts[slot] += rows of scores [n, c] whose first largest score is the label. */
  correctCount(scores: GpuBinding, y: GpuBinding, counts: GpuBinding, n: number, c: number, slot: number): GpuDispatch {
    return this.perRow('correctCount', correctCountShader, [scores, y, counts], { n, m: c, k: slot }, n);
  }

  /** Decides on the GPU whether the check whose counts are in `counts` beat the best so far (see keepBestShader). */
  keepBest(counts: GpuBinding, state: GpuBinding): GpuDispatch {
    const pipeline = this.pipeline('keepBest', () => keepBestShader);
    // The validation count's slot (correctCount's slot 1). Every binding must be used: 'auto' layouts drop unused ones.
    const params = this.uniform(paramsBytes({ k: 1 }));
    return this.prepare('keepBest', pipeline, [counts, state, params], params, [1, 1, 1]);
  }

  /** dst = src, `count` elements, where keepBest set its flag. */
  copyIfKept(src: GpuBinding, dst: GpuBinding, state: GpuBinding, count: number): GpuDispatch {
    return this.elementwise('copyIfKept', copyIfKeptShader, [src, dst, state], { n: count }, count);
  }

  private pipeline(key: string, code: () => string): GPUComputePipeline {
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const module = this.device.createShaderModule({ code: code(), label: key });
      pipeline = this.device.createComputePipeline({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
        label: key,
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Destroys the uniforms and scratch buffers of every dispatch made here (the pipelines go with the device). */
  destroy(): void {
    for (const buffer of this.owned.splice(0)) buffer.destroy();
  }

  private own(buffer: GPUBuffer): GPUBuffer {
    this.owned.push(buffer);
    return buffer;
  }

  private uniform(bytes: ArrayBuffer): GPUBuffer {
    const buffer = this.own(
      this.device.createBuffer({
        size: bytes.byteLength,
        usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST,
        mappedAtCreation: true,
      }),
    );
    new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(bytes));
    buffer.unmap();
    return buffer;
  }

  /** One thread per element, over a 2-D grid when one dimension is not enough. */
  private elementwise(
    key: string,
    code: string,
    buffers: (GpuBinding | null)[],
    params: ShaderParams,
    count: number,
  ): GpuDispatch {
    const uniform = this.uniform(paramsBytes(params));
    return this.prepare(
      key,
      this.pipeline(key, () => code),
      [...buffers, uniform],
      uniform,
      elementwiseGroups(count),
    );
  }

  /** One thread per row (or column). */
  private perRow(key: string, code: string, buffers: GpuBinding[], params: ShaderParams, rows: number): GpuDispatch {
    const uniform = this.uniform(paramsBytes(params));
    return this.prepare(
      key,
      this.pipeline(key, () => code),
      [...buffers, uniform],
      uniform,
      perRowGroups(rows),
    );
  }

  /** A dispatch whose binding i is bindings[i]; a null leaves that binding out (a variant whose shader has none). */
  private prepare(
    label: string,
    pipeline: GPUComputePipeline,
    bindings: (GpuBinding | null)[],
    params: GPUBuffer,
    groups: Groups,
  ): GpuDispatch {
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: bindings.flatMap((resource, binding) =>
        resource ? [{ binding, resource: 'buffer' in resource ? resource : { buffer: resource } }] : [],
      ),
    });
    return { label, pipeline, bindGroup, groups, params };
  }
}
/** Adam's constants at step t (1-based): the learning rate and the bias corrections 1 - beta^t. */
export function adamParams(count: number, learningRate: number, t: number): ShaderParams {
  return { n: count, f: [learningRate, 1 - 0.9 ** t, 1 - 0.999 ** t, 0] };
}

function paramsBytes({ n = 0, m = 0, k = 0, u3 = 0, f = [0, 0, 0, 0] }: ShaderParams): ArrayBuffer {
  const bytes = new ArrayBuffer(32);
  new Uint32Array(bytes, 0, 4).set([n, m, k, u3]);
  new Float32Array(bytes, 16, 4).set(f);
  return bytes;
}
