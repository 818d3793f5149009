import { describe, expect, it } from 'vitest';
import { relError } from './gradcheck.ts';
import {
  affineBackward,
  affineForward,
  dropoutBackward,
  dropoutForward,
  reluBackward,
  reluForward,
  softmaxLoss,
  type AffineCache,
  type DropoutCache,
  type DropoutScaling,
  type ReluCache,
} from './layers.ts';
import { FullyConnectedNet } from './net.ts';
import { createRng } from './random.ts';
import type { Tensor } from './tensor.ts';
import { randn, randomLabels } from './randomTensors.ts';

/**
 * The fused net against the assignment's layer functions, composed by hand as fc_net.py does:
 * {affine - relu - dropout} x (L - 1) - affine - softmax, for every dropout scaling, in train
 * mode (loss and every gradient, the same masks) and in test mode (the scores).
 */
const [N, D, C] = [6, 12, 5];
const X = randn([N, D], 11);
const y = randomLabels(N, C, 12);
const MASK_SEED = 77;

function referencePass(net: FullyConnectedNet, scaling: DropoutScaling, keepProb: number, mode: 'train' | 'test') {
  const L = net.numLayers;
  const rng = createRng(MASK_SEED); // the net draws every layer's mask from one stream seeded like this
  const caches: { affine: AffineCache; relu?: ReluCache; dropout?: DropoutCache }[] = [];
  let h: Tensor = X;
  for (let l = 1; l < L; l++) {
    const a = affineForward(h, net.params[`W${l}`], net.params[`b${l}`]);
    const r = reluForward(a.out);
    const d = keepProb < 1 ? dropoutForward(r.out, { p: keepProb, mode, rng, scaling }) : null;
    caches.push({ affine: a.cache, relu: r.cache, dropout: d?.cache });
    h = d ? d.out : r.out;
  }
  const last = affineForward(h, net.params[`W${L}`], net.params[`b${L}`]);
  caches.push({ affine: last.cache });
  if (mode === 'test') return { scores: last.out };
  const { loss, dx } = softmaxLoss(last.out, y);
  const grads: Record<string, Tensor> = {};
  let dout = dx;
  for (let l = L; l >= 1; l--) {
    const c = caches[l - 1];
    if (l < L) {
      if (c.dropout) dout = dropoutBackward(dout, c.dropout);
      dout = reluBackward(dout, c.relu!);
    }
    const g = affineBackward(dout, c.affine);
    grads[`W${l}`] = g.dw;
    grads[`b${l}`] = g.db;
    dout = g.dx;
  }
  return { loss, grads };
}

describe('the net with each dropout scaling equals the layer functions composed', () => {
  for (const scaling of ['inverted', 'none', 'vanilla'] as const) {
    for (const hiddenDims of [[9], [9, 7]]) {
      it(`${scaling}, hidden ${hiddenDims.join(' x ')}: train-mode loss and gradients, test-mode scores`, () => {
        const keepProb = 0.6;
        const net = new FullyConnectedNet({
          hiddenDims,
          inputDim: D,
          numClasses: C,
          dropout: keepProb,
          dropoutScaling: scaling,
          dtype: 'float64',
          seed: 3,
          dropoutSeed: MASK_SEED,
          weightScale: 0.3,
        });
        const train = referencePass(net, scaling, keepProb, 'train');
        const { loss, grads } = net.loss(X, y);
        expect(loss).toBeCloseTo(train.loss!, 12);
        for (const [name, g] of Object.entries(train.grads!))
          expect(relError(grads[name].data, g.data)).toBeLessThan(1e-12);

        const test = referencePass(net, scaling, keepProb, 'test');
        expect(relError(net.loss(X).data, test.scores!.data)).toBeLessThan(1e-12);
      });
    }
  }

  it("vanilla dropout's test pass differs from inverted dropout's by the factor p on the hidden units (the assignment's question 1)", () => {
    const options = {
      hiddenDims: [9],
      inputDim: D,
      numClasses: C,
      dropout: 0.5,
      dtype: 'float64' as const,
      seed: 3,
      weightScale: 0.3,
    };
    const vanilla = new FullyConnectedNet({ ...options, dropoutScaling: 'vanilla' });
    const inverted = new FullyConnectedNet({ ...options, dropoutScaling: 'inverted' });
    // Same weights; zero the output bias so the scores scale exactly with the hidden units.
    vanilla.params.b2.data.fill(0);
    inverted.params.b2.data.fill(0);
    const sv = vanilla.loss(X).data;
    const si = inverted.loss(X).data;
    for (let i = 0; i < sv.length; i++) expect(sv[i]).toBeCloseTo(0.5 * si[i], 12);
  });
});

describe('the net is built from one description of its layers', () => {
  it('expands {affine - relu - [dropout]} x (L - 1) - affine as fc_net.py does', async () => {
    const { fullyConnectedSpec } = await import('./netLayers.ts');
    expect(fullyConnectedSpec([12, 9, 7, 5], 0.5, 'vanilla').map((l) => l.kind)).toEqual([
      'affine',
      'relu',
      'dropout',
      'affine',
      'relu',
      'dropout',
      'affine',
    ]);
    expect(fullyConnectedSpec([12, 9, 5], 1, 'inverted').map((l) => l.kind)).toEqual(['affine', 'relu', 'affine']);
    const net = new FullyConnectedNet({ hiddenDims: [9, 7], inputDim: 12, numClasses: 5, dropout: 0.5 });
    expect(net.layers[2]).toEqual({ kind: 'dropout', dim: 9, keepProb: 0.5, scaling: 'inverted' });
    expect(Object.keys(net.params)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
  });

  it('refuses a description whose ReLU follows no affine layer', async () => {
    const { buildStages } = await import('./netLayers.ts');
    expect(() => buildStages([{ kind: 'relu', dim: 3 }], { dtype: 'float32', params: {}, grads: {} })).toThrow(
      'a relu layer must follow an affine layer',
    );
  });
});
