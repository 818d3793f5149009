import { describe, expect, it } from 'vitest';
import { defaultSettings } from './settingsSchema.ts';
import { DEFAULT_SWEEP_HIDDEN_SIZES, DEFAULT_SWEEP_KEEP_PROBS, MAX_SWEEP_RUNS } from './sweepGrid.ts';
import { endedJobs } from './sweepState.ts';
import { lab, mnist } from './testing/sweepLab.ts';

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
    expect(s.setSweepList('hiddenSizes', many)?.text).toBe(
      `A sweep is at most ${MAX_SWEEP_RUNS} runs; this grid makes 600 (10 x 60)`,
    );
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
      [20, 0.3, 'running'],
      [20, 0.6, 'running'],
      [20, 1, 'running'],
      [40, 0.3, 'queued'],
      [40, 0.6, 'queued'],
      [40, 1, 'queued'],
    ]);
    const start = workers[0].current()!;
    expect(start).toMatchObject({ configId: 'dropout', dataset: mnist });
    expect(start.config).toMatchObject({
      epochs: 2,
      seed: 7,
      keepProb: 0.3,
      hiddenSize: 20,
      scaling: 'inverted',
      streamMasks: false,
    });

    workers[1].finish();
    sweep = store.getState().sweep!;
    expect(endedJobs(sweep)).toBe(1);
    expect(sweep.jobs.find((j) => j.jobId === 'h20-p0.6')).toMatchObject({
      status: 'finished',
      figures: { bestValAcc: 0.06 + 0.002, bestEpoch: 2, finalTrainAcc: 0.99 },
    });
    expect(sweep.jobs.find((j) => j.hiddenSize === 40 && j.keepProb === 0.3)!.status).toBe('running');

    for (let guard = 0; guard < 20 && live().length > 0; guard++) live()[0].finish();
    sweep = store.getState().sweep!;
    expect(sweep.status).toBe('done');
    expect(endedJobs(sweep)).toBe(6);
    for (const j of sweep.jobs)
      expect(j.figures?.bestValAcc).toBeCloseTo(Math.round(j.keepProb * 100) / 1000 + j.hiddenSize / 10_000, 10);
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
    expect(store.getState().sweepError?.map((m) => m.text)).toEqual([
      'Every run of the sweep failed: diverged at iteration 3',
    ]);
    expect(live()).toHaveLength(0);
  });

  it('invalid experiment settings stop a sweep before any worker starts', async () => {
    const { store, workers } = lab();
    store.setState({ settings: { ...store.getState().settings, batchSize: 1000, numTrain: 500 } });
    await store.getState().startSweep();
    expect(store.getState().sweepError?.map((m) => m.text)).toEqual([
      'Batch size (1000) must not be larger than the training set (500)',
    ]);
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
    expect(workers.map((w) => [w.current()!.config.keepProb, w.current()!.config.hiddenSize])).toEqual([
      [0.2, 200],
      [0.8, 50],
    ]);
    store.getState().stopSweep();

    store.getState().setSweepAxis('numTrain');
    expect(store.getState().setSweepList('trainSizes', '20, 100')).toBeNull();
    await store.getState().startSweep();
    // 20 examples is fewer than the batch of 50; the message says so once, though two runs have it.
    expect(store.getState().sweepError!.map((m) => m.code)).toEqual(['batchTooLarge']);
    expect(store.getState().sweep!.status).toBe('stopped');
  });
});
