import type { GpuBinding, GpuDispatch, GpuShaders, GpuMask } from './gpuShaders.ts';
import { matmulShape, maskLayout, opCount, parameterLayout, type StepOp, type StepShapes } from './stepPlan.ts';

/** A layer's tensors: parameters and gradients are parts of flat buffers (see parameterLayout). */
export interface LayerBuffers {
  inputDim: number;
  outputDim: number;
  W: GpuBinding;
  b: GpuBinding;
  dW: GpuBinding;
  db: GpuBinding;
  /** Training batch: the ReLU output, the output after dropout, the gradient of the layer's output and of its pre-activation. */
  relu: GPUBuffer | null;
  dropped: GPUBuffer | null;
  mask: GpuMask | null;
  dh: GPUBuffer | null;
  dz: GPUBuffer;
}

/** A training step's buffers on the GPU. */
export interface StepBuffers {
  /** Every parameter, its gradient, Adam's two moments and the best check's copy, each in one flat buffer. */
  flat: Record<'params' | 'grads' | 'm' | 'v' | 'best', GPUBuffer>;
  layers: LayerBuffers[];
  /** The minibatch's images, row indices and labels, scores and their gradient, rows' losses, and every step's loss. */
  batch: Record<'X' | 'index' | 'labels' | 'scores' | 'dscores' | 'rowLoss' | 'losses', GPUBuffer>;
  /** Every hidden layer's mask of the step (maskLayout), uploaded at once; null without dropout. */
  maskUpload: GPUBuffer | null;
  XTrain: GPUBuffer;
}

/** Makes the step's buffers through `buffer` (which keeps them for destruction), the parameters set to `initial`. */
export function createStepBuffers(
  s: StepShapes,
  initial: Float32Array,
  XTrain: Float32Array,
  numIterations: number,
  buffer: (data: number | Float32Array | Uint32Array) => GPUBuffer,
): StepBuffers {
  const n = s.batchSize;
  const total = parameterLayout(s).total;
  const flat = {
    params: buffer(initial),
    grads: buffer(total),
    m: buffer(total),
    v: buffer(total),
    best: buffer(total),
  };
  const masks = maskLayout(s);
  const maskUpload = masks.layers.length ? buffer(masks.uploadLength) : null;
  const part = (buf: GPUBuffer, offset: number, count: number): GpuBinding => ({
    buffer: buf,
    offset: offset * 4,
    size: count * 4,
  });
  // Kept units are multiplied by 1/p (inverted dropout) or 1, in float32 as the CPU's float32 masks hold it.
  const keptValue = s.scaling === 'inverted' ? Math.fround(1 / s.keepProb) : 1;
  const layers = parameterLayout(s).layers.map(({ W, b }, i): LayerBuffers => {
    const outputDim = b.count;
    const hidden = i < s.hiddenDims.length;
    const m = masks.layers[i];
    const maskPart = m && maskUpload ? part(maskUpload, m.offset, m.length) : null;
    const mask: GpuMask | null = !maskPart
      ? null
      : masks.encoding === 'bits'
        ? { encoding: 'bits', buffer: maskPart, keptValue }
        : { encoding: 'floats', buffer: maskPart };
    return {
      inputDim: W.count / outputDim,
      outputDim,
      W: part(flat.params, W.offset, W.count),
      b: part(flat.params, b.offset, b.count),
      dW: part(flat.grads, W.offset, W.count),
      db: part(flat.grads, b.offset, b.count),
      relu: hidden ? buffer(n * outputDim) : null,
      dropped: mask ? buffer(n * outputDim) : null,
      mask,
      dh: hidden ? buffer(n * outputDim) : null,
      dz: buffer(n * outputDim),
    };
  });
  const batch = {
    X: buffer(n * s.inputDim),
    index: buffer(new Uint32Array(n)),
    labels: buffer(new Uint32Array(n)),
    scores: buffer(n * s.numClasses),
    dscores: buffer(n * s.numClasses),
    rowLoss: buffer(n),
    losses: buffer(numIterations),
  };
  return { flat, layers, batch, maskUpload, XTrain: buffer(XTrain) };
}

/** One operation of the step (stepOps) as dispatches on the step's buffers, sized by the plan's shapes. */
export function stepDispatches(
  k: GpuShaders,
  g: StepBuffers,
  s: StepShapes,
  op: StepOp,
  learningRate: number,
): GpuDispatch[] {
  const { batch, layers } = g;
  const n = s.batchSize;
  const L = layers.length;
  const count = opCount(s, op);
  const shape = matmulShape(s, op);
  // A layer's input in the forward pass: the minibatch, or the layer below's output after its dropout.
  const input = (l: number): GPUBuffer => (l === 0 ? batch.X : (layers[l - 1].dropped ?? layers[l - 1].relu!));
  // The gradient of a layer's output: the scores' from the loss, or written by the layer above; and of its pre-activation.
  const dout = (l: number): GPUBuffer => (l === L - 1 ? batch.dscores : layers[l].dh!);
  const dz = (l: number): GPUBuffer => (l === L - 1 ? batch.dscores : layers[l].dz);
  switch (op.kind) {
    case 'gather':
      return [k.gatherRows(g.XTrain, batch.index, batch.X, n, s.inputDim)];
    case 'forward': {
      const hidden = op.layer < L - 1;
      return k.matmul(
        'NN',
        input(op.layer),
        layers[op.layer].W,
        hidden ? layers[op.layer].relu! : batch.scores,
        shape!.M,
        shape!.K,
        shape!.N,
        { bias: layers[op.layer].b, relu: hidden },
      );
    }
    case 'dropout':
      return [k.dropout(layers[op.layer].relu!, layers[op.layer].mask!, layers[op.layer].dropped!, count)];
    case 'softmaxLoss':
      return [k.softmaxLoss(batch.scores, batch.labels, batch.dscores, batch.rowLoss, n, s.numClasses)];
    case 'meanLoss':
      return [k.meanLoss(batch.rowLoss, batch.losses, n, 0)];
    case 'reluDropoutBackward':
      return [
        k.reluDropoutBackward(
          dout(op.layer),
          layers[op.layer].relu!,
          layers[op.layer].mask,
          layers[op.layer].dz,
          count,
        ),
      ];
    case 'weightGrad':
      return k.matmul('TN', input(op.layer), dz(op.layer), layers[op.layer].dW, shape!.M, shape!.K, shape!.N);
    case 'biasGrad':
      return [k.columnSum(dz(op.layer), layers[op.layer].db, n, count)];
    case 'inputGrad':
      return k.matmul('NT', dz(op.layer), layers[op.layer].W, layers[op.layer - 1].dh!, shape!.M, shape!.K, shape!.N);
    case 'adam':
      return [k.adam(g.flat.params, g.flat.grads, g.flat.m, g.flat.v, count, learningRate, 1)];
  }
}
