import { describe, expect, it } from 'vitest';
import type { ConfigId, FromTrainWorker } from '../worker/trainProtocol.ts';
import { TrainingSession } from '../worker/trainingSession.ts';
import {
  RUN_FILE_FORMAT,
  RUN_FILE_FORMAT_VERSION,
  checksCsv,
  exportFileStem,
  lossCsv,
  parseRunsJson,
  runsToJson,
  validateSavedRun,
} from './runExport.ts';
import { applyTrainMessages, newRun, runTrainConfigs, stopRun, type RunState } from './runState.ts';
import { savedRunFrom, type SavedRun } from './savedRuns.ts';
import { defaultSettings, type RunSettings } from './settingsSchema.ts';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';

const tinyDataset = (count = 1200) => syntheticDataset(count, 'tiny-export');

const dataset = tinyDataset();
const settings: RunSettings = {
  ...defaultSettings(),
  hiddenSize: 20,
  numTrain: 100,
  epochs: 3,
  batchSize: 20,
  learningRate: 1e-2,
  keepProb: 0.5,
};

/** Both configurations of a run, trained in Node as the workers train them, through the store's reducer. */
async function trainRun(runId: string, s: RunSettings = settings): Promise<RunState> {
  let run = newRun(runId, s, dataset.name, 1_000);
  for (const { configId, config } of runTrainConfigs(s)) {
    const messages: FromTrainWorker[] = [];
    await new TrainingSession({ type: 'start', runId, configId, config, dataset }, (m) => messages.push(m)).run();
    run = applyTrainMessages(run, messages, 2_000);
  }
  return run;
}

const histories = (r: { configs: RunState['configs'] }) =>
  r.configs.map((c) => ({ configId: c.configId, lossHistory: c.lossHistory, checks: c.checks }));

describe('reproducible runs (TrainingSession in Node, both configurations)', () => {
  it('the same seed gives bit-identical histories; another seed different ones', async () => {
    const a = await trainRun('run-a');
    const b = await trainRun('run-b');
    const c = await trainRun('run-c', { ...settings, seed: 7 });
    expect(a.status).toBe('done');
    expect(a.configs.map((x) => [x.lossHistory.length, x.checks.length])).toEqual([
      [15, 4],
      [15, 4],
    ]);
    expect(histories(b)).toEqual(histories(a));
    // Bit-identical: the exported files' histories are the same text.
    const text = (r: RunState) =>
      JSON.stringify(histories(JSON.parse(runsToJson([savedRunFrom(r, 'x', 0)], new Date(0))).runs[0]));
    expect(text(b)).toBe(text(a));
    expect(histories(c)[0].lossHistory).not.toEqual(histories(a)[0].lossHistory);
    expect(histories(c)[1].lossHistory).not.toEqual(histories(a)[1].lossHistory);
  });

  it('both configurations start from the same weights and minibatches: with p = 1 for both, their histories match', async () => {
    const run = await trainRun('same', { ...settings, keepProb: 1 });
    expect(run.configs[1].lossHistory).toEqual(run.configs[0].lossHistory);
  });
});

