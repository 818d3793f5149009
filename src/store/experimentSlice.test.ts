import { beforeEach, describe, expect, it } from 'vitest';
import type { DataClient } from '../worker/dataClient.ts';
import type { RawDataset } from '../data/types.ts';
import type { StartTrainingRun, TrainingRunHandle } from '../worker/trainClient.ts';
import { createLabStore } from './createLabStore.ts';
import type { LabDeps } from './labDeps.ts';
import { testLabDeps } from './testing/testLabDeps.ts';

/** Stands in for the default dataset, the built-in CIFAR-10 sample. */
const sample: RawDataset = {
  kind: 'cifar10',
  name: 'CIFAR-10 sample (built-in)',
  imageShape: [3, 2, 2],
  classNames: '0123456789'.split(''),
  train: { images: new Uint8Array(12 * 2), labels: new Uint8Array(2), count: 2 },
  test: null,
};

let started: StartTrainingRun[] = [];
let stopped = 0;
let releaseSample: (() => void) | null = null;
let builtInLoads: string[] = [];

let deps: LabDeps;

function makeStore() {
  return createLabStore(deps);
}

/** Gives the store a data client from here on (the store asks its deps each time). */
const useDataClient = (client: Partial<DataClient>) => (deps.dataClient = () => client as DataClient);

beforeEach(() => {
  started = [];
  stopped = 0;
  builtInLoads = [];
  deps = testLabDeps({
    startTrainingRun: (options) => {
      started.push(options);
      const handle: TrainingRunHandle = {
        pause() {},
        resume() {},
        step() {},
        inspect() {},
        showFeatures() {},
        liveWorkers: () => 2,
        stop: () => void stopped++,
      };
      return handle;
    },
  });
  useDataClient({
    loadBuiltIn: (id) => {
      builtInLoads.push(id);
      return new Promise<RawDataset>((resolve) => (releaseSample = () => resolve(sample)));
    },
    loadCifar: () =>
      Promise.reject(new Error('data_batch_1.bin: 100 bytes is not a whole number of 3073-byte records')),
  });
});

