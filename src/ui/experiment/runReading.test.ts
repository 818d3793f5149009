import { describe, expect, it } from 'vitest';
import { applyTrainMessages, newRun, stopRun, type RunState } from '../../store/runState.ts';
import { defaultSettings, type RunSettings } from '../../store/settingsSchema.ts';
import type { ConfigId, FromTrainWorker } from '../../worker/trainProtocol.ts';
import { createI18n } from '../i18n/i18n.ts';
import { readRun as readRunIn } from './runReading.ts';

const english = createI18n('en');
const readRun = (run: RunState) => readRunIn(run, english.t);

const settings: RunSettings = { ...defaultSettings(), keepProb: 0.25, epochs: 25 };

/** Checks as [epoch, trainAcc, valAcc] per configuration. */
type Checks = Partial<Record<ConfigId, [number, number, number][]>>;

function runWith(checks: Checks, opts: { done?: ConfigId[]; diverged?: ConfigId[]; s?: RunSettings } = {}): RunState {
  const messages: FromTrainWorker[] = [];
  for (const [configId, list] of Object.entries(checks) as [ConfigId, [number, number, number][]][]) {
    for (const [epoch, trainAcc, valAcc] of list) {
      messages.push({
        type: 'check',
        runId: 'r',
        configId,
        check: { iteration: epoch * 5 + 1, epoch, trainAcc, valAcc },
      });
    }
  }
  const summary = (outcome: 'finished' | 'diverged') => ({
    outcome,
    iterations: 10,
    finalTrainAcc: NaN,
    finalValAcc: NaN,
    bestValAcc: NaN,
    bestEpoch: 0,
    elapsedMs: 1,
    message: outcome === 'diverged' ? 'diverged at iteration 4' : null,
  });
  for (const configId of opts.done ?? [])
    messages.push({ type: 'done', runId: 'r', configId, summary: summary('finished') });
  for (const configId of opts.diverged ?? [])
    messages.push({ type: 'done', runId: 'r', configId, summary: summary('diverged') });
  return applyTrainMessages(newRun('r', opts.s ?? settings, 'MNIST', 0), messages, 1);
}

