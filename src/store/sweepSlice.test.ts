import { describe, expect, it, vi } from 'vitest';
import type { RawDataset } from '../data/types.ts';
import { FakeWorker as BaseFakeWorker } from '../worker/testing/fakeWorker.ts';
import type { ConfigSummary, FromTrainWorker } from '../worker/trainProtocol.ts';
import { createLabStore } from './createLabStore.ts';
import { defaultSettings } from './settingsSchema.ts';
import { DEFAULT_SWEEP_HIDDEN_SIZES, DEFAULT_SWEEP_KEEP_PROBS, fixedPnHiddenSize, MAX_SWEEP_RUNS, parseSweepList, sweepGridJobs } from './sweepGrid.ts';
import { endedJobs, newSweep, sweepFinished, sweepJobEnded } from './sweepSlice.ts';
import { SavedSweepStorage, savedSweepFrom, sweepCsv, sweepsToJson, validateSavedSweep } from './savedSweeps.ts';
import { memoryBackend, testLabDeps } from './testing/testLabDeps.ts';
import type { KeyValueBackend } from './savedStorage.ts';

/** A fake worker that can end or fail the job it is on. */
class FakeWorker extends BaseFakeWorker {
  say(data: FromTrainWorker) {
    this.emit('message', { data });
  }
  /** Ends the current job with a best validation accuracy that encodes its p and hidden size, so the test can check where it lands. */
  finish(outcome: ConfigSummary['outcome'] = 'finished') {
    const { runId, config } = this.current()!;
    const bestValAcc = outcome === 'diverged' ? NaN : Math.round(config.keepProb * 100) / 1000 + config.hiddenSize / 10_000;
    this.say({
      type: 'done', runId, configId: 'dropout',
      summary: { outcome, iterations: 10, finalTrainAcc: 0.99, finalValAcc: bestValAcc, bestValAcc, bestEpoch: 2, elapsedMs: 5, message: outcome === 'diverged' ? 'diverged at iteration 3' : null },
    });
  }
  fail(message: string) {
    this.say({ type: 'error', runId: this.current()!.runId, configId: 'dropout', message });
  }
}

const mnist = { kind: 'mnist', name: 'MNIST (test)', imageShape: [1, 1, 1], classNames: ['0'], train: { images: new Uint8Array(1), labels: new Uint8Array(1), count: 1 }, test: null } as RawDataset;

/** A store with fake sweep workers; `backend`: where it keeps its sweeps (another store on it is a reload). */
function lab(cores: number | null = 8, backend?: KeyValueBackend) {
  const workers: FakeWorker[] = [];
  const store = createLabStore(testLabDeps({
    createSweepWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    hardwareConcurrency: () => cores ?? undefined,
    ...(backend ? { savedSweepStorage: () => new SavedSweepStorage(backend) } : {}),
  }));
  store.setState({ settings: { ...store.getState().settings, dataset: 'mnist' }, dataset: { ...store.getState().dataset, loaded: { mnist } } });
  const live = () => workers.filter((w) => !w.terminated);
  return { store, workers, live };
}

describe('sweep lists', () => {
  it('parses, sorts and removes duplicates', () => {
    expect(parseSweepList('keepProbs', ' 0.5, .1,1, 0.5 ,')).toEqual({ values: [0.1, 0.5, 1], problem: null });
    expect(parseSweepList('hiddenSizes', '200,50')).toEqual({ values: [50, 200], problem: null });
  });

  it('says what is wrong, naming the list and the value', () => {
    expect(parseSweepList('keepProbs', '0.1, abc').problem?.text).toBe('Keep probabilities: "abc" is not a number');
    expect(parseSweepList('keepProbs', '0.1, 1.5').problem?.text).toBe('Keep probabilities: 1.5 is not allowed (Keep probability must be at least 0.05 and at most 1)');
    expect(parseSweepList('hiddenSizes', '50, 2.5').problem?.text).toBe('Hidden sizes: 2.5 is not allowed (Hidden size must be a whole number)');
    expect(parseSweepList('hiddenSizes', '50, -3').problem?.text).toBe('Hidden sizes: -3 is not allowed (Hidden size must be at least 1 and at most 4096)');
    expect(parseSweepList('hiddenSizes', ' , ').problem?.text).toBe('Hidden sizes: enter at least one value, separated by commas');
    expect(parseSweepList('hiddenSizes', '0x10').problem?.text).toBe('Hidden sizes: "0x10" is not a number');
  });
});

