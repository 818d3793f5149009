import { describe, expect, it } from 'vitest';
import { maskWordCount, packMaskWords } from './maskWords.ts';

describe('dropout masks packed into 32-bit words', () => {
  it('puts unit e at bit e % 32 of word e / 32, the last word partly used', () => {
    const mask = new Float32Array(70);
    for (const e of [0, 5, 31, 32, 63, 69]) mask[e] = 4;
    const words = packMaskWords(mask, new Uint32Array(maskWordCount(70)).fill(0xffffffff));
    expect(words).toHaveLength(3);
    expect(Array.from(words)).toEqual([(1 | (1 << 5) | (1 << 31)) >>> 0, (1 | (1 << 31)) >>> 0, 1 << 5]);
  });

  it("matches the bytes of the worker's packing read as little-endian words, and refuses too few words", () => {
    const mask = Float32Array.from({ length: 100 }, (_, i) => ((i * 7) % 3 === 0 ? 2 : 0));
    const words = packMaskWords(mask, new Uint32Array(4));
    const bytes = new Uint8Array(words.buffer);
    for (let e = 0; e < 100; e++) expect(((bytes[e >> 3] >> (e & 7)) & 1) === 1).toBe(mask[e] !== 0);
    expect(() => packMaskWords(mask, new Uint32Array(3))).toThrow(RangeError);
  });
});
