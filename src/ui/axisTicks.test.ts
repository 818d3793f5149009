import { describe, expect, it } from 'vitest';
import { shareTick, valueTick } from './axisTicks.ts';

describe('axis ticks', () => {
  it('write evenly spaced ticks evenly: 0.225, 0.25, 0.275 (not 0.23, 0.25, 0.28), without floating-point noise', () => {
    expect([0.225, 0.25, 0.275, 0.1 + 0.2, 1, 2.5].map(valueTick)).toEqual(['0.225', '0.25', '0.275', '0.3', '1', '2.5']);
  });

  it('write shares as exactly as their ticks: 3.5%, 7%, 10.5% (not 4%, 7%, 11%)', () => {
    expect([0, 0.035, 0.07, 0.105, 0.14, 1].map(shareTick)).toEqual(['0%', '3.5%', '7%', '10.5%', '14%', '100%']);
  });
});