describe('the sweep slice', () => {
  it('starts with the default grid; a bad list is refused with a message and the last good one kept', () => {
    const { store } = lab();
    const s = store.getState();
    expect(s.sweepLists.keepProbs).toEqual(DEFAULT_SWEEP_KEEP_PROBS);
    expect(s.sweepLists.hiddenSizes).toEqual(DEFAULT_SWEEP_HIDDEN_SIZES);
    expect(s.sweepAxis).toBe('hiddenSize');
    expect(s.setSweepList('keepProbs', '0.2, x')?.text).toBe('Keep probabilities: "x" is not a number');
    expect(store.getState().sweepLists.keepProbs).toEqual(DEFAULT_SWEEP_KEEP_PROBS);
    const many = Array.from({ length: 60 }, (_, i) => i + 1).join(',');
    expect(s.setSweepList('hiddenSizes', many)?.text).toBe(`A sweep is at most ${MAX_SWEEP_RUNS} runs; this grid makes 600 (10 x 60)`);
    expect(store.getState().sweepLists.hiddenSizes).toEqual(DEFAULT_SWEEP_HIDDEN_SIZES);
    expect(s.setSweepList('hiddenSizes', '20, 10')).toBeNull();
    expect(store.getState().sweepLists.hiddenSizes).toEqual([10, 20]);
  });

  it('runs every job of a 3 x 2 grid on min(cores, 4) workers with the experiment settings, filling results as they end', async () => {
    const { store, workers, live } = lab(3);
    store.getState().setSetting('epochs', 2);
    store.getState().setSetting('seed', 7);
    store.getState().setSweepList('keepProbs', '0.3, 0.6, 1');
    store.getState().setSweepList('hiddenSizes', '20, 40');
    await store.getState().startSweep();
    let sweep = store.getState().sweep!;
    expect(sweep.status).toBe('running');
    expect(sweep.workers).toBe(3);
    expect(workers).toHaveLength(3);
    expect(sweep.jobs.map((j) => [j.hiddenSize, j.keepProb, j.status])).toEqual([
      [20, 0.3, 'running'], [20, 0.6, 'running'], [20, 1, 'running'], [40, 0.3, 'queued'], [40, 0.6, 'queued'], [40, 1, 'queued'],
    ]);
    const start = workers[0].current()!;
    expect(start).toMatchObject({ configId: 'dropout', dataset: mnist });
    expect(start.config).toMatchObject({ epochs: 2, seed: 7, keepProb: 0.3, hiddenSize: 20, scaling: 'inverted', streamMasks: false });

    workers[1].finish();
    sweep = store.getState().sweep!;
    expect(endedJobs(sweep)).toBe(1);
    expect(sweep.jobs.find((j) => j.jobId === 'h20-p0.6')).toMatchObject({ status: 'finished', figures: { bestValAcc: 0.06 + 0.002, bestEpoch: 2, finalTrainAcc: 0.99 } });
    expect(sweep.jobs.find((j) => j.hiddenSize === 40 && j.keepProb === 0.3)!.status).toBe('running');

    for (let guard = 0; guard < 20 && live().length > 0; guard++) live()[0].finish();
    sweep = store.getState().sweep!;
    expect(sweep.status).toBe('done');
    expect(endedJobs(sweep)).toBe(6);
    for (const j of sweep.jobs) expect(j.figures?.bestValAcc).toBeCloseTo(Math.round(j.keepProb * 100) / 1000 + j.hiddenSize / 10_000, 10);
    expect(live()).toHaveLength(0);
  });

  it('Stop ends every worker; finished runs keep their figures, the rest are marked stopped', async () => {
    const { store, workers, live } = lab(2);
    await store.getState().startSweep();
    expect(store.getState().sweep!.jobs).toHaveLength(40);
    workers[0].finish();
    store.getState().stopSweep();
    const sweep = store.getState().sweep!;
    expect(live()).toHaveLength(0);
    expect(sweep.status).toBe('stopped');
    expect(sweep.jobs.filter((j) => j.status === 'finished')).toHaveLength(1);
    expect(sweep.jobs.filter((j) => j.status === 'stopped')).toHaveLength(39);
    // A worker that still says something after Stop changes nothing.
    workers[1].terminated = false;
    workers[1].finish();
    expect(store.getState().sweep).toBe(sweep);
  });

  it('a new sweep replaces a running one: its workers end and its late messages are dropped', async () => {
    const { store, workers, live } = lab(1);
    store.getState().setSweepList('keepProbs', '0.5');
    store.getState().setSweepList('hiddenSizes', '10');
    await store.getState().startSweep();
    const first = workers[0];
    await store.getState().startSweep();
    expect(first.terminated).toBe(true);
    expect(live()).toHaveLength(1);
    const second = store.getState().sweep!;
    expect(second.jobs[0].status).toBe('running');
    first.terminated = false;
    first.finish();
    expect(store.getState().sweep).toBe(second);
    workers[1].finish();
    expect(store.getState().sweep!.status).toBe('done');
  });

  it('diverged and failed runs are marked; a sweep where every run failed says so', async () => {
    const { store, workers, live } = lab(1);
    store.getState().setSweepList('keepProbs', '0.5, 1');
    store.getState().setSweepList('hiddenSizes', '10');
    await store.getState().startSweep();
    workers[0].finish('diverged');
    workers[0].fail('out of memory');
    const sweep = store.getState().sweep!;
    expect(sweep.jobs.map((j) => [j.status, j.figures?.bestValAcc ?? null, j.message])).toEqual([
      ['diverged', null, 'diverged at iteration 3'],
      ['failed', null, 'out of memory'],
    ]);
    expect(sweep.status).toBe('failed');
    expect(store.getState().sweepError?.map((m) => m.text)).toEqual(['Every run of the sweep failed: diverged at iteration 3']);
    expect(live()).toHaveLength(0);
  });

  it('invalid experiment settings stop a sweep before any worker starts', async () => {
    const { store, workers } = lab();
    store.setState({ settings: { ...store.getState().settings, batchSize: 1000, numTrain: 500 } });
    await store.getState().startSweep();
    expect(store.getState().sweepError?.map((m) => m.text)).toEqual(['Batch size (1000) must not be larger than the training set (500)']);
    expect(store.getState().sweep).toBeNull();
    expect(workers).toHaveLength(0);
  });

  it('uses one worker when the browser does not say how many cores it has', async () => {
    const { store, workers } = lab(null);
    await store.getState().startSweep();
    expect(workers).toHaveLength(1);
    expect(store.getState().sweep!.workers).toBe(1);
    store.getState().stopSweep();
  });

  it('keeps the settings it started with when the experiment settings change', async () => {
    const { store } = lab();
    await store.getState().startSweep();
    store.getState().setSetting('epochs', 3);
    expect(store.getState().sweep!.settings).toEqual({ ...defaultSettings(), dataset: 'mnist' });
    store.getState().stopSweep();
  });
});

