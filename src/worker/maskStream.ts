import type { StepMasks } from '../core/trainer.ts';
import { accumulateKeptPerUnit, packMask } from './maskBits.ts';
import type { MaskFrame } from './trainProtocol.ts';

/**
 * The mask panel's view of a run: how many times each hidden unit was kept over it, and frames of the inspected
 * layer's last mask, bit-packed, with (where the trainer has the layer's ReLU output: the CPU) the inspected example's
 * activations before and after dropout.
 */
export class MaskStream {
  /** Per hidden layer: how many times each unit was kept over the run. */
  private readonly keptPerUnit: Uint32Array[];
  private maskRowsSeen = 0;
  private example = 0;
  private layer = 0;

  constructor(layers: number, units: number) {
    this.keptPerUnit = Array.from({ length: layers }, () => new Uint32Array(units));
  }

  /** Which example of the batch, and which layer, the frames show. */
  inspect(example: number, layer = this.layer): void {
    this.example = Math.max(0, Math.floor(example));
    this.layer = Math.min(this.keptPerUnit.length - 1, Math.max(0, Math.floor(layer)));
  }

  /** Adds a step's masks to the per-unit kept counts (the mask panel's histogram). */
  track({ rows, masks }: StepMasks): void {
    if (masks.length === 0) return;
    masks.forEach((mask, l) => accumulateKeptPerUnit(mask, rows, this.keptPerUnit[l].length, this.keptPerUnit[l]));
    this.maskRowsSeen += rows;
  }

  /** The frame of a step's masks after `iteration` iterations, and the buffers it transfers. */
  frame(iteration: number, { rows, masks, hidden }: StepMasks): { frame: MaskFrame; transfer: Transferable[] } {
    const layer = this.layer;
    const cols = this.keptPerUnit[layer].length;
    const mask = masks[layer] ?? null;
    const { bits, keptCount } = mask ? packMask(mask, rows * cols) : allKept(rows * cols);
    const example = Math.min(this.example, rows - 1);
    const layerHidden = hidden?.[layer] ?? null;
    const rowsBefore = layerHidden ? Float32Array.from(layerHidden.subarray(0, rows * cols)) : null;
    const rowsAfter = rowsBefore && mask ? rowsBefore.map((v, j) => v * mask[j]) : (rowsBefore?.slice() ?? null);
    const [from, to] = [example * cols, (example + 1) * cols];
    const [before, after] =
      rowsBefore && rowsAfter ? [rowsBefore.slice(from, to), rowsAfter.slice(from, to)] : [null, null];
    const frame: MaskFrame = {
      iteration,
      layer,
      layers: this.keptPerUnit.length,
      rows,
      cols,
      bits: bits.buffer as ArrayBuffer,
      keptCount,
      example,
      before,
      after,
      rowsBefore,
      rowsAfter,
      keptPerUnit: mask ? this.keptPerUnit[layer].slice() : null,
      maskRowsSeen: this.maskRowsSeen,
    };
    const transfer: Transferable[] = [
      frame.bits,
      ...[before, after, rowsBefore, rowsAfter].flatMap((a) => (a ? [a.buffer] : [])),
    ];
    return { frame, transfer };
  }
}

function allKept(length: number): { bits: Uint8Array; keptCount: number } {
  const bits = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
  return { bits, keptCount: length };
}