describe('the reading of a run (assignment question 2)', () => {
  it('a finished run where dropout shrinks the gap and raises validation accuracy', () => {
    const run = runWith(
      {
        baseline: [
          [0, 0.1, 0.1],
          [25, 0.99, 0.28],
        ],
        dropout: [
          [0, 0.1, 0.1],
          [25, 0.91, 0.31],
        ],
      },
      { done: ['baseline', 'dropout'] },
    );
    expect(run.status).toBe('done');
    expect(readRun(run)).toBe(
      'Without dropout the net reaches 99.0% training accuracy but only 28.0% validation accuracy (a gap of 0.71). ' +
        'With p = 0.25 the gap shrinks from 0.71 to 0.60 and validation accuracy rises from 28.0% to 31.0%.',
    );
  });

  it('a finished run where dropout makes the gap grow and validation accuracy fall', () => {
    const run = runWith({ baseline: [[25, 0.9, 0.85]], dropout: [[25, 0.95, 0.8]] }, { done: ['baseline', 'dropout'] });
    expect(readRun(run)).toBe(
      'Without dropout the net reaches 90.0% training accuracy but only 85.0% validation accuracy (a gap of 0.05). ' +
        'With p = 0.25 the gap grows from 0.05 to 0.15 and validation accuracy falls from 85.0% to 80.0%.',
    );
  });

  it('says "stays" when the figures as shown are equal, and "and" when validation is not below training', () => {
    const run = runWith({ baseline: [[25, 0.5, 0.5]], dropout: [[25, 0.502, 0.5]] }, { done: ['baseline', 'dropout'] });
    expect(readRun(run)).toBe(
      'Without dropout the net reaches 50.0% training accuracy and 50.0% validation accuracy (a gap of 0.00). ' +
        'With p = 0.25 the gap stays at 0.00 and validation accuracy stays at 50.0%.',
    );
  });

  it('a run in progress is read at the latest epoch both configurations reached', () => {
    const run = runWith({
      baseline: [
        [0, 0.1, 0.1],
        [1, 0.8, 0.7],
        [2, 0.9, 0.72],
      ],
      dropout: [
        [0, 0.1, 0.1],
        [1, 0.7, 0.68],
      ],
    });
    expect(run.status).toBe('training');
    expect(readRun(run)).toBe(
      'After epoch 1 of 25, the net without dropout is at 80.0% training accuracy but only 70.0% validation accuracy (a gap of 0.10). ' +
        'With p = 0.25 the gap shrinks from 0.10 to 0.02 and validation accuracy falls from 70.0% to 68.0%.',
    );
  });

  it('right after the first iteration it says so', () => {
    const run = runWith({ baseline: [[0, 0.12, 0.1]], dropout: [[0, 0.1, 0.11]] });
    expect(readRun(run)).toMatch(
      /^After the first iteration, the net without dropout is at 12\.0% training accuracy but only 10\.0% validation accuracy \(a gap of 0\.02\)\. With p = 0\.25 the gap shrinks from 0\.02 to -0\.01 /,
    );
  });

  it('a stopped run says where it stopped', () => {
    const run = stopRun(
      runWith({
        baseline: [
          [0, 0.1, 0.1],
          [1, 0.6, 0.5],
        ],
        dropout: [
          [0, 0.1, 0.1],
          [1, 0.55, 0.5],
        ],
      }),
      2,
    );
    expect(readRun(run)).toBe(
      'Stopped at epoch 1 of 25: without dropout the net had reached 60.0% training accuracy but only 50.0% validation accuracy (a gap of 0.10). ' +
        'With p = 0.25 the gap shrinks from 0.10 to 0.05 and validation accuracy stays at 50.0%.',
    );
  });

  it('with No scaling it compares both dropout configurations with the net without dropout', () => {
    const s = { ...settings, scaling: 'none' as const };
    const run = runWith(
      { baseline: [[25, 1, 0.3]], dropout: [[25, 0.4, 0.2]], inverted: [[25, 0.9, 0.35]] },
      { done: ['baseline', 'dropout', 'inverted'], s },
    );
    expect(readRun(run)).toBe(
      'Without dropout the net reaches 100.0% training accuracy but only 30.0% validation accuracy (a gap of 0.70). ' +
        'With p = 0.25 (no scaling) the gap shrinks from 0.70 to 0.20 and validation accuracy falls from 30.0% to 20.0%; ' +
        'with p = 0.25 (inverted) the gap shrinks to 0.55 and validation accuracy rises to 35.0%.',
    );
  });

  it('names a configuration that diverged instead of comparing it', () => {
    const run = runWith(
      { baseline: [[25, 0.9, 0.8]], dropout: [[0, 0.1, 0.1]] },
      { done: ['baseline'], diverged: ['dropout'] },
    );
    expect(readRun(run)).toBe(
      'Without dropout the net reaches 90.0% training accuracy but only 80.0% validation accuracy (a gap of 0.10). ' +
        'The configuration p = 0.25 diverged.',
    );
  });

  it('is null until both the net without dropout and a dropout configuration have a check', () => {
    expect(readRun(newRun('r', settings, 'MNIST', 0))).toBeNull();
    expect(readRun(runWith({ baseline: [[0, 0.1, 0.1]] }))).toBeNull();
    expect(readRun(runWith({ dropout: [[0, 0.1, 0.1]] }))).toBeNull();
  });
});

describe('the reading in Chinese', () => {
  it('reads the same figures in Chinese, with the configuration names in Chinese', () => {
    const run = runWith(
      {
        baseline: [
          [0, 0.1, 0.1],
          [25, 0.99, 0.28],
        ],
        dropout: [
          [0, 0.1, 0.1],
          [25, 0.91, 0.31],
        ],
      },
      { done: ['baseline', 'dropout'] },
    );
    expect(readRunIn(run, createI18n('zh-CN').t)).toBe(
      '不用 Dropout 时，网络达到训练准确率 99.0%，但验证准确率只有 28.0%（差距 0.71）。p = 0.25 时，差距从 0.71 缩小到 0.60，验证准确率从 28.0% 上升到 31.0%。',
    );
  });
});
