import { describe, expect, it } from 'vitest';
import { maskLayout, parameterLayout, plannedDispatches, stepOps, stepUploads, type StepShapes } from './stepPlan.ts';

const twoHidden: StepShapes = {
  batchSize: 25,
  inputDim: 16,
  hiddenDims: [24, 18],
  numClasses: 10,
  keepProb: 0.7,
  scaling: 'vanilla',
};

describe("a GPU training step's plan", () => {
  it('orders forward, loss, backward (no input gradient for the first layer) and one Adam', () => {
    expect(stepOps(twoHidden).map((op) => ('layer' in op ? `${op.kind}${op.layer}` : op.kind))).toEqual([
      'gather',
      'forward0',
      'dropout0',
      'forward1',
      'dropout1',
      'forward2',
      'softmaxLoss',
      'meanLoss',
      'weightGrad2',
      'biasGrad2',
      'inputGrad2',
      'reluDropoutBackward1',
      'weightGrad1',
      'biasGrad1',
      'inputGrad1',
      'reluDropoutBackward0',
      'weightGrad0',
      'biasGrad0',
      'adam',
    ]);
    expect(stepOps({ ...twoHidden, keepProb: 1 }).some((op) => op.kind === 'dropout')).toBe(false);
  });

  it('places every parameter tensor in one flat buffer at 256-byte offsets', () => {
    const { layers, total } = parameterLayout(twoHidden);
    expect(layers.map(({ W, b }) => [W.offset, W.count, b.offset, b.count])).toEqual([
      [0, 16 * 24, 384, 24],
      [448, 24 * 18, 896, 18],
      [960, 18 * 10, 1152, 10],
    ]);
    expect(total).toBe(1216);
    for (const { W, b } of layers) expect([W.offset % 64, b.offset % 64]).toEqual([0, 0]);
  });

  it("uploads each hidden layer's mask as bits at 256-byte offsets, or as floats for Gaussian dropout", () => {
    // 25 x 24 = 600 units in 19 words, then 25 x 18 = 450 units in 15 words from word 64.
    expect(maskLayout(twoHidden)).toEqual({
      encoding: 'bits',
      layers: [
        { offset: 0, length: 19 },
        { offset: 64, length: 15 },
      ],
      uploadLength: 79,
    });
    expect(maskLayout({ ...twoHidden, scaling: 'gaussian' })).toEqual({
      encoding: 'floats',
      layers: [
        { offset: 0, length: 600 },
        { offset: 640, length: 450 },
      ],
      uploadLength: 1090,
    });
    expect(maskLayout({ ...twoHidden, keepProb: 1 })).toEqual({ encoding: 'bits', layers: [], uploadLength: 0 });
    expect(stepUploads(twoHidden).map((u) => u.bytes)).toEqual([100, 100, 316, 32, 32]);
  });

  it("plans each product's dispatches with planMatmul's tiles and the sum of its slices where K is split", () => {
    const [forward] = stepOps(twoHidden).filter((op) => op.kind === 'forward');
    const dispatches = plannedDispatches(twoHidden, forward);
    expect(dispatches[0]).toMatchObject({
      what: 'layer 1 forward 25x16x24 (NN), 16x16 tiles',
      groups: [2, 2, 1],
      product: true,
    });
    expect(dispatches).toHaveLength(1);
    const adam = plannedDispatches(twoHidden, { kind: 'adam' });
    expect(adam).toEqual([{ what: 'adam 1216', groups: [5, 1, 1], product: false }]);
  });
});
