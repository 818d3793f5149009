import type { DropoutScaling } from '../layers.ts';
import type { AccuracyCheck } from '../solver.ts';
import type { GpuBinding, GpuDispatch, GpuShaders } from './gpuShaders.ts';
import type { ReadPart } from './readback.ts';

/**
 * Rows per chunk of a check's test-mode pass: at most 32 MB per activation buffer (the CPU path keeps 4 MB; a GPU has
 * room and fills better with large products), a multiple of 64 rows so a chunk's indices start 256-byte aligned.
 */
export const CHECK_CHUNK_FLOATS = 1 << 23;
const CHUNK_ROW_MULTIPLE = 64;

/** One set of rows an accuracy check scores (the training sample or the validation set), prepared once. */
export interface CheckPlan {
  rows: number;
  /** Row indices and labels, rewritten per check when the training rows are drawn anew; null: all rows in order. */
  index: GPUBuffer | null;
  labels: GPUBuffer;
  dispatches: GpuDispatch[];
}

/** What a check's test-mode forward pass reads: each layer's sizes and parameters on the GPU. */
export interface CheckNet {
  features: number;
  classes: number;
  layers: { inputDim: number; outputDim: number; W: GpuBinding; b: GpuBinding }[];
  keepProb: number;
  scaling: DropoutScaling;
}

export interface CheckSet {
  X: GPUBuffer;
  rows: number;
  labels: Int32Array;
  /** Rows drawn anew per check (their indices and labels uploaded then) rather than all rows in order. */
  drawn: boolean;
}

/**
 * The checks' dispatches, prepared once: the test-mode scores of the training sample and of the validation set, in
 * chunks that share one set of activation buffers, counting correct rows into counts[0] and counts[1]. A set scored
 * whole and in order reads its images where they are; otherwise each chunk gathers its rows first. The buffers it makes
 * are pushed to `scratch` (the caller destroys them).
 */
export function prepareCheckPlans(
  k: GpuShaders,
  net: CheckNet,
  counts: GPUBuffer,
  sets: { train: CheckSet; val: CheckSet },
  chunkFloats: number,
  scratchBuffers: GPUBuffer[],
): { train: CheckPlan; val: CheckPlan } {
  const widest = Math.max(net.features, ...net.layers.map((l) => l.outputDim));
  const chunk = Math.max(
    CHUNK_ROW_MULTIPLE,
    Math.floor(chunkFloats / widest / CHUNK_ROW_MULTIPLE) * CHUNK_ROW_MULTIPLE,
  );
  const largest = Math.min(chunk, Math.max(sets.train.rows, sets.val.rows));
  const scratch = (data: number | Uint32Array) => {
    const buffer = k.storage(data);
    scratchBuffers.push(buffer);
    return buffer;
  };
  const input = scratch(largest * net.features);
  const outputs = net.layers.map((l) => scratch(largest * l.outputDim));
  const vanilla = net.scaling === 'vanilla' && net.keepProb !== 1;
  const scaled = vanilla ? net.layers.map((l) => scratch(largest * l.outputDim)) : [];
  const plan = ({ X, rows, labels, drawn }: CheckSet, slot: number): CheckPlan => {
    const index = drawn || rows > chunk ? scratch(rows) : null;
    if (index && !drawn)
      k.device.queue.writeBuffer(
        index,
        0,
        Uint32Array.from({ length: rows }, (_, i) => i),
      );
    const labelBuffer = drawn ? scratch(rows) : scratch(Uint32Array.from(labels.subarray(0, rows)));
    const dispatches: GpuDispatch[] = [];
    for (let start = 0; start < rows; start += chunk) {
      const count = Math.min(chunk, rows - start);
      const part = (buffer: GPUBuffer): GpuBinding => (index ? { buffer, offset: start * 4, size: count * 4 } : buffer);
      let current: GPUBuffer = X;
      if (index) {
        dispatches.push(k.gatherRows(X, part(index), input, count, net.features));
        current = input;
      }
      for (const [l, layer] of net.layers.entries()) {
        const hidden = l < net.layers.length - 1;
        dispatches.push(
          ...k.matmul('NN', current, layer.W, outputs[l], count, layer.inputDim, layer.outputDim, {
            bias: layer.b,
            relu: hidden,
          }),
        );
        current = outputs[l];
        if (hidden && vanilla) {
          // Vanilla dropout scales by p at test time; the other scalings pass activations through.
          dispatches.push(k.scale(outputs[l], scaled[l], count * layer.outputDim, net.keepProb));
          current = scaled[l];
        }
      }
      dispatches.push(k.correctCount(current, part(labelBuffer), counts, count, net.classes, slot));
    }
    return { rows, index, labels: labelBuffer, dispatches };
  };
  return { train: plan(sets.train, 0), val: plan(sets.val, 1) };
}

