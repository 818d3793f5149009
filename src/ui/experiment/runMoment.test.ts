import { describe, expect, it } from 'vitest';
import type { AccuracyCheck } from '../../core/solver.ts';
import { newRun, type ConfigRun } from '../../store/runState.ts';
import { defaultSettings } from '../../store/settingsSchema.ts';
import { accuracyRows, lossRows } from './chartData.ts';
import { aheadKey, runMoment } from './runMoment.ts';

const checks = (n: number): AccuracyCheck[] =>
  Array.from({ length: n }, (_, e) => ({ iteration: e * 5, epoch: e, trainAcc: 0.1 * e, valAcc: 0.05 * e }));

/** p = 1 at epoch 9 (iteration 48), p = 0.25 ahead at epoch 13 (iteration 65), as in issue 27. */
function twoNets(status: ConfigRun['status'] = 'training'): ConfigRun[] {
  const [baseline, dropout] = newRun('r', defaultSettings(), 'CIFAR-10 sample', 0).configs;
  return [
    { ...baseline, status, iteration: 48, lossHistory: Array.from({ length: 48 }, () => 2), checks: checks(10) },
    { ...dropout, status, iteration: 65, lossHistory: Array.from({ length: 65 }, () => 1), checks: checks(14) },
  ];
}

describe('the moment a run’s figures show', () => {
  it('is where the net behind is: its checks and iterations', () => {
    expect(runMoment(twoNets())).toEqual({ checks: 10, iterations: 48, configId: 'baseline' });
  });

  it('is everything once all have ended; an ended net holds nobody back', () => {
    expect(runMoment(twoNets('finished')).checks).toBe(Infinity);
    const [behind, ahead] = twoNets();
    expect(runMoment([{ ...behind, status: 'diverged' }, ahead])).toMatchObject({
      checks: 14,
      iterations: 65,
      configId: 'dropout',
    });
  });

  it('accuracy rows: both nets solid to the shared epoch, the leader’s extra epochs faded from there', () => {
    const configs = twoNets();
    const rows = accuracyRows(configs, 'valAcc', runMoment(configs));
    const lastSolid = (key: string) => rows.filter((r) => r[key] !== undefined).at(-1)!.epoch;
    expect(lastSolid('baseline')).toBe(9);
    expect(lastSolid('dropout')).toBe(9);
    const faded = rows.filter((r) => r[aheadKey('dropout')] !== undefined).map((r) => r.epoch);
    expect(faded).toEqual([9, 10, 11, 12, 13]);
    expect(rows.some((r) => r[aheadKey('baseline')] !== undefined)).toBe(false);
  });

  it('loss rows: solid to the shared iteration, the rest faded and joined', () => {
    const configs = twoNets();
    const rows = lossRows(configs, 600, runMoment(configs));
    expect(rows.filter((r) => r.dropout !== undefined).at(-1)!.iteration).toBe(48);
    const faded = rows.filter((r) => r[aheadKey('dropout')] !== undefined).map((r) => r.iteration);
    expect(faded[0]).toBe(48);
    expect(faded.at(-1)).toBe(65);
  });
});
