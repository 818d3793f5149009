import { describe, expect, it } from 'vitest';
import type { Trainer, TrainerProgress } from '../core/trainer.ts';
import { ProgressReader } from './progressReader.ts';

/** A trainer whose reads settle when the test says, two at most in flight, as the GPU trainer's staging buffers allow. */
function fakeTrainer() {
  const inFlight: { settle: (p: TrainerProgress) => void; fail: (e: Error) => void }[] = [];
  let next = 0;
  const read = () => new Promise<TrainerProgress>((settle, fail) => inFlight.push({ settle, fail }));
  const trainer = {
    readProgress: () => (inFlight.length >= 2 ? null : read()),
    drainProgress: async () => ({ from: next, losses: new Float32Array([9]), checks: [] }),
  } as unknown as Trainer;
  const progress = (losses: number[]): TrainerProgress => {
    const p = { from: next, losses: Float32Array.from(losses), checks: [] };
    next += losses.length;
    return p;
  };
  return { trainer, inFlight, progress };
}

describe("reading a GPU run's progress without waiting", () => {
  it('refuses a third read while two are in flight, and posts the reads in the order made', async () => {
    const { trainer, inFlight, progress } = fakeTrainer();
    const posted: number[][] = [];
    const reader = new ProgressReader(trainer, (p) => (posted.push(Array.from(p.losses)), true));
    expect(reader.request()).toBe(true);
    expect(reader.request()).toBe(true);
    expect(reader.request()).toBe(false);
    const [first, second] = inFlight.splice(0);
    const [a, b] = [progress([1, 2]), progress([3])];
    // The second read arrives first: it is posted after the first.
    second.settle(b);
    await Promise.resolve();
    expect(posted).toEqual([]);
    first.settle(a);
    expect(await reader.drain(() => {})).toBe(true);
    expect(posted).toEqual([[1, 2], [3], [9]]);
  });

  it('stops posting once a read ended the run, and rethrows a failed read', async () => {
    const { trainer, inFlight, progress } = fakeTrainer();
    const posted: number[][] = [];
    const reader = new ProgressReader(
      trainer,
      (p) => (posted.push(Array.from(p.losses)), !p.losses.some((l) => !Number.isFinite(l))),
    );
    reader.request();
    reader.request();
    const [first, second] = inFlight.splice(0);
    first.settle(progress([1, NaN]));
    second.settle(progress([5]));
    expect(await reader.drain(() => {})).toBe(false);
    expect(reader.stopped).toBe(true);
    expect(posted).toEqual([[1, NaN]]);

    const lost = fakeTrainer();
    const failing = new ProgressReader(lost.trainer, () => true);
    failing.request();
    lost.inFlight[0].fail(new Error('the device was lost'));
    await expect(failing.drain(() => {})).rejects.toThrow('the device was lost');
    expect(() => failing.check()).toThrow('the device was lost');
  });
});
