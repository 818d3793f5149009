import type { FloatArray } from '../core/tensor.ts';

/** Packs a dropout mask (0 = dropped, anything else = kept) into bits, row-major, LSB first. */
export function packMask(mask: ArrayLike<number>, length = mask.length): { bits: Uint8Array; keptCount: number } {
  const bits = new Uint8Array(Math.ceil(length / 8));
  let keptCount = 0;
  for (let i = 0; i < length; i++) {
    if (mask[i] !== 0) {
      bits[i >> 3] |= 1 << (i & 7);
      keptCount++;
    }
  }
  return { bits, keptCount };
}

export function maskBit(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] >> (index & 7)) & 1) === 1;
}

export function unpackMask(bits: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = maskBit(bits, i) ? 1 : 0;
  return out;
}

/** Adds one minibatch's mask [rows, cols] to per-unit kept counts. */
export function accumulateKeptPerUnit(mask: FloatArray, rows: number, cols: number, keptPerUnit: Uint32Array): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) if (mask[row + c] !== 0) keptPerUnit[c]++;
  }
}
