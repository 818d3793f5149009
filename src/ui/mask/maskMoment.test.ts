import { describe, expect, it } from 'vitest';
import type { MaskFrame } from '../../worker/trainProtocol.ts';
import { frameAt, RECENT_FRAMES, withFrame } from './maskMoment.ts';

const frame = (iteration: number, layer = 0) => ({ iteration, layer }) as MaskFrame;

describe('the mask frame shown at the run’s moment', () => {
  it('is the newest at or before the status line’s iteration (70 is not shown at iteration 55)', () => {
    let recent: MaskFrame[] = [];
    for (const i of [40, 48, 55, 62, 70]) recent = withFrame(recent, frame(i));
    expect(frameAt(recent, 55)?.iteration).toBe(55);
    expect(frameAt(recent, 60)?.iteration).toBe(55);
    expect(frameAt(recent, Infinity)?.iteration).toBe(70);
    expect(frameAt(recent, 10)?.iteration).toBe(40);
    expect(frameAt([], 10)).toBeNull();
  });

  it('keeps a bounded number of frames, of one layer; a later frame of an earlier iteration (a new run) starts again', () => {
    let recent: MaskFrame[] = [];
    for (let i = 1; i <= 50; i++) recent = withFrame(recent, frame(i));
    expect(recent).toHaveLength(RECENT_FRAMES);
    expect(withFrame(recent, frame(50, 1)).map((f) => f.layer)).toEqual([1]);
    expect(withFrame(recent, frame(3)).map((f) => f.iteration)).toEqual([3]);
  });
});