describe('sweep axes (the dropout paper, sections 7.3-7.4)', () => {
  it('fixed p·n: each p trains the hidden size round(p·n / p), at least 1', () => {
    expect(fixedPnHiddenSize(50, 0.1)).toBe(500);
    expect(fixedPnHiddenSize(50, 0.3)).toBe(167); // 166.67
    expect(fixedPnHiddenSize(125, 0.4)).toBe(313); // 312.5 rounds half up
    expect(fixedPnHiddenSize(50, 1)).toBe(50);
    expect(fixedPnHiddenSize(1, 1)).toBe(1);
    const jobs = sweepGridJobs('fixedPn', [0.25, 0.5, 1], [50], { hiddenSize: 500, numTrain: 300 });
    expect(jobs.map((j) => [j.row, j.keepProb, j.hiddenSize, j.numTrain, j.jobId])).toEqual([
      [50, 0.25, 200, 300, 'pn50-p0.25'], [50, 0.5, 100, 300, 'pn50-p0.5'], [50, 1, 50, 300, 'pn50-p1'],
    ]);
    // p·n is the expected number of kept units: p times the hidden size, up to rounding.
    for (const j of sweepGridJobs('fixedPn', DEFAULT_SWEEP_KEEP_PROBS, [50, 125], { hiddenSize: 500, numTrain: 500 })) {
      expect(Math.abs(j.keepProb * j.hiddenSize - j.row)).toBeLessThanOrEqual(j.keepProb / 2 + 1e-9);
    }
  });

  it('training examples: each row trains the experiment\'s hidden size on that many examples', () => {
    const jobs = sweepGridJobs('numTrain', [0.5, 1], [100, 250], { hiddenSize: 64, numTrain: 500 });
    expect(jobs.map((j) => [j.row, j.keepProb, j.hiddenSize, j.numTrain])).toEqual([[100, 0.5, 64, 100], [100, 1, 64, 100], [250, 0.5, 64, 250], [250, 1, 64, 250]]);
  });

  it('a fixed p·n sweep starts its workers with the derived sizes; a grid whose runs are not allowed is refused with each reason once', async () => {
    const { store, workers } = lab(2);
    store.getState().setSetting('batchSize', 50);
    store.getState().setSweepAxis('fixedPn');
    expect(store.getState().setSweepList('keptUnits', '40')).toBeNull();
    expect(store.getState().setSweepList('keepProbs', '0.2, 0.8')).toBeNull();
    await store.getState().startSweep();
    const sweep = store.getState().sweep!;
    expect(sweep.axis).toBe('fixedPn');
    expect(sweep.rows).toEqual([40]);
    expect(workers.map((w) => [w.current()!.config.keepProb, w.current()!.config.hiddenSize])).toEqual([[0.2, 200], [0.8, 50]]);
    store.getState().stopSweep();

    store.getState().setSweepAxis('numTrain');
    expect(store.getState().setSweepList('trainSizes', '20, 100')).toBeNull();
    await store.getState().startSweep();
    // 20 examples is fewer than the batch of 50; the message says so once, though two runs have it.
    expect(store.getState().sweepError!.map((m) => m.code)).toEqual(['batchTooLarge']);
    expect(store.getState().sweep!.status).toBe('stopped');
  });
});

