import { describe, expect, it } from 'vitest';
import { newRun } from '../../store/runState.ts';
import { defaultSettings } from '../../store/settingsSchema.ts';
import type { MaskFrame } from '../../worker/trainProtocol.ts';
import { activationScale, scalingFigures } from './scalingAnswer.ts';

const check = (epoch: number, valAcc: number) => ({
  iteration: epoch * 5,
  epoch,
  trainAcc: 0.5,
  valAcc,
  valLoss: 2,
  valConfidence: 0.4,
});

describe('the no-scaling answer', () => {
  it('reads the three nets at the same epoch while they train, and only in a no-scaling run', () => {
    const started = newRun('r', { ...defaultSettings(), keepProb: 0.25, scaling: 'none' }, 'CIFAR-10 sample', 0);
    const run = {
      ...started,
      configs: started.configs.map((c, i) => ({
        ...c,
        status: 'training' as const,
        checks: Array.from({ length: 3 + i }, (_, e) => check(e, 0.1 * e)),
      })),
    };
    const figures = scalingFigures(run)!;
    expect(figures.map((f) => f.configId)).toEqual(['baseline', 'dropout', 'inverted']);
    expect(figures.map((f) => f.check.epoch)).toEqual([2, 2, 2]);
    expect(scalingFigures({ ...run, settings: { ...run.settings, scaling: 'inverted' } })).toBeNull();
    expect(scalingFigures({ ...run, configs: run.configs.map((c) => ({ ...c, checks: [] })) })).toBeNull();
  });

  it('the test-time activations are the unmasked ones: 1/p times the training mean when a quarter is kept', () => {
    const rowsBefore = Float32Array.from({ length: 400 }, (_, i) => 1 + (i % 3));
    const rowsAfter = rowsBefore.map((v, i) => (i % 4 === 0 ? v : 0));
    const scale = activationScale({ iteration: 7, rowsBefore, rowsAfter } as unknown as MaskFrame)!;
    expect(scale.iteration).toBe(7);
    expect(scale.test / scale.train).toBeCloseTo(4, 1);
    expect(activationScale({ rowsBefore: null, rowsAfter: null } as unknown as MaskFrame)).toBeNull();
  });
});
