import { describe, expect, it } from 'vitest';
import type { RawDataset } from '../data/types.ts';
import type { DataClient } from '../worker/dataClient.ts';
import type { StartTrainingRun } from '../worker/trainClient.ts';
import { createLabStore } from './createLabStore.ts';
import { PAPER_SETTING } from './paperSlice.ts';
import { idleRunHandle, testLabDeps } from './testing/testLabDeps.ts';

const mnist: RawDataset = {
  kind: 'mnist',
  name: 'MNIST (built-in)',
  imageShape: [1, 2, 2],
  classNames: '0123456789'.split(''),
  train: { images: new Uint8Array(4 * 3), labels: new Uint8Array(3), count: 3 },
  test: null,
};

function paperStore() {
  const started: StartTrainingRun[] = [];
  const featureViews: unknown[] = [];
  let stops = 0;
  const store = createLabStore(
    testLabDeps({
      dataClient: () => ({ loadBuiltIn: async () => mnist }) as unknown as DataClient,
      startTrainingRun: (options) => {
        started.push(options);
        return { ...idleRunHandle(), stop: () => void stops++, showFeatures: (view) => void featureViews.push(view) };
      },
    }),
  );
  return { store, started, stops: () => stops, featureViews };
}

describe("the paper's setting (store)", () => {
  it('trains the autoencoder pair (p = 1 and 0.5) on MNIST in its own run, beside the experiment, and shows its figures', async () => {
    const { store, started } = paperStore();
    store.getState().setSetting('kernels', 'fast');
    await store.getState().startPaperRun();
    expect(started).toHaveLength(1);
    const [{ configs, dataset }] = started;
    expect(dataset).toBe(mnist);
    expect(configs.map((c) => [c.configId, c.config.keepProb, c.config.model])).toEqual([
      ['baseline', 1, 'autoencoder'],
      ['dropout', 0.5, 'autoencoder'],
    ]);
    expect(configs[0].config).toMatchObject({
      hiddenSize: 256,
      numTrain: 9000,
      epochs: PAPER_SETTING.epochs,
      learningRate: 1e-3,
      kernels: 'fast',
      insight: true,
      streamMasks: false,
    });
    const state = store.getState();
    expect(state.paperRun?.status).toBe('training');
    expect(state.run).toBeNull();
    // "Why it works" now shows the autoencoder; the experiment's own settings are untouched but for that choice.
    expect(state.settings.model).toBe('autoencoder');
    expect(state.settings.dataset).toBe('cifar-sample');
  });

  it('with the GPU chosen, the autoencoder computes on the CPU (Fast); Stop keeps what it measured', async () => {
    const { store, started, stops } = paperStore();
    store.setState({ settings: { ...store.getState().settings, kernels: 'gpu' } });
    await store.getState().startPaperRun();
    expect(started[0].configs.every((c) => c.config.kernels === 'fast')).toBe(true);
    store.getState().stopPaperRun();
    expect(stops()).toBe(1);
    expect(store.getState().paperRun?.status).toBe('stopped');
  });

  it("the features cell's view reaches the paper run's workers while it trains; a link that fixes the model keeps it", async () => {
    const { store, featureViews } = paperStore();
    store.setState({ view: { ...store.getState().view, fixed: ['model'] } });
    await store.getState().startPaperRun();
    expect(store.getState().settings.model).toBe('classifier');
    store.getState().setFeatureView({ count: 256, order: 'index' });
    expect(featureViews).toEqual([{ count: 256, order: 'index' }]);
    store.getState().stopPaperRun();
    store.getState().setFeatureView({ count: 16 });
    expect(featureViews).toHaveLength(1);
  });

  it('the experiment trains the classifier whatever the figures show', async () => {
    const started: StartTrainingRun[] = [];
    const sample = { ...mnist, kind: 'cifar10' as const, name: 'sample' };
    const store = createLabStore(
      testLabDeps({
        dataClient: () => ({ loadBuiltIn: async () => sample }) as unknown as DataClient,
        startTrainingRun: (options) => (started.push(options), idleRunHandle()),
      }),
    );
    store.getState().setSetting('model', 'autoencoder');
    store.getState().setSetting('numTrain', 2);
    store.getState().setSetting('batchSize', 1);
    await store.getState().startRun();
    expect(started[0].configs.every((c) => c.config.model === 'classifier')).toBe(true);
    expect(store.getState().run?.settings.model).toBe('classifier');
  });
});
