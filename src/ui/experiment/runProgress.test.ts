import { describe, expect, it } from 'vitest';
import { newRun } from '../../store/runState.ts';
import { defaultSettings } from '../../store/settingsSchema.ts';
import { runProgress } from './RunStatus.tsx';

describe('the status line’s progress', () => {
  it('counts training time, not the wall clock: a run paused for a minute shows the seconds it trained, and a speed that agrees', () => {
    const started = newRun('r1', defaultSettings(), 'CIFAR-10 sample', 0);
    const run = {
      ...started,
      status: 'paused' as const,
      configs: started.configs.map((c, i) => ({
        ...c,
        status: 'training' as const,
        iteration: 40 + i * 10,
        numIterations: 125,
        elapsedMs: 2000 + i * 500,
      })),
    };
    const p = runProgress(run);
    expect(p.elapsedMs).toBe(2500);
    expect(p.iterationsPerSecond).toBeCloseTo((40 + 50) / 2.5, 6);
    expect([p.iteration, p.numIterations]).toEqual([40, 125]);
    expect(p.remainingMs).toBeCloseTo(((250 - 90) / 90) * 2500, 6);
  });

  it('before the first figures, no time and no speed', () => {
    const p = runProgress(newRun('r1', defaultSettings(), 'CIFAR-10 sample', 0));
    expect([p.elapsedMs, p.iterationsPerSecond, p.remainingMs]).toEqual([0, 0, null]);
  });
});
