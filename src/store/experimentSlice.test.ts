import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { RawDataset } from '../data/types.ts';
import type { StartTrainingRun, TrainingRunHandle } from '../worker/trainClient.ts';
import { createChecksSlice } from './checksSlice.ts';
import { createExperimentSlice } from './experimentSlice.ts';
import type { LabState } from './labState.ts';
import { services } from './services.ts';

const mnist: RawDataset = {
  kind: 'mnist', name: 'MNIST (built-in)', imageShape: [1, 28, 28], classNames: '0123456789'.split(''),
  train: { images: new Uint8Array(784 * 2), labels: new Uint8Array(2), count: 2 }, test: null,
};

let started: StartTrainingRun[] = [];
let stopped = 0;
let releaseMnist: (() => void) | null = null;

function makeStore() {
  return create<LabState>()((...a) => ({ ...createChecksSlice(...a), ...createExperimentSlice(...a) }) as LabState);
}

beforeEach(() => {
  started = [];
  stopped = 0;
  services.replace({
    dataClient: {
      loadMnist: () => new Promise<RawDataset>((resolve) => (releaseMnist = () => resolve(mnist))),
      loadCifar: () => Promise.reject(new Error('data_batch_1.bin: 100 bytes is not a whole number of 3073-byte records')),
      dispose() {},
    } as never,
    startTrainingRun: (options) => {
      started.push(options);
      const handle: TrainingRunHandle = {
        pause() {}, resume() {}, step() {}, inspect() {}, liveWorkers: () => 2,
        stop: () => void stopped++,
      };
      return handle;
    },
  });
});

async function ready(store: ReturnType<typeof makeStore>) {
  const loading = store.getState().loadMnist();
  releaseMnist!();
  await loading;
}

describe('the experiment slice', () => {
  it.each([
    ['keepProb', 0],
    ['keepProb', 1.5],
    ['keepProb', Number.NaN],
    ['learningRate', 0],
    ['learningRate', -1e-3],
    ['hiddenSize', 0],
    ['hiddenSize', 100_000],
    ['epochs', 0],
    ['seed', Number.NaN],
  ] as const)('refuses %s = %s with a message and keeps the previous value', (key, value) => {
    const store = makeStore();
    const before = store.getState().settings[key];
    expect(store.getState().setSetting(key, value)).toMatch(/must/);
    expect(store.getState().settings[key]).toBe(before);
  });

  it('refuses to start with a batch larger than the training set, saying why', async () => {
    const store = makeStore();
    await ready(store);
    store.getState().setSetting('numTrain', 50);
    await store.getState().startRun();
    expect(store.getState().runError).toMatch(/Batch size \(100\) must not be larger than the training set \(50\)/);
    expect(store.getState().run).toBeNull();
    expect(started).toHaveLength(0);
  });

  it('Train starts two configurations, p = 1 and the chosen p, from one settings object', async () => {
    const store = makeStore();
    await ready(store);
    store.getState().setSetting('keepProb', 0.5);
    await store.getState().startRun();
    expect(started).toHaveLength(1);
    expect(started[0].configs).toEqual([
      expect.objectContaining({ configId: 'baseline', keepProb: 1 }),
      expect.objectContaining({ configId: 'dropout', keepProb: 0.5 }),
    ]);
    expect(store.getState().run?.status).toBe('training');
  });

  it('Train again replaces the run; messages of the old run are ignored', async () => {
    const store = makeStore();
    await ready(store);
    await store.getState().startRun();
    await store.getState().startRun();
    expect(stopped).toBe(1);
    const [first, second] = started;
    first.onMessage({ type: 'progress', runId: first.runId, configId: 'baseline', firstIteration: 1, losses: Float32Array.of(9), epoch: 0, elapsedMs: 1, paused: false });
    second.onMessage({ type: 'progress', runId: second.runId, configId: 'baseline', firstIteration: 1, losses: Float32Array.of(2), epoch: 0, elapsedMs: 1, paused: false });
    await new Promise((r) => setTimeout(r, 150));
    expect(store.getState().run?.runId).toBe(second.runId);
    expect(store.getState().run?.configs[0].lossHistory).toEqual([2]);
  });

  it('Stop while the data is still loading means no run starts', async () => {
    const store = makeStore();
    const starting = store.getState().startRun();
    store.getState().stopRun();
    releaseMnist!();
    await starting;
    expect(started).toHaveLength(0);
    expect(store.getState().run).toBeNull();
  });

  it('a bad CIFAR-10 file leaves the dataset as it was and says what is wrong', async () => {
    const store = makeStore();
    await ready(store);
    await store.getState().loadCifarFiles([{ name: 'data_batch_1.bin' } as File]);
    expect(store.getState().dataset.error).toMatch(/data_batch_1.bin: 100 bytes/);
    expect(store.getState().dataset.cifar).toBeNull();
    expect(store.getState().dataset.mnist).toBe(mnist);
    expect(store.getState().settings.dataset).toBe('mnist');
  });
});
