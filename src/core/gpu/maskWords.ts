import type { FloatArray } from '../tensor.ts';

/** Words of 32 bits that hold a mask of `units` units. */
export function maskWordCount(units: number): number {
  return Math.ceil(units / 32);
}

/**
 * Packs a dropout mask (0 = dropped, anything else = kept) into `words`, unit e at bit e % 32 of word e / 32: the
 * order of the worker's packMask bytes read as little-endian words, and what the GPU's dropout shaders expand.
 */
export function packMaskWords(mask: FloatArray, words: Uint32Array): Uint32Array {
  if (words.length < maskWordCount(mask.length))
    throw new RangeError(`packMaskWords: ${words.length} words cannot hold ${mask.length} units`);
  words.fill(0);
  for (let e = 0; e < mask.length; e++) if (mask[e] !== 0) words[e >>> 5] |= 1 << (e & 31);
  return words;
}
