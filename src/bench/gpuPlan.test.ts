import { describe, expect, it } from 'vitest';
import { totalGroups } from '../core/gpu/dispatchPlan.ts';
import { plannedDispatches, stepOps, stepUploads } from '../core/gpu/stepPlan.ts';
import { formatGpuPlan, PLAN_BAR, stepShapesOf } from './gpuPlan.ts';
import { configsOf, W } from './workload.ts';

describe("the GPU step's plan for W (bench --gpu-plan)", () => {
  it('launches at least 128 workgroups for every product and uploads at most 12 KB a step, in both configurations', () => {
    for (const config of configsOf(W)) {
      const shapes = stepShapesOf(W, config.keepProb, config.scaling);
      const dispatches = stepOps(shapes).flatMap((op) => plannedDispatches(shapes, op));
      const products = dispatches.filter((d) => d.product);
      // Forward 2, weight gradients 2, one input gradient.
      expect(products).toHaveLength(5);
      for (const d of products)
        expect(totalGroups(d.groups), d.what).toBeGreaterThanOrEqual(PLAN_BAR.productWorkgroups);
      // One Adam dispatch for every parameter.
      expect(dispatches.filter((d) => d.what.startsWith('adam'))).toHaveLength(1);
      const uploaded = stepUploads(shapes).reduce((sum, u) => sum + u.bytes, 0);
      expect(uploaded).toBeLessThanOrEqual(PLAN_BAR.uploadBytes);
    }
    // The dropout configuration's masks go up as bits: 100 x 500 units in 1,563 words.
    const dropout = stepShapesOf(W, W.keepProb, 'inverted');
    expect(stepUploads(dropout).find((u) => u.what.startsWith('dropout masks'))).toEqual({
      what: 'dropout masks (bits)',
      bytes: 6252,
    });
  });

  it("prints each configuration's dispatches and says whether the bar is met", () => {
    const text = formatGpuPlan(W);
    expect(text).toMatch(
      /2\. layer 1 forward 100x3072x500 \(NN\), 64x64 tiles, K in 8 slices of 384 \| +8, 2, 8 \| +128 \|/,
    );
    expect(text.match(/: met\./g)).toHaveLength(2);
    expect(text).not.toMatch(/NOT met/);
    // Gaussian dropout's noise is not bits: it goes up as floats (over the bar; W does not use it).
    const shapes = stepShapesOf(W, 0.5, 'gaussian');
    expect(stepUploads(shapes).find((u) => u.what.startsWith('dropout masks'))).toEqual({
      what: 'dropout masks (floats)',
      bytes: 200_000,
    });
  });
});
