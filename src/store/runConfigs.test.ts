import { describe, expect, it } from 'vitest';
import type { RawDataset } from '../data/types.ts';
import type { StartTrainingRun } from '../worker/trainClient.ts';
import { createLabStore } from './createLabStore.ts';
import { newRun, runConfigs } from './runState.ts';
import { idleRunHandle, testLabDeps } from './testing/testLabDeps.ts';
import { defaultSettings } from './settingsSchema.ts';

const settings = (patch: Partial<ReturnType<typeof defaultSettings>> = {}) => ({
  ...defaultSettings(),
  keepProb: 0.25,
  ...patch,
});
const plan = (s: ReturnType<typeof settings>) => runConfigs(s).map((c) => [c.configId, c.keepProb, c.scaling, c.label]);

describe('the configurations of a run (assignment question 1)', () => {
  it('inverted dropout: p = 1 and the chosen p, as before', () => {
    expect(plan(settings())).toEqual([
      ['baseline', 1, 'inverted', 'p = 1 (no dropout)'],
      ['dropout', 0.25, 'inverted', 'p = 0.25'],
    ]);
  });

  it('no scaling: a third configuration trains the same p with inverted dropout', () => {
    expect(plan(settings({ scaling: 'none' }))).toEqual([
      ['baseline', 1, 'inverted', 'p = 1 (no dropout)'],
      ['dropout', 0.25, 'none', 'p = 0.25 (no scaling)'],
      ['inverted', 0.25, 'inverted', 'p = 0.25 (inverted)'],
    ]);
  });

  it('vanilla dropout gets the same third configuration', () => {
    expect(plan(settings({ scaling: 'vanilla', keepProb: 0.5 })).map((c) => c[3])).toEqual([
      'p = 1 (no dropout)',
      'p = 0.5 (vanilla)',
      'p = 0.5 (inverted)',
    ]);
  });

  it('at p = 1 scaling changes nothing, so there is no third configuration', () => {
    expect(plan(settings({ scaling: 'none', keepProb: 1 })).map((c) => c[0])).toEqual(['baseline', 'dropout']);
  });

  it('a new run lists the same configurations, with their labels', () => {
    const run = newRun('r', settings({ scaling: 'none' }), 'MNIST', 0);
    expect(run.configs.map((c) => [c.configId, c.keepProb, c.label, c.status])).toEqual([
      ['baseline', 1, 'p = 1 (no dropout)', 'starting'],
      ['dropout', 0.25, 'p = 0.25 (no scaling)', 'starting'],
      ['inverted', 0.25, 'p = 0.25 (inverted)', 'starting'],
    ]);
  });
});

describe('Train with "No scaling" (store)', () => {
  it('starts three workers, each with its own scaling', async () => {
    const started: StartTrainingRun[] = [];
    const lab = createLabStore(
      testLabDeps({ startTrainingRun: (options) => (started.push(options), idleRunHandle()) }),
    );
    const mnist = {
      kind: 'mnist',
      name: 'tiny',
      imageShape: [1, 1, 1],
      classNames: ['0'],
      train: { images: new Uint8Array(1), labels: new Uint8Array(1), count: 1 },
      test: null,
    } as RawDataset;
    lab.setState({
      settings: { ...lab.getState().settings, dataset: 'mnist' },
      dataset: { ...lab.getState().dataset, loaded: { mnist } },
    });
    expect(lab.getState().setSetting('scaling', 'none')).toBeNull();
    await lab.getState().startRun();
    expect(started).toHaveLength(1);
    expect(
      started[0].configs.map(({ configId, config: { keepProb, scaling, streamMasks } }) => ({
        configId,
        keepProb,
        scaling,
        streamMasks,
      })),
    ).toEqual([
      { configId: 'baseline', keepProb: 1, scaling: 'inverted', streamMasks: false },
      { configId: 'dropout', keepProb: 0.25, scaling: 'none', streamMasks: true },
      { configId: 'inverted', keepProb: 0.25, scaling: 'inverted', streamMasks: false },
    ]);
    // Each worker gets the experiment's settings, and nothing of the UI's beyond them.
    expect(Object.keys(started[0].configs[0].config).sort()).toEqual([
      'batchSize',
      'epochs',
      'hiddenLayers',
      'hiddenSize',
      'insight',
      'keepProb',
      'kernels',
      'learningRate',
      'model',
      'numTrain',
      'scaling',
      'seed',
      'streamMasks',
      'updateRule',
      'weightScale',
    ]);
    expect(lab.getState().run?.configs.map((c) => c.label)).toEqual([
      'p = 1 (no dropout)',
      'p = 0.25 (no scaling)',
      'p = 0.25 (inverted)',
    ]);
    lab.getState().stopRun();
  });
});
