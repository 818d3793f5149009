import { describe, expect, it } from 'vitest';
import type { ConfigId, FromTrainWorker } from '../worker/trainProtocol.ts';
import { createLabStore } from './createLabStore.ts';
import { parseRunsJson, runsToJson } from './runExport.ts';
import { applyTrainMessages, newRun, stopRun, type RunState } from './runState.ts';
import {
  SavedRunStorage,
  defaultRunName,
  nextNameOrdinal,
  runStateOf,
  savedRunFrom,
  savedRunName,
  type KeyValueBackend,
} from './savedRuns.ts';
import { defaultSettings, type RunSettings } from './settingsSchema.ts';
import { memoryBackend, testLabDeps } from './testing/testLabDeps.ts';

const settings: RunSettings = { ...defaultSettings(), epochs: 2, numTrain: 40, batchSize: 20, seed: 7, keepProb: 0.5 };

/** A run as the reducer builds it from streamed messages: 4 iterations and 3 checks per configuration. */
function endedRun(runId: string, endedAt: number, accuracy = 0.5): RunState {
  const messages: FromTrainWorker[] = (['baseline', 'dropout'] as ConfigId[]).flatMap(
    (configId, k): FromTrainWorker[] => [
      {
        type: 'ready',
        runId,
        configId,
        numIterations: 4,
        iterationsPerEpoch: 2,
        numTrain: 40,
        numVal: 1000,
        kernel: 'plain',
      },
      {
        type: 'progress',
        runId,
        configId,
        firstIteration: 1,
        losses: Float32Array.of(2.3, 2.1, 1.9, 1.7 + k),
        epoch: 2,
        elapsedMs: 9,
        paused: false,
      },
      ...[0, 1, 2].map((epoch): FromTrainWorker => ({
        type: 'check',
        runId,
        configId,
        check: {
          iteration: Math.max(1, epoch * 2),
          epoch,
          trainAcc: accuracy + 0.1 * epoch,
          valAcc: accuracy + 0.05 * epoch - 0.01 * k,
        },
      })),
      {
        type: 'done',
        runId,
        configId,
        summary: {
          outcome: 'finished',
          iterations: 4,
          finalTrainAcc: accuracy + 0.2,
          finalValAcc: accuracy + 0.1,
          bestValAcc: accuracy + 0.1,
          bestEpoch: 2,
          elapsedMs: 9,
          message: null,
        },
      },
    ],
  );
  return applyTrainMessages(
    newRun(runId, settings, 'MNIST (built-in, 10,000 digits)', endedAt - 100),
    messages,
    endedAt,
  );
}

