import { describe, expect, it } from 'vitest';
import { elementwiseGroups, perRowGroups, planMatmul, TARGET_WORKGROUPS, totalGroups } from './dispatchPlan.ts';

describe("planning the products' tiles and splits of K", () => {
  it("launches at least 128 workgroups for each product of W's training step", () => {
    // Forward 100 x 3,072 x 500 and 100 x 500 x 10; backward (TN) 500 x 100 x 10 and 3,072 x 100 x 500; (NT) 100 x 10 x 500.
    const step = {
      forward1: [100, 3072, 500],
      forward2: [100, 500, 10],
      dW2: [500, 100, 10],
      dh1: [100, 10, 500],
      dW1: [3072, 100, 500],
    } as const;
    const plans = Object.fromEntries(Object.entries(step).map(([name, [M, K, N]]) => [name, planMatmul(M, K, N)]));
    for (const [name, plan] of Object.entries(plans))
      expect(totalGroups(plan.groups), name).toBeGreaterThanOrEqual(TARGET_WORKGROUPS);
    // The forward product keeps its 64 x 64 tiles and splits K in 8 slices of 384; dW1 has tiles to spare.
    expect(plans.forward1).toMatchObject({
      tile: 64,
      slices: 8,
      sliceK: 384,
      groups: [8, 2, 8],
      reduceGroups: [196, 1, 1],
    });
    expect(plans.dW1).toMatchObject({ tile: 64, slices: 1, groups: [8, 48, 1], reduceGroups: null });
    // Too little K to split in long slices: the smallest tiles, K split where it must be (500 = 18 x 27 + 14).
    expect(plans.forward2).toMatchObject({ tile: 16, slices: 19, sliceK: 27, groups: [1, 7, 19] });
    expect(plans.dh1).toMatchObject({ tile: 16, slices: 1, groups: [32, 7, 1] });
  });

  it("keeps 64 x 64 tiles unsplit where a product has rows to spare (a check's 1,000 rows)", () => {
    expect(planMatmul(1000, 3072, 500)).toMatchObject({ tile: 64, slices: 1, groups: [8, 16, 1], reduceGroups: null });
  });

  it('picks 32 x 32 tiles where 64 would need slices shorter than 128 steps of K', () => {
    expect(planMatmul(100, 1000, 250)).toMatchObject({ tile: 32, slices: 4, sliceK: 250 });
    expect(planMatmul(400, 5, 400)).toMatchObject({ tile: 32, slices: 1 });
  });

  it('covers every row, column and step of K exactly, on odd sizes', () => {
    for (const [M, K, N] of [
      [1, 1, 1],
      [37, 53, 29],
      [3, 200, 67],
      [65, 17, 130],
      [999, 1001, 7],
    ]) {
      for (const target of [1, 12, 128, 100_000]) {
        const { tile, slices, sliceK, groups } = planMatmul(M, K, N, target);
        expect(groups[0] * tile).toBeGreaterThanOrEqual(N);
        expect((groups[0] - 1) * tile).toBeLessThan(N);
        expect(groups[1] * tile).toBeGreaterThanOrEqual(M);
        expect((groups[1] - 1) * tile).toBeLessThan(M);
        // Every slice has work: the last one starts before K and ends at or past it.
        expect(groups[2]).toBe(slices);
        expect((slices - 1) * sliceK).toBeLessThan(K);
        expect(slices * sliceK).toBeGreaterThanOrEqual(K);
      }
    }
  });

  it('spreads elementwise work over a second dimension past 65,535 workgroups, and refuses too many rows', () => {
    expect(elementwiseGroups(0)).toEqual([1, 1, 1]);
    expect(elementwiseGroups(1_541_510)).toEqual([6022, 1, 1]);
    expect(elementwiseGroups(256 * 70_000)).toEqual([65535, 2, 1]);
    expect(perRowGroups(500)).toEqual([2, 1, 1]);
    expect(() => perRowGroups(256 * 70_000)).toThrow(RangeError);
  });
});