describe('saved sweeps', () => {
  it('a running sweep is written as a stopped copy as each run ends, not listed until it ends; a reload keeps it as stopped', async () => {
    const backend = memoryBackend();
    const { store, workers } = lab(1, backend);
    await store.getState().loadSavedSweeps();
    store.getState().setSweepList('keepProbs', '0.5, 1');
    store.getState().setSweepList('hiddenSizes', '20');
    await store.getState().startSweep();
    workers[0].finish();
    await vi.waitFor(() => expect(backend.data.size).toBe(1));
    expect(store.getState().sweep!.status).toBe('running');
    expect(store.getState().savedSweeps).toEqual([]);

    const reloaded = createLabStore(testLabDeps({ savedSweepStorage: () => new SavedSweepStorage(backend) }));
    await reloaded.getState().loadSavedSweeps();
    const [copy] = reloaded.getState().savedSweeps;
    expect(copy.status).toBe('stopped');
    expect(copy.jobs.map((j) => j.status)).toEqual(['finished', 'stopped']);
  });

  it('a sweep that ends is kept (listed, reopened, deleted), and reads back from storage as it was', async () => {
    const backend = memoryBackend();
    const { store, workers } = lab(2, backend);
    await store.getState().loadSavedSweeps();
    store.getState().setSweepAxis('numTrain');
    store.getState().setSweepList('keepProbs', '0.5, 1');
    store.getState().setSweepList('trainSizes', '100');
    await store.getState().startSweep();
    for (let guard = 0; guard < 10 && workers.some((w) => !w.terminated && w.current()); guard++) workers.find((w) => !w.terminated)!.finish();
    await vi.waitFor(() => expect(store.getState().savedSweeps).toHaveLength(1));
    const saved = store.getState().savedSweeps[0];
    expect(saved).toMatchObject({ axis: 'numTrain', rows: [100], keepProbs: [0.5, 1], status: 'done', name: 'p × training examples · 2 runs · seed 231 · MNIST' });
    expect(saved.jobs.map((j) => j.figures?.bestValAcc)).toEqual([0.05 + 0.05, 0.1 + 0.05]);
    expect(backend.data.size).toBe(1);

    // Another page reads it back, validated, and opens it in the Sweep cell.
    const later = createLabStore(testLabDeps({ savedSweepStorage: () => new SavedSweepStorage(backend) }));
    await later.getState().loadSavedSweeps();
    expect(later.getState().savedSweeps).toEqual([saved]);
    later.getState().openSavedSweep(saved.id);
    expect(later.getState().sweep).toMatchObject({ sweepId: saved.id, axis: 'numTrain', status: 'done' });
    expect(later.getState().sweep!.jobs).toEqual(saved.jobs);
    await later.getState().deleteSavedSweep(saved.id);
    expect(later.getState().savedSweeps).toEqual([]);
    expect(backend.data.size).toBe(0);

    // A damaged record is left out and said so.
    backend.data.set('bad', { id: 'bad', name: 'x' });
    const third = createLabStore(testLabDeps({ savedSweepStorage: () => new SavedSweepStorage(backend) }));
    await third.getState().loadSavedSweeps();
    expect(third.getState().sweepStorageProblem?.text).toBe('1 saved sweep was unreadable and left out.');
  });

  it('exports a sweep as CSV (one row per run) and JSON', () => {
    const sweep = newSweep('s1', { ...defaultSettings(), dataset: 'mnist' }, 'MNIST', { axis: 'fixedPn', keepProbs: [0.5, 1], rows: [50] }, 2, 0);
    const ended = sweepFinished(sweepJobEnded(sweep, 'pn50-p0.5', {
      kind: 'finished', summary: { outcome: 'finished', iterations: 5, finalTrainAcc: 0.9, finalValAcc: 0.6, bestValAcc: 0.65, bestEpoch: 3, elapsedMs: 1, message: null },
    }), 10);
    const saved = savedSweepFrom(ended, 'my, "sweep"', 20);
    expect(sweepCsv(saved).split('\r\n')).toEqual([
      'sweep,sweep_name,axis,row,keep_prob,hidden_size,num_train,status,final_train_acc,final_val_acc,best_val_acc,best_epoch,train_val_gap',
      `s1,"my, ""sweep""",fixedPn,50,0.5,100,500,finished,0.9,0.6,0.65,3,${0.9 - 0.6}`,
      's1,"my, ""sweep""",fixedPn,50,1,50,500,queued,,,,,',
      '',
    ]);
    const file = JSON.parse(sweepsToJson([saved], new Date(0)));
    expect(file).toMatchObject({ format: 'dropout-lab-sweeps', formatVersion: 1, exportedAt: '1970-01-01T00:00:00.000Z' });
    expect(validateSavedSweep(file.sweeps[0])).toEqual(saved);
    expect(validateSavedSweep({ ...file.sweeps[0], rows: [50, 100] })).toBe('jobs has 2 runs, not 2 x 2');
  });
});
