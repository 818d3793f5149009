import { describe, expect, it } from 'vitest';
import { affineForward, dropoutForward, reluForward, type DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { createRng } from '../random.ts';
import type { Tensor } from '../tensor.ts';
import { randn, randomLabels } from '../randomTensors.ts';
import { activationStats, histogram } from './activationStats.ts';
import { featureTiles } from './featureTiles.ts';
import { addSoftmax, mcDropoutEvaluate, mostUncertainRows } from './mcDropout.ts';

const [N, D, H1, H2, C] = [40, 12, 9, 7, 4];
const X = randn([N, D], 'mc:X');
const y = randomLabels(N, C, 'mc:y');

function net(keepProb: number, scaling: DropoutScaling = 'inverted', hiddenDims = [H1, H2]) {
  // A large weight scale so that the classes differ and the masks matter.
  return new FullyConnectedNet({
    hiddenDims,
    inputDim: D,
    numClasses: C,
    dropout: keepProb,
    weightScale: 0.5,
    dtype: 'float64',
    seed: 5,
    dropoutScaling: scaling,
  });
}

/** Sample s of the ensemble, composed by hand from the assignment's layer functions, masks from `rng` in layer order. */
function explicitTrainModeScores(
  model: FullyConnectedNet,
  keepProb: number,
  scaling: DropoutScaling,
  rng: ReturnType<typeof createRng>,
): Tensor {
  let h: Tensor = X;
  const L = model.numLayers;
  for (let l = 1; l < L; l++) {
    h = reluForward(affineForward(h, model.params[`W${l}`], model.params[`b${l}`]).out).out;
    h = dropoutForward(h, { p: keepProb, mode: 'train', rng, scaling }).out;
  }
  return affineForward(h, model.params[`W${L}`], model.params[`b${L}`]).out;
}

function accuracy(probs: Float64Array): number {
  let correct = 0;
  for (let i = 0; i < N; i++) {
    let best = 0;
    for (let j = 1; j < C; j++) if (probs[i * C + j] > probs[i * C + best]) best = j;
    if (best === y[i]) correct++;
  }
  return correct / N;
}

describe('Monte-Carlo dropout', () => {
  for (const scaling of ['inverted', 'gaussian'] as const) {
    it(`averaging k thinned nets equals the mean of k explicit forward passes with those masks (${scaling})`, () => {
      const keepProb = 0.5;
      const model = net(keepProb, scaling);
      const ks = [1, 2, 5, 10];
      const result = mcDropoutEvaluate(model, X, y, ks, 'mc-seed');
      const rng = createRng('mc-seed');
      const sum = new Float64Array(N * C);
      for (let s = 1; s <= 10; s++) {
        addSoftmax(explicitTrainModeScores(model, keepProb, scaling, rng).data, sum, N, C);
        const at = ks.indexOf(s);
        if (at >= 0) expect(result.mcAcc[at]).toBe(accuracy(sum));
      }
      const mean = sum.map((v) => v / 10);
      for (let i = 0; i < mean.length; i++) expect(result.meanProbs[i]).toBeCloseTo(mean[i], 12);
      // The masks matter: the ensemble differs from one test-mode pass on some row.
      const testScores = model.loss(X).data;
      const testProbs = new Float64Array(N * C);
      addSoftmax(testScores, testProbs, N, C);
      expect(Math.max(...mean.map((v, i) => Math.abs(v - testProbs[i])))).toBeGreaterThan(1e-3);
      expect(result.deterministicAcc).toBe(accuracy(testProbs));
    });
  }

  it('with p = 1 every k gives the deterministic pass exactly', () => {
    const model = net(1);
    const result = mcDropoutEvaluate(model, X, y, [1, 2, 5, 100], 'seed');
    expect(result.mcAcc).toEqual([
      result.deterministicAcc,
      result.deterministicAcc,
      result.deterministicAcc,
      result.deterministicAcc,
    ]);
    const probs = new Float64Array(N * C);
    addSoftmax(model.loss(X).data, probs, N, C);
    expect(Array.from(result.meanProbs)).toEqual(Array.from(probs));
  });

  it('the same seed gives the same curve; entropy is highest where the ensemble is least sure', () => {
    const a = mcDropoutEvaluate(net(0.5), X, y, [1, 5, 20], 's');
    const b = mcDropoutEvaluate(net(0.5), X, y, [20, 1, 5], 's');
    expect(b.sampleCounts).toEqual([1, 5, 20]);
    expect(b.mcAcc).toEqual(a.mcAcc);
    const order = mostUncertainRows(a.entropy, 5);
    expect(order).toHaveLength(5);
    for (let i = 1; i < order.length; i++) expect(a.entropy[order[i - 1]]).toBeGreaterThanOrEqual(a.entropy[order[i]]);
    for (let i = 0; i < N; i++) expect(a.entropy[i]).toBeLessThanOrEqual(a.entropy[order[0]]);
    expect(a.entropy[order[0]]).toBeLessThanOrEqual(Math.log(C) + 1e-12);
  });
});

describe('activation statistics', () => {
  it('match a hand computation on a tiny net', () => {
    // One hidden layer of 2 ReLU units, W1 = [[1, -1], [2, 0]], b1 = [0, 1], inputs (1, 0), (0, 1), (-1, 1).
    const model = new FullyConnectedNet({ hiddenDims: [2], inputDim: 2, numClasses: 2, dtype: 'float64' });
    model.params.W1.data.set([1, -1, 2, 0]);
    model.params.b1.data.set([0, 1]);
    const x = new Float64Array([1, 0, 0, 1, -1, 1]);
    const h = model.runStages(x, { n: 3, train: false, maskRng: createRng(0) }, 0, 1);
    // Pre-activations: (1, 0), (2, 1), (1, 2) -> ReLU leaves them.
    expect(Array.from(h)).toEqual([1, 0, 2, 1, 1, 2]);
    const stats = activationStats(h, 3, 2, 4);
    expect(stats.meanActivation).toBeCloseTo(7 / 6, 12);
    expect(stats.maxActivation).toBe(2);
    expect(stats.nearZeroFraction).toBeCloseTo(1 / 6, 12); // only the 0 is below 0.02
    // Unit means 4/3 and 1: neither is below 1% of 4/3.
    expect(stats.quietUnitFraction).toBe(0);
    expect(stats.activations.edges).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(stats.activations.counts).toEqual([1, 0, 3, 2]);
    expect(stats.unitMeans.counts).toEqual([0, 0, 0, 2]);
    expect(stats.activations.counts.reduce((a, b) => a + b)).toBe(6);
  });

  it('a histogram of zeros puts every value in the first bin', () => {
    expect(histogram([0, 0, 0], 3, 0)).toEqual({ edges: [0, 1 / 3, 2 / 3, 1], counts: [3, 0, 0] });
  });
});

describe('feature tiles', () => {
  it("draw each unit's weights as its own image, scaled on its own, and order units by norm", () => {
    // D = 1 x 2 x 2 (grey), H = 3 units; unit 1 has the largest weights, unit 2 is constant.
    const W = new Float64Array([0, 10, 5, 1, -10, 5, 2, 0, 5, 3, 20, 5]);
    const tiles = featureTiles(W, 3, [1, 2, 2], { maxTiles: 2 });
    expect(tiles.hiddenUnits).toBe(3);
    expect([tiles.tileWidth, tiles.tileHeight]).toEqual([2, 2]);
    // First two by index: units 0, 1; two largest norms: 1 (|w| = 25.1), 2 (10); unit 0 has norm 3.7.
    expect(Array.from(tiles.byIndex, (t) => tiles.units[t])).toEqual([0, 1]);
    expect(Array.from(tiles.byNorm, (t) => tiles.units[t])).toEqual([1, 2]);
    expect(tiles.units).toHaveLength(3);
    const unit0 = tiles.rgba.subarray(0, 16);
    expect(Array.from(unit0.filter((_, i) => i % 4 === 0))).toEqual([0, 85, 170, 255]);
    expect(Array.from(unit0.filter((_, i) => i % 4 === 3))).toEqual([255, 255, 255, 255]);
    expect(tiles.norms[0]).toBeCloseTo(Math.sqrt(14), 5);
    const constant = tiles.byNorm[1] * 16;
    expect(tiles.rgba[constant]).toBe(128);
  });

  it('colour tiles take channel c from plane c; roughness is about 1 for noise and small for smooth weights', () => {
    const [Ch, h, w, H] = [3, 8, 8, 20];
    const D = Ch * h * w;
    const noise = randn([D, H], 'noise').data;
    expect(featureTiles(noise, H, [Ch, h, w]).roughness).toBeGreaterThan(0.8);
    const smooth = new Float64Array(D * H);
    for (let d = 0; d < D; d++)
      for (let j = 0; j < H; j++) smooth[d * H + j] = Math.sin((d % w) / 3 + j) + Math.cos(Math.floor(d / w) / 3);
    expect(featureTiles(smooth, H, [Ch, h, w]).roughness).toBeLessThan(0.2);
    // Red from plane 0, green from plane 1, blue from plane 2.
    const planes = new Float64Array(D);
    for (let d = 0; d < D; d++) planes[d] = Math.floor(d / (h * w));
    const t = featureTiles(planes, 1, [Ch, h, w]);
    expect(Array.from(t.rgba.subarray(0, 4))).toEqual([0, 128, 255, 255]);
  });

  it("a live frame (one order, no roughness) draws the same tiles and norms as the final frame's", () => {
    const [Ch, h, w, H] = [3, 8, 8, 40];
    const W = randn([Ch * h * w, H], 'live', { dtype: 'float32' }).data;
    const full = featureTiles(W, H, [Ch, h, w], { maxTiles: 12 });
    const live = featureTiles(W, H, [Ch, h, w], { maxTiles: 12, withRoughness: false, order: 'norm' });
    expect(live.roughness).toBeNull();
    const size = h * w * 4;
    const tile = (t: typeof full, i: number) => Array.from(t.rgba.subarray(i * size, (i + 1) * size));
    live.byNorm.forEach((liveTile, rank) => {
      const fullTile = full.byNorm[rank];
      expect(live.units[liveTile]).toBe(full.units[fullTile]);
      expect(live.norms[liveTile]).toBe(full.norms[fullTile]);
      expect(tile(live, liveTile)).toEqual(tile(full, fullTile));
    });
  });
});
