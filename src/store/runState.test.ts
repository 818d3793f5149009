import { describe, expect, it } from 'vitest';
import type { FromTrainWorker } from '../worker/trainProtocol.ts';
import { applyTrainMessages, newRun, stopRun } from './runState.ts';
import { defaultSettings } from './settingsSchema.ts';

const settings = { ...defaultSettings(), keepProb: 0.5, epochs: 2 };
const base = () => newRun('run-a', settings, 'MNIST (built-in)', 0);
const ready = (configId: 'baseline' | 'dropout', runId = 'run-a'): FromTrainWorker => ({
  type: 'ready',
  runId,
  configId,
  numIterations: 10,
  iterationsPerEpoch: 5,
  numTrain: 500,
  numVal: 1000,
  kernel: 'plain',
});
const progress = (
  configId: 'baseline' | 'dropout',
  first: number,
  losses: number[],
  runId = 'run-a',
): FromTrainWorker => ({
  type: 'progress',
  runId,
  configId,
  firstIteration: first,
  losses: Float32Array.from(losses),
  epoch: 0,
  elapsedMs: 10,
  paused: false,
});
const check = (
  configId: 'baseline' | 'dropout',
  iteration: number,
  epoch: number,
  trainAcc: number,
  valAcc: number,
): FromTrainWorker => ({ type: 'check', runId: 'run-a', configId, check: { iteration, epoch, trainAcc, valAcc } });
const done = (configId: 'baseline' | 'dropout', outcome: 'finished' | 'diverged' = 'finished'): FromTrainWorker => ({
  type: 'done',
  runId: 'run-a',
  configId,
  summary: {
    outcome,
    iterations: 10,
    finalTrainAcc: 1,
    finalValAcc: 0.5,
    bestValAcc: 0.6,
    bestEpoch: 1,
    elapsedMs: 20,
    message: outcome === 'diverged' ? 'diverged at iteration 3' : null,
  },
});

describe('run state', () => {
  it('starts with the two configurations, labelled as the assignment does', () => {
    expect(base().configs.map((c) => [c.configId, c.keepProb, c.label])).toEqual([
      ['baseline', 1, 'p = 1 (no dropout)'],
      ['dropout', 0.5, 'p = 0.5'],
    ]);
  });

  it('appends batched losses in order and records checks', () => {
    let run = applyTrainMessages(base(), [ready('baseline'), ready('dropout'), progress('baseline', 1, [2.3, 2.2])], 1);
    run = applyTrainMessages(run, [progress('baseline', 3, [2.1]), check('baseline', 1, 0, 0.2, 0.1)], 2);
    const b = run.configs[0];
    expect(b.status).toBe('training');
    expect(b.lossHistory).toEqual([expect.closeTo(2.3, 5), expect.closeTo(2.2, 5), expect.closeTo(2.1, 5)]);
    expect(b.iteration).toBe(3);
    expect(b.checks).toEqual([{ iteration: 1, epoch: 0, trainAcc: 0.2, valAcc: 0.1 }]);
    expect(run.configs[1].lossHistory).toEqual([]);
  });

  it('drops messages of other runs, so histories never mix', () => {
    const run = base();
    expect(applyTrainMessages(run, [ready('baseline', 'run-old'), progress('baseline', 1, [9], 'run-old')], 1)).toBe(
      run,
    );
  });

  it('ignores a loss batch that would repeat or skip iterations', () => {
    let run = applyTrainMessages(base(), [progress('dropout', 1, [1, 2])], 1);
    run = applyTrainMessages(run, [progress('dropout', 2, [5])], 2);
    run = applyTrainMessages(run, [progress('dropout', 5, [5])], 3);
    expect(run.configs[1].lossHistory).toEqual([1, 2]);
  });

  it('is done when both configurations end; a divergence keeps its history and message', () => {
    let run = applyTrainMessages(base(), [progress('dropout', 1, [2, Number.NaN]), done('dropout', 'diverged')], 1);
    expect(run.status).toBe('training');
    expect(run.configs[1].status).toBe('diverged');
    expect(run.configs[1].message).toBe('diverged at iteration 3');
    expect(run.configs[1].lossHistory).toHaveLength(2);
    run = applyTrainMessages(run, [done('baseline')], 5);
    expect(run.status).toBe('done');
    expect(run.endedAt).toBe(5);
  });

  it('a worker error fails its configuration and the run once all have ended', () => {
    let run = applyTrainMessages(base(), [{ type: 'error', runId: 'run-a', configId: 'baseline', message: 'boom' }], 1);
    expect(run.configs[0]).toMatchObject({ status: 'failed', message: 'boom' });
    run = applyTrainMessages(run, [done('dropout')], 2);
    expect(run.status).toBe('failed');
  });

  it('stop keeps what was measured and ignores later messages', () => {
    let run = applyTrainMessages(base(), [progress('baseline', 1, [2]), check('baseline', 1, 0, 0.3, 0.2)], 1);
    run = stopRun(run, 7);
    expect(run.status).toBe('stopped');
    expect(run.configs.map((c) => c.status)).toEqual(['stopped', 'stopped']);
    const later = applyTrainMessages(run, [progress('baseline', 2, [1]), done('baseline')], 8);
    expect(later.configs[0].lossHistory).toHaveLength(1);
    expect(later.status).toBe('stopped');
  });
});