/** A check recorded on the GPU whose counts have not been read back yet. */
interface PendingCheck {
  slot: number;
  iteration: number;
  epoch: number;
}

/**
 * The accuracy checks of a run on the GPU: each counts correct rows in test mode, decides there whether it beat the
 * best and copies the best parameters (flat buffers) where it did, and leaves its two counts in a slot of its own,
 * read back later with the losses, so training never waits for a check.
 */
export class GpuChecks {
  readonly plans: { train: CheckPlan; val: CheckPlan };
  private readonly counts: GPUBuffer;
  /** Each check's two counts (training, validation), by check. */
  private readonly checkCounts: GPUBuffer;
  /** The best validation count so far, the checks seen, and whether the last check is the best (keepBestShader). */
  private readonly bestState: GPUBuffer;
  private readonly keepBestDispatches: GpuDispatch[];
  private pending: PendingCheck[] = [];
  private recorded = 0;

  constructor(
    private readonly k: GpuShaders,
    net: CheckNet,
    sets: { train: CheckSet; val: CheckSet },
    chunkFloats: number,
    numChecks: number,
    params: { params: GPUBuffer; best: GPUBuffer; total: number },
    buffers: GPUBuffer[],
  ) {
    const buffer = (floats: number) => {
      const made = k.storage(floats);
      buffers.push(made);
      return made;
    };
    this.counts = buffer(2);
    this.checkCounts = buffer(2 * numChecks);
    this.bestState = buffer(3);
    this.plans = prepareCheckPlans(k, net, this.counts, sets, chunkFloats, buffers);
    this.keepBestDispatches = [
      k.keepBest(this.counts, this.bestState),
      k.copyIfKept(params.params, params.best, this.bestState, params.total),
    ];
  }

  /** Bytes a read of every check's counts takes. */
  get capacity(): number {
    return this.checkCounts.size;
  }

  /**
   * Records the check after `iteration` (1-based); where the training rows are drawn anew, `drawRow` draws each (the
   * Solver's stream) and `trainLabels` labels it.
   */
  record(iteration: number, epoch: number, drawRow: () => number, trainLabels: Int32Array): void {
    const { train, val } = this.plans;
    const queue = this.k.device.queue;
    if (train.index) {
      const rows = Uint32Array.from({ length: train.rows }, drawRow);
      queue.writeBuffer(train.index, 0, rows);
      queue.writeBuffer(
        train.labels,
        0,
        Uint32Array.from(rows, (r) => trainLabels[r]),
      );
    }
    const slot = this.recorded++;
    const encoder = this.k.device.createCommandEncoder();
    encoder.clearBuffer(this.counts);
    this.k.encode(encoder, [...train.dispatches, ...val.dispatches, ...this.keepBestDispatches]);
    encoder.copyBufferToBuffer(this.counts, 0, this.checkCounts, slot * 8, 8);
    queue.submit([encoder.finish()]);
    this.pending.push({ slot, iteration, epoch });
  }

  /** The checks recorded since the last call, and the part of the counts that holds them (consecutive slots). */
  takePending(): { checks: PendingCheck[]; part: ReadPart } {
    const checks = this.pending;
    this.pending = [];
    return { checks, part: { source: this.checkCounts, offset: (checks[0]?.slot ?? 0) * 8, bytes: checks.length * 8 } };
  }

  /** Accuracies from the counts read back for `checks`. */
  accuracies(checks: PendingCheck[], countBytes: ArrayBuffer): AccuracyCheck[] {
    const counts = new Uint32Array(countBytes);
    const [nTrain, nVal] = [this.plans.train.rows, this.plans.val.rows];
    return checks.map(({ iteration, epoch }, i) => ({
      iteration,
      epoch,
      trainAcc: counts[2 * i] / nTrain,
      valAcc: counts[2 * i + 1] / nVal,
    }));
  }
}