describe('run files', () => {
  it('JSON export then import gives back everything saved, with the format named and versioned', async () => {
    const run = await trainRun('run-json');
    const saved = savedRunFrom(run, 'My "first" run, p = 0.5', 1_700_000_000_000);
    const text = runsToJson([saved], new Date('2025-01-02T03:04:05Z'));
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: RUN_FILE_FORMAT,
      formatVersion: RUN_FILE_FORMAT_VERSION,
      settingsVersion: 1,
      exportedAt: '2025-01-02T03:04:05.000Z',
    });
    expect(file.runs[0]).toMatchObject({ id: 'run-json', seed: settings.seed, datasetName: 'tiny', status: 'done' });
    expect(file.runs[0].figures).toHaveLength(2);
    const back = parseRunsJson(text);
    expect(back.error).toBeNull();
    expect(back.runs).toEqual([saved]);
  });

  it("the paper's autoencoder run round-trips (its model kept; losses, no checks); a file from before the model setting reads as a classifier", async () => {
    const run = await trainRun('run-autoencoder', { ...settings, model: 'autoencoder', epochs: 1 });
    expect(run.configs.every((c) => c.lossHistory.length === 5 && c.checks.length === 0)).toBe(true);
    const saved = savedRunFrom(run, 'paper', 1_700_000_000_000);
    const text = runsToJson([saved], new Date('2025-01-02T03:04:05Z'));
    const back = parseRunsJson(text);
    expect(back.error).toBeNull();
    expect(back.runs).toEqual([saved]);
    expect(back.runs![0].settings.model).toBe('autoencoder');
    const older = JSON.parse(runsToJson([savedRunFrom(await trainRun('run-old'), 'old', 1)], new Date(0)));
    delete older.runs[0].settings.model;
    const read = parseRunsJson(JSON.stringify(older));
    expect(read.error).toBeNull();
    expect(read.runs![0].settings.model).toBe('classifier');
    const wrong = JSON.parse(text);
    wrong.runs[0].settings.model = 'gan';
    expect(parseRunsJson(JSON.stringify(wrong)).error?.text).toContain('settings.model');
  });

  it('a run with three configurations (no scaling beside inverted dropout) round-trips too', async () => {
    const run = await trainRun('run-3', { ...settings, scaling: 'none' });
    expect(run.configs.map((c) => c.configId)).toEqual(['baseline', 'dropout', 'inverted']);
    const saved = savedRunFrom(run, 'three', 1);
    expect(saved.figures.map((f) => f.configId)).toEqual(['baseline', 'dropout', 'inverted']);
    expect(parseRunsJson(runsToJson([saved], new Date(0))).runs).toEqual([saved]);
    expect(checksCsv([saved]).trimEnd().split('\r\n')).toHaveLength(1 + 3 * 4);
  });

  it('non-finite numbers (a diverged loss, a stopped run without checks) survive the round trip', () => {
    let run = newRun('run-nan', settings, 'tiny', 5);
    const progress = (configId: ConfigId, losses: number[]): FromTrainWorker => ({
      type: 'progress',
      runId: 'run-nan',
      configId,
      firstIteration: 1,
      losses: Float32Array.from(losses),
      epoch: 0,
      elapsedMs: 3,
      paused: false,
    });
    run = applyTrainMessages(
      run,
      [
        progress('baseline', [2.3, Infinity]),
        {
          type: 'done',
          runId: 'run-nan',
          configId: 'baseline',
          summary: {
            outcome: 'diverged',
            iterations: 2,
            finalTrainAcc: NaN,
            finalValAcc: NaN,
            bestValAcc: NaN,
            bestEpoch: 0,
            elapsedMs: 3,
            message: 'diverged at iteration 2',
          },
        },
        progress('dropout', [NaN]),
      ],
      9,
    );
    run = stopRun(run, 10);
    const saved = savedRunFrom(run, 'diverged', 11);
    const back = parseRunsJson(runsToJson([saved], new Date(0)));
    expect(back.error).toBeNull();
    expect(back.runs![0].configs[0].lossHistory[1]).toBe(Infinity);
    expect(back.runs![0].configs[0].summary!.finalValAcc).toBeNaN();
    expect(back.runs![0].configs[1].lossHistory[0]).toBeNaN();
    expect(back.runs![0].figures).toEqual([]);
    expect(back.runs).toEqual([saved]);
  });

  it.each([
    ['junk text', 'hello, I am not JSON', /^This file is not JSON/],
    [
      'an image',
      '\uFFFDPNG\r\n\u001A\n\u0000\u0000\u0000\rIHDR',
      /^This file is not text \(an image or another binary file\?\)/,
    ],
    ['another JSON file', '{"name":"package","version":"1.0.0"}', /^This is not a Dropout Lab run file/],
    ['a JSON list', '[1, 2, 3]', /^This is not a Dropout Lab run file/],
    [
      'a newer format',
      JSON.stringify({ format: RUN_FILE_FORMAT, formatVersion: 2, settingsVersion: 1, runs: [] }),
      /format version 2, made by a newer Dropout Lab/,
    ],
    [
      'no runs',
      JSON.stringify({ format: RUN_FILE_FORMAT, formatVersion: 1, settingsVersion: 1, runs: [] }),
      /contains no runs/,
    ],
    [
      'a newer settings version',
      JSON.stringify({ format: RUN_FILE_FORMAT, formatVersion: 1, settingsVersion: 9, runs: [{}] }),
      /settings version \(9\)/,
    ],
  ])('refuses %s with a message', (_what, text, message) => {
    const parsed = parseRunsJson(text);
    expect(parsed.runs).toBeNull();
    expect(parsed.error?.text).toMatch(message);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case breaks a different part of a parsed file
  it.each<[string, (run: Record<string, any>) => void, RegExp]>([
    [
      'a setting out of range',
      (r) => (r.settings.keepProb = 3),
      /settings.keepProb: Keep probability must be at least 0.05 and at most 1/,
    ],
    ['a missing setting', (r) => delete r.settings.seed, /settings.seed: Seed must be a number/],
    ['a seed that is not the settings seed', (r) => (r.seed = 1), /seed \(1\) differs from settings.seed/],
    [
      'a loss that is text',
      (r) => (r.configs[1].lossHistory[3] = 'low'),
      /configs\[1\].lossHistory\[3\] is not a number/,
    ],
    [
      'a check without its accuracy',
      (r) => delete r.configs[0].checks[2].valAcc,
      /configs\[0\].checks\[2\].valAcc is not a number/,
    ],
    [
      'an unknown configuration',
      (r) => (r.configs[0].configId = 'mystery'),
      /configs\[0\].configId is not one of baseline, dropout, inverted/,
    ],
    ['a run still training', (r) => (r.status = 'training'), /only ended runs are saved/],
    ['an empty name', (r) => (r.name = '  '), /name is empty/],
    [
      'histories that are not lists',
      (r) => (r.configs[0].lossHistory = { 0: 1 }),
      /configs\[0\].lossHistory is not a list/,
    ],
  ])('names the field of a tampered run: %s', async (_what, tamper, message) => {
    const file = JSON.parse(runsToJson([savedRunFrom(await trainRun('run-t'), 'ok', 1)], new Date(0)));
    file.runs.push(structuredClone(file.runs[0]));
    tamper(file.runs[1]);
    const parsed = parseRunsJson(JSON.stringify(file));
    expect(parsed.runs).toBeNull();
    expect(parsed.error?.text).toMatch(/^Run 2 of 2 in the file is not valid: /);
    expect(parsed.error?.text).toMatch(message);
  });

  it('recomputes the figures from the histories rather than trusting the file', async () => {
    const saved = savedRunFrom(await trainRun('run-f'), 'figures', 1);
    const file = JSON.parse(runsToJson([saved], new Date(0)));
    file.runs[0].figures = [{ configId: 'baseline', finalValAcc: 1 }];
    expect(parseRunsJson(JSON.stringify(file)).runs![0].figures).toEqual(saved.figures);
    expect(validateSavedRun('a string')).toBe('the run is not an object');
  });

  it('CSV: one row per check, and one row per iteration for the loss, for every run and configuration', async () => {
    const a = savedRunFrom(await trainRun('run-1'), 'first', 1);
    const b = savedRunFrom(await trainRun('run-2', { ...settings, seed: 3 }), '=cmd|, "quoted"', 2);
    const checks = checksCsv([a, b]).trimEnd().split('\r\n');
    expect(checks[0]).toBe('run,run_name,configuration,keep_prob,epoch,iteration,train_acc,val_acc');
    expect(checks).toHaveLength(1 + 2 * 2 * 4);
    const first = a.configs[0].checks[0];
    expect(checks[1]).toBe(`run-1,first,baseline,1,0,1,${first.trainAcc},${first.valAcc}`);
    const lastOfB = b.configs[1].checks.at(-1)!;
    expect(checks.at(-1)).toBe(`run-2,"'=cmd|, ""quoted""",dropout,0.5,3,15,${lastOfB.trainAcc},${lastOfB.valAcc}`);

    const loss = lossCsv([a]).trimEnd().split('\r\n');
    expect(loss[0]).toBe('run,run_name,configuration,keep_prob,iteration,loss');
    expect(loss).toHaveLength(1 + 2 * 15);
    expect(loss[16]).toBe(`run-1,first,dropout,0.5,1,${a.configs[1].lossHistory[0]}`);
    expect(Number(loss[16].split(',').at(-1))).toBe(a.configs[1].lossHistory[0]);
  });

  it('names files after the run', () => {
    const run = { id: 'run-x', name: 'p = 0.5 vs 1 · seed 7 · MNIST' } as SavedRun;
    expect(exportFileStem([run])).toBe('dropout-lab-p-0.5-vs-1-seed-7-mnist');
    expect(exportFileStem([{ ...run, name: '···' }])).toBe('dropout-lab-run-x');
    expect(exportFileStem([run, run, run])).toBe('dropout-lab-3-runs');
  });
});
