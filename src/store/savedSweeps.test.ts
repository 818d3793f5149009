import { describe, expect, it, vi } from 'vitest';
import { createLabStore } from './createLabStore.ts';
import { SavedSweepStorage, savedSweepFrom, sweepCsv, sweepsToJson, validateSavedSweep } from './savedSweeps.ts';
import { defaultSettings } from './settingsSchema.ts';
import { newSweep, sweepFinished, sweepJobEnded } from './sweepState.ts';
import { lab } from './testing/sweepLab.ts';
import { memoryBackend, testLabDeps } from './testing/testLabDeps.ts';

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
    for (let guard = 0; guard < 10 && workers.some((w) => !w.terminated && w.current()); guard++)
      workers.find((w) => !w.terminated)!.finish();
    await vi.waitFor(() => expect(store.getState().savedSweeps).toHaveLength(1));
    const saved = store.getState().savedSweeps[0];
    expect(saved).toMatchObject({
      axis: 'numTrain',
      rows: [100],
      keepProbs: [0.5, 1],
      status: 'done',
      name: 'p × training examples · 2 runs · seed 231 · MNIST',
    });
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
    const sweep = newSweep(
      's1',
      { ...defaultSettings(), dataset: 'mnist' },
      'MNIST',
      { axis: 'fixedPn', keepProbs: [0.5, 1], rows: [50] },
      2,
      0,
    );
    const ended = sweepFinished(
      sweepJobEnded(sweep, 'pn50-p0.5', {
        kind: 'finished',
        summary: {
          outcome: 'finished',
          iterations: 5,
          finalTrainAcc: 0.9,
          finalValAcc: 0.6,
          bestValAcc: 0.65,
          bestEpoch: 3,
          elapsedMs: 1,
          message: null,
        },
      }),
      10,
    );
    const saved = savedSweepFrom(ended, 'my, "sweep"', 20);
    expect(sweepCsv(saved).split('\r\n')).toEqual([
      'sweep,sweep_name,axis,row,keep_prob,hidden_size,num_train,status,final_train_acc,final_val_acc,best_val_acc,best_epoch,train_val_gap',
      `s1,"my, ""sweep""",fixedPn,50,0.5,100,500,finished,0.9,0.6,0.65,3,${0.9 - 0.6}`,
      's1,"my, ""sweep""",fixedPn,50,1,50,500,queued,,,,,',
      '',
    ]);
    const file = JSON.parse(sweepsToJson([saved], new Date(0)));
    expect(file).toMatchObject({
      format: 'dropout-lab-sweeps',
      formatVersion: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(validateSavedSweep(file.sweeps[0])).toEqual(saved);
    expect(validateSavedSweep({ ...file.sweeps[0], rows: [50, 100] })).toBe('jobs has 2 runs, not 2 x 2');
  });
});