async function ready(store: ReturnType<typeof makeStore>) {
  const loading = store.getState().loadBuiltIn('cifar-sample');
  releaseSample!();
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
    expect(store.getState().setSetting(key, value)?.text).toMatch(/must/);
    expect(store.getState().settings[key]).toBe(before);
  });

  it('refuses to start with a batch larger than the training set, saying why', async () => {
    const store = makeStore();
    await ready(store);
    store.getState().setSetting('numTrain', 50);
    await store.getState().startRun();
    expect(
      store
        .getState()
        .runError?.map((m) => m.text)
        .join('. '),
    ).toMatch(/Batch size \(100\) must not be larger than the training set \(50\)/);
    expect(store.getState().runError?.[0]).toMatchObject({
      code: 'batchTooLarge',
      params: { batch: '100', train: '50' },
    });
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
      { configId: 'baseline', config: expect.objectContaining({ keepProb: 1, streamMasks: false }) },
      { configId: 'dropout', config: expect.objectContaining({ keepProb: 0.5, streamMasks: true }) },
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
    first.onMessage({
      type: 'progress',
      runId: first.runId,
      configId: 'baseline',
      firstIteration: 1,
      losses: Float32Array.of(9),
      epoch: 0,
      elapsedMs: 1,
      paused: false,
    });
    second.onMessage({
      type: 'progress',
      runId: second.runId,
      configId: 'baseline',
      firstIteration: 1,
      losses: Float32Array.of(2),
      epoch: 0,
      elapsedMs: 1,
      paused: false,
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(store.getState().run?.runId).toBe(second.runId);
    expect(store.getState().run?.configs[0].lossHistory).toEqual([2]);
  });

  it('Train during a run: the run thrown away is kept as stopped, marked as replaced, and named apart from the new one', async () => {
    const store = makeStore();
    await ready(store);
    await store.getState().loadSavedRuns();
    const measure = (runId: string) =>
      started
        .find((o) => o.runId === runId)!
        .onMessage({
          type: 'progress',
          runId,
          configId: 'baseline',
          firstIteration: 1,
          losses: Float32Array.of(2),
          epoch: 0,
          elapsedMs: 1,
          paused: false,
        });
    await store.getState().startRun();
    measure(started[0].runId);
    await new Promise((r) => setTimeout(r, 150));
    await store.getState().startRun();
    await new Promise((r) => setTimeout(r, 0));
    const [replaced] = store.getState().savedRuns;
    expect(replaced).toMatchObject({
      id: started[0].runId,
      status: 'stopped',
      replaced: true,
      name: 'p = 0.25 vs 1 · seed 231 · CIFAR-10 sample',
    });
    measure(started[1].runId);
    await new Promise((r) => setTimeout(r, 150));
    store.getState().stopRun();
    await new Promise((r) => setTimeout(r, 0));
    const [second] = store.getState().savedRuns;
    expect(second).toMatchObject({
      id: started[1].runId,
      status: 'stopped',
      name: 'p = 0.25 vs 1 · seed 231 · CIFAR-10 sample · run 2',
    });
    expect(second.replaced).toBeUndefined();
  });

  it('Stop while the data is still loading means no run starts', async () => {
    const store = makeStore();
    const starting = store.getState().startRun();
    store.getState().stopRun();
    releaseSample!();
    await starting;
    expect(started).toHaveLength(0);
    expect(store.getState().run).toBeNull();
  });

  it('a bad CIFAR-10 file leaves the dataset as it was and says what is wrong', async () => {
    const store = makeStore();
    await ready(store);
    await store.getState().loadCifarFiles([{ name: 'data_batch_1.bin' } as File]);
    expect(store.getState().dataset.error?.text).toMatch(/data_batch_1.bin: 100 bytes/);
    expect(store.getState().dataset.loaded.cifar10).toBeUndefined();
    expect(store.getState().dataset.loaded['cifar-sample']).toBe(sample);
    expect(store.getState().settings.dataset).toBe('cifar-sample');
  });

  it('the built-in CIFAR-10 sample is the default: Train fetches it (and nothing else) and trains on it', async () => {
    const store = makeStore();
    expect(store.getState().settings.dataset).toBe('cifar-sample');
    const starting = store.getState().startRun();
    expect(builtInLoads).toEqual(['cifar-sample']);
    expect(store.getState().dataset.loading['cifar-sample']).toMatchObject({
      label: 'CIFAR-10 sample (built-in)',
      cancellable: false,
    });
    releaseSample!();
    await starting;
    expect(store.getState().dataset.loading).toEqual({});
    expect(started).toHaveLength(1);
    expect(started[0].dataset).toBe(sample);
    // Loaded once: a second Train does not fetch it again.
    await store.getState().startRun();
    expect(builtInLoads).toEqual(['cifar-sample']);
  });

  it("reading the user's files shows megabytes read of the total; Cancel stops it and keeps the previous dataset", async () => {
    const store = makeStore();
    await ready(store);
    let signal: AbortSignal | undefined;
    let report: ((p: { fileName: string; bytesRead: number; totalBytes: number | null }) => void) | undefined;
    useDataClient({
      loadBuiltIn: () => Promise.resolve(sample),
      loadCifar: (_files: readonly File[], options: { signal?: AbortSignal; onProgress?: typeof report } = {}) =>
        new Promise<RawDataset>((_resolve, reject) => {
          signal = options.signal;
          report = options.onProgress;
          signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('Loading was cancelled.'), { name: 'AbortError' })),
          );
        }),
    });
    const files = [
      { name: 'a.bin', size: 3_000_000 },
      { name: 'b.bin', size: 1_000_000 },
    ] as File[];
    const loading = store.getState().loadCifarFiles(files);
    expect(store.getState().dataset.loading.cifar10).toEqual({
      label: 'a.bin, b.bin',
      bytesRead: 0,
      totalBytes: 4_000_000,
      cancellable: true,
    });
    report!({ fileName: 'a.bin', bytesRead: 3_000_000, totalBytes: 3_000_000 });
    report!({ fileName: 'b.bin', bytesRead: 500_000, totalBytes: 1_000_000 });
    expect(store.getState().dataset.loading.cifar10?.bytesRead).toBe(3_500_000);
    store.getState().cancelCifarLoad();
    await loading;
    expect(signal?.aborted).toBe(true);
    expect(store.getState().dataset.loading).toEqual({});
    expect(store.getState().dataset.error).toBeNull();
    expect(store.getState().dataset.notice?.text).toBe(
      'Loading was cancelled; CIFAR-10 sample (built-in) stays active.',
    );
    expect(store.getState().settings.dataset).toBe('cifar-sample');
    expect(store.getState().dataset.loaded.cifar10).toBeUndefined();
  });

  it('a built-in dataset that cannot be loaded says so and Train explains why it cannot start', async () => {
    const store = makeStore();
    useDataClient({
      loadBuiltIn: () =>
        Promise.reject(
          new Error('Could not download cifar-10-sample-train.tgz from /data: the server answered 404 Not Found.'),
        ),
    });
    await store.getState().startRun();
    expect(store.getState().dataset.error?.text).toBe(
      'CIFAR-10 sample (built-in) could not be loaded. Could not download cifar-10-sample-train.tgz from /data: the server answered 404 Not Found.',
    );
    expect(store.getState().runError?.[0].text).toMatch(
      /CIFAR-10 sample \(built-in\) could not be loaded; see the message/,
    );
    expect(started).toHaveLength(0);
  });
});