/** A store like the app's, its runs kept on a storage of the test's choosing. */
function labWith(backend: KeyValueBackend | null) {
  return createLabStore(testLabDeps({ savedRunStorage: () => new SavedRunStorage(backend) }));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('saved-run storage', () => {
  it('keeps runs newest first, survives a new page (a new storage on the same database), and deletes', async () => {
    const backend = memoryBackend();
    const storage = new SavedRunStorage(backend);
    await storage.load();
    await storage.put(savedRunFrom(endedRun('old', 1_000), 'old', 1_000));
    await storage.put(savedRunFrom(endedRun('new', 2_000), 'new', 2_000));
    expect(storage.list().map((r) => r.id)).toEqual(['new', 'old']);

    const afterReload = new SavedRunStorage(backend);
    expect(await afterReload.load()).toEqual({ problem: null });
    expect(afterReload.list()).toEqual(storage.list());
    await afterReload.remove('new');
    expect(backend.data.has('new')).toBe(false);
    expect(afterReload.list().map((r) => r.id)).toEqual(['old']);
  });

  it('skips stored records that do not validate, and says how many', async () => {
    const backend = memoryBackend();
    backend.data.set('junk', { id: 'junk', name: 'from an old version' });
    backend.data.set('ok', savedRunFrom(endedRun('ok', 5), 'ok', 5));
    const storage = new SavedRunStorage(backend);
    expect((await storage.load()).problem).toBe('1 saved run was unreadable and left out.');
    expect(storage.list().map((r) => r.id)).toEqual(['ok']);
  });

  it('when the storage is full the run stays in memory, the problem is named, and a later write retries it', async () => {
    const backend = memoryBackend();
    const storage = new SavedRunStorage(backend);
    await storage.load();
    backend.fail = 'quota';
    const result = await storage.put(savedRunFrom(endedRun('r1', 10), 'r1', 10));
    expect(result.problem).toMatch(/^Could not save a run in the browser: the browser storage is full\./);
    expect(storage.list().map((r) => r.id)).toEqual(['r1']);
    expect(backend.data.size).toBe(0);
    backend.fail = null;
    expect(await storage.put(savedRunFrom(endedRun('r2', 20), 'r2', 20))).toEqual({ problem: null });
    expect([...backend.data.keys()].sort()).toEqual(['r1', 'r2']);
  });

  it('without IndexedDB, or when it cannot be read, it says so and works in memory', async () => {
    const none = new SavedRunStorage(null);
    expect(none.persistent).toBe(false);
    expect(none.problem).toMatch(/no storage \(IndexedDB\): saved runs are kept only until the page is reloaded/);
    await none.put(savedRunFrom(endedRun('m', 1), 'm', 1));
    expect(none.list()).toHaveLength(1);

    const backend = memoryBackend();
    backend.fail = 'broken';
    const broken = new SavedRunStorage(backend);
    expect((await broken.load()).problem).toMatch(
      /^Saved runs cannot be read: the browser storage refused it \(the database connection is closing\)/,
    );
    backend.fail = null;
    await broken.put(savedRunFrom(endedRun('m', 1), 'm', 1));
    expect(broken.list()).toHaveLength(1);
    expect(backend.data.size).toBe(0);
  });
});

describe('the names the app makes for runs', () => {
  it("say p, every setting that differs from its default, the seed and the dataset, in the page's language", () => {
    expect(defaultRunName(defaultSettings())).toBe('p = 0.25 vs 1 · seed 231 · CIFAR-10 sample');
    const short = { ...defaultSettings(), epochs: 10 };
    expect(defaultRunName(short)).toBe('p = 0.25 vs 1 · 10 epochs · seed 231 · CIFAR-10 sample');
    expect(defaultRunName(short, 'zh-CN')).toBe('p = 0.25 对比 1 · 10 轮 · 随机种子 231 · CIFAR-10 样本');
    expect(defaultRunName(settings)).toBe(
      'p = 0.5 vs 1 · 40 examples · 2 epochs · batch 20 · seed 7 · CIFAR-10 sample',
    );
    expect(
      defaultRunName(
        { ...defaultSettings(), hiddenSize: 50, scaling: 'none', updateRule: 'sgd', kernels: 'fast', dataset: 'mnist' },
        'en',
        3,
      ),
    ).toBe('p = 0.25 vs 1 · 50 hidden · SGD · no scaling · Fast · seed 231 · MNIST · run 3');
    expect(defaultRunName(defaultSettings(), 'zh-CN', 2)).toBe(
      'p = 0.25 对比 1 · 随机种子 231 · CIFAR-10 样本 · 第 2 次',
    );
  });

  it("a made name follows the page's language; a run saved before names were remade keeps its name and still reads", async () => {
    const made = {
      ...savedRunFrom(endedRun('a', 1_000), 'p = 0.5 vs 1 · seed 7 · CIFAR-10 sample', 1_000),
      autoName: { ordinal: 1 },
    };
    expect(savedRunName(made, 'zh-CN')).toBe(defaultRunName(settings, 'zh-CN'));
    expect(savedRunName(made, 'en')).toBe(defaultRunName(settings, 'en'));
    // Written by the app before this change: no autoName, a name in English.
    const { autoName: _none, ...old } = made;
    const backend = memoryBackend();
    backend.data.set('old', {
      ...old,
      id: 'old',
      name: 'p = 0.25 vs 1 · seed 231 · CIFAR-10 sample',
      settings: defaultSettings(),
      seed: 231,
    });
    const storage = new SavedRunStorage(backend);
    expect(await storage.load()).toEqual({ problem: null });
    const [read] = storage.list();
    // The name that version made is said in the page's language; one its owner gave is not touched.
    expect(savedRunName(read, 'zh-CN')).toBe('p = 0.25 对比 1 · 随机种子 231 · CIFAR-10 样本');
    expect(savedRunName(read, 'en')).toBe('p = 0.25 vs 1 · seed 231 · CIFAR-10 sample');
    expect(savedRunName({ ...read, name: 'Dropout helps' }, 'zh-CN')).toBe('Dropout helps');
    // An earlier made name of a run with other settings (10 epochs: the name did not say so) follows the language too.
    expect(savedRunName({ ...read, settings: { ...read.settings, epochs: 10 } }, 'zh-CN')).toBe(
      'p = 0.25 对比 1 · 随机种子 231 · CIFAR-10 样本',
    );
    // A new run with the same settings is numbered after it, so the two do not share a name.
    expect(nextNameOrdinal(defaultSettings(), storage.list())).toBe(2);
    expect(nextNameOrdinal({ ...defaultSettings(), epochs: 10 }, storage.list())).toBe(1);
  });

  it('the marks survive a run file: made name and replaced', () => {
    const run = {
      ...savedRunFrom({ ...endedRun('a', 1_000), status: 'stopped', replaced: true }, 'x', 1_000),
      autoName: { ordinal: 2 },
    };
    expect(run.replaced).toBe(true);
    const [back] = parseRunsJson(runsToJson([run], new Date(0))).runs!;
    expect(back).toMatchObject({ autoName: { ordinal: 2 }, replaced: true });
    expect(runStateOf(back).replaced).toBe(true);
  });
});

describe('the saved-runs slice', () => {
  it('saves a run once when it ends, with its settings, seed, dataset, histories, figures and date', async () => {
    const backend = memoryBackend();
    const lab = labWith(backend);
    await lab.getState().loadSavedRuns();
    const ended = endedRun('run-1', 5_000);
    lab.setState({ run: newRun('run-1', settings, ended.datasetName, 4_900) });
    await settle();
    expect(lab.getState().savedRuns).toEqual([]);
    lab.setState({ run: ended });
    await settle();
    const [saved] = lab.getState().savedRuns;
    expect(saved).toMatchObject({
      id: 'run-1',
      name: defaultRunName(settings),
      savedAt: 5_000,
      seed: 7,
      datasetName: ended.datasetName,
      status: 'done',
    });
    expect(saved.settings).toEqual(settings);
    expect(saved.configs.map((c) => c.lossHistory)).toEqual(ended.configs.map((c) => c.lossHistory));
    expect(saved.figures.map((f) => [f.configId, f.bestValAcc, f.bestEpoch])).toEqual([
      ['baseline', 0.6, 2],
      ['dropout', 0.59, 2],
    ]);
    expect(backend.data.has('run-1')).toBe(true);
    // Later changes to the same run (or re-showing it) do not save it again.
    lab.setState({ run: { ...ended } });
    await settle();
    expect(lab.getState().savedRuns).toHaveLength(1);
  });

  it('saves a stopped run with what it measured; a run that measured nothing is not kept', async () => {
    const lab = labWith(memoryBackend());
    const started = newRun('empty', settings, 'MNIST', 1);
    lab.setState({ run: started });
    lab.setState({ run: stopRun(started, 2) });
    const stopped = stopRun(
      applyTrainMessages(
        newRun('half', settings, 'MNIST', 3),
        [
          {
            type: 'progress',
            runId: 'half',
            configId: 'dropout',
            firstIteration: 1,
            losses: Float32Array.of(2.2),
            epoch: 0,
            elapsedMs: 1,
            paused: false,
          },
        ],
        4,
      ),
      5,
    );
    lab.setState({ run: stopped });
    await settle();
    expect(lab.getState().savedRuns.map((r) => [r.id, r.status])).toEqual([['half', 'stopped']]);
  });

  it('opens a saved run in the experiment cell with its settings, without starting anything, and does not save it again', async () => {
    const backend = memoryBackend();
    const first = labWith(backend);
    first.setState({ run: endedRun('run-1', 5_000) });
    await settle();
    // A new page: the run comes back from the storage.
    const lab = labWith(backend);
    await lab.getState().loadSavedRuns();
    expect(lab.getState().run).toBeNull();
    lab.getState().openSavedRun('run-1');
    const { run, mask, settings: shown } = lab.getState();
    expect(run).toEqual(runStateOf(lab.getState().savedRuns[0]));
    expect(run!.configs[1].checks).toHaveLength(3);
    expect(mask).toBeNull();
    expect(shown).toEqual(settings);
    await settle();
    expect(backend.data.size).toBe(1);
    // A run in progress is not replaced.
    lab.setState({ run: newRun('live', settings, 'MNIST', 1) });
    lab.getState().openSavedRun('run-1');
    expect(lab.getState().run!.runId).toBe('live');
  });

  it('renames (refusing empty names), deletes, and picks runs to compare', async () => {
    const backend = memoryBackend();
    const lab = labWith(backend);
    lab.setState({ run: endedRun('a', 1_000) });
    lab.setState({ run: endedRun('b', 2_000) });
    await settle();
    const s = () => lab.getState();
    expect((await s().renameSavedRun('a', '   '))?.text).toBe('A run needs a name.');
    expect(await s().renameSavedRun('a', '  Dropout helps  ')).toBeNull();
    // The second run with the same settings is numbered; a renamed run's name is its own, in every language.
    expect(s().savedRuns.map((r) => r.name)).toEqual([defaultRunName(settings, 'en', 2), 'Dropout helps']);
    expect(s().savedRuns.map((r) => r.autoName)).toEqual([{ ordinal: 2 }, undefined]);
    expect(savedRunName(s().savedRuns[1], 'zh-CN')).toBe('Dropout helps');
    expect((backend.data.get('a') as { name: string }).name).toBe('Dropout helps');
    s().toggleCompare('a');
    s().toggleCompare('b');
    expect(s().compareIds).toEqual(['a', 'b']);
    s().toggleCompare('a');
    expect(s().compareIds).toEqual(['b']);
    await s().deleteSavedRun('b');
    expect(s().compareIds).toEqual([]);
    expect(s().savedRuns.map((r) => r.id)).toEqual(['a']);
    expect(backend.data.has('b')).toBe(false);
  });

  it('imports a run file (saving and opening its run); a wrong file changes nothing and says why', async () => {
    const source = labWith(memoryBackend());
    source.setState({ run: endedRun('exported', 3_000, 0.7) });
    await settle();
    const text = runsToJson(source.getState().savedRuns, new Date(0));

    const backend = memoryBackend();
    const lab = labWith(backend);
    await lab.getState().loadSavedRuns();
    const before = lab.getState();
    expect(await lab.getState().importRunFile('{"hello": 1}', 'notes.json')).toBeNull();
    const after = lab.getState();
    expect(after.importError?.text).toMatch(/^notes.json: This is not a Dropout Lab run file.*Nothing was imported\.$/);
    expect([after.savedRuns, after.run, after.settings]).toEqual([before.savedRuns, before.run, before.settings]);
    expect(backend.data.size).toBe(0);

    expect(await lab.getState().importRunFile(text, 'run.json')).toEqual({ runs: 1, added: 1, shown: true });
    expect(lab.getState().importError).toBeNull();
    expect(lab.getState().savedRuns).toEqual(parseRunsJson(text).runs);
    expect(lab.getState().run!.runId).toBe('exported');
    expect(backend.data.has('exported')).toBe(true);
    // The same file again adds nothing, and says so.
    expect(await lab.getState().importRunFile(text, 'run.json')).toEqual({ runs: 1, added: 0, shown: true });
  });

  it('a run that is going is written as a stopped copy now and then, not listed until it ends; after a reload it is kept as stopped', async () => {
    const backend = memoryBackend();
    const lab = labWith(backend);
    await lab.getState().loadSavedRuns();
    // The run so far: its first two iterations and check, as the workers stream them.
    const going = applyTrainMessages(
      newRun('live', settings, 'MNIST (built-in, 10,000 digits)', 0),
      (['baseline', 'dropout'] as ConfigId[]).flatMap((configId): FromTrainWorker[] => [
        {
          type: 'ready',
          runId: 'live',
          configId,
          numIterations: 4,
          iterationsPerEpoch: 2,
          numTrain: 40,
          numVal: 1000,
          kernel: 'plain',
        },
        {
          type: 'progress',
          runId: 'live',
          configId,
          firstIteration: 1,
          losses: Float32Array.of(2.3, 2.1),
          epoch: 1,
          elapsedMs: 5,
          paused: false,
        },
        { type: 'check', runId: 'live', configId, check: { iteration: 1, epoch: 0, trainAcc: 0.2, valAcc: 0.15 } },
      ]),
      50,
    );
    lab.setState({ run: going });
    await settle();
    const copy = backend.data.get('live') as { status: string; configs: { lossHistory: number[] }[] };
    expect(copy.status).toBe('stopped');
    expect(copy.configs.map((c) => c.lossHistory.length)).toEqual([2, 2]);
    expect(lab.getState().savedRuns).toEqual([]);

    // A new page on the same storage (a reload): the run is there, stopped, with what it had measured.
    const reloaded = labWith(backend);
    await reloaded.getState().loadSavedRuns();
    expect(reloaded.getState().savedRuns.map((r) => [r.id, r.status])).toEqual([['live', 'stopped']]);

    // Where the run ends on the first page, its end replaces the copy and it is listed.
    lab.setState({ run: stopRun(going, 60) });
    await settle();
    expect(lab.getState().savedRuns.map((r) => [r.id, r.status])).toEqual([['live', 'stopped']]);
  });

  it('with full storage the slice names the problem and keeps the run listed', async () => {
    const backend = memoryBackend();
    const lab = labWith(backend);
    await lab.getState().loadSavedRuns();
    backend.fail = 'quota';
    lab.setState({ run: endedRun('r', 1) });
    await settle();
    expect(lab.getState().storageProblem?.text).toMatch(/storage is full/);
    expect(lab.getState().storageProblem).toMatchObject({
      code: 'storageSaveFailed',
      params: { full: 'yes', count: 1 },
    });
    expect(lab.getState().savedRuns.map((r) => r.id)).toEqual(['r']);
  });
});
