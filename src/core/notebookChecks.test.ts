import { describe, expect, it } from 'vitest';
import { dropoutBackwardCheck, dropoutForwardCheck, netGradientCheck } from './notebookChecks.ts';

describe('the figures the notebook cells show', () => {
  it('forward: train means near the input mean, zeros near 1 - p, test untouched', () => {
    const rows = dropoutForwardCheck();
    expect(rows.map((r) => r.p)).toEqual([0.25, 0.4, 0.7]);
    for (const r of rows) {
      expect(Math.abs(r.trainMean / r.inputMean - 1)).toBeLessThan(0.01);
      expect(Math.abs(r.trainZeroFraction - (1 - r.p))).toBeLessThan(0.01);
      expect(r.testMean).toBe(r.inputMean);
      expect(r.testZeroFraction).toBe(0);
    }
  });

  it('forward without scaling: the train mean is about p times the test mean', () => {
    for (const r of dropoutForwardCheck({ scaling: 'none' })) {
      expect(Math.abs(r.trainMean / r.testMean - r.p)).toBeLessThan(0.01);
    }
  });

  it('backward: relative error below 1e-9', () => {
    expect(dropoutBackwardCheck().dxRelError).toBeLessThan(1e-9);
  });

  it('net: initial loss near 2.30 and every relative error below 1e-4', () => {
    const rows = netGradientCheck();
    expect(rows.map((r) => r.dropout)).toEqual([1, 0.75, 0.5]);
    for (const r of rows) {
      expect(Math.abs(r.initialLoss - 2.3)).toBeLessThan(0.02);
      expect(Object.keys(r.relErrors)).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
      for (const e of Object.values(r.relErrors)) expect(e).toBeLessThan(1e-4);
    }
  });
});
