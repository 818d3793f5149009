import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.ts';
import { accumulateKeptPerUnit, packMask, unpackMask } from './maskBits.ts';

describe('mask bit packing', () => {
  it('round-trips masks of any length, including lengths not a multiple of 8', () => {
    const rng = createRng('bits');
    for (const length of [1, 7, 8, 9, 100, 50_000, 50_003]) {
      const mask = Float32Array.from({ length }, () => (rng.uniform() < 0.25 ? 4 : 0));
      const { bits, keptCount } = packMask(mask);
      expect(bits.length).toBe(Math.ceil(length / 8));
      expect(Array.from(unpackMask(bits, length))).toEqual(Array.from(mask, (v) => (v ? 1 : 0)));
      expect(keptCount).toBe(mask.filter((v) => v !== 0).length);
    }
  });

  it('the kept fraction equals the mean of the bits', () => {
    const rng = createRng('frac');
    const mask = Float32Array.from({ length: 100 * 500 }, () => (rng.uniform() < 0.25 ? 4 : 0));
    const { bits, keptCount } = packMask(mask);
    const unpacked = unpackMask(bits, mask.length);
    const mean = unpacked.reduce((a, b) => a + b, 0) / unpacked.length;
    expect(keptCount / mask.length).toBe(mean);
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.01);
  });

  it('counts kept units per column', () => {
    const counts = new Uint32Array(3);
    accumulateKeptPerUnit(Float32Array.from([2, 0, 2, 2, 2, 0]), 2, 3, counts);
    expect(Array.from(counts)).toEqual([2, 1, 1]);
  });
});
