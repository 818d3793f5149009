import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_KEEP_PROBS, fixedPnHiddenSize, parseSweepList, sweepGridJobs } from './sweepGrid.ts';

describe('sweep lists', () => {
  it('parses, sorts and removes duplicates', () => {
    expect(parseSweepList('keepProbs', ' 0.5, .1,1, 0.5 ,')).toEqual({ values: [0.1, 0.5, 1], problem: null });
    expect(parseSweepList('hiddenSizes', '200,50')).toEqual({ values: [50, 200], problem: null });
  });

  it('says what is wrong, naming the list and the value', () => {
    expect(parseSweepList('keepProbs', '0.1, abc').problem?.text).toBe('Keep probabilities: "abc" is not a number');
    expect(parseSweepList('keepProbs', '0.1, 1.5').problem?.text).toBe(
      'Keep probabilities: 1.5 is not allowed (Keep probability must be at least 0.05 and at most 1)',
    );
    expect(parseSweepList('hiddenSizes', '50, 2.5').problem?.text).toBe(
      'Hidden sizes: 2.5 is not allowed (Hidden size must be a whole number)',
    );
    expect(parseSweepList('hiddenSizes', '50, -3').problem?.text).toBe(
      'Hidden sizes: -3 is not allowed (Hidden size must be at least 1 and at most 4096)',
    );
    expect(parseSweepList('hiddenSizes', ' , ').problem?.text).toBe(
      'Hidden sizes: enter at least one value, separated by commas',
    );
    expect(parseSweepList('hiddenSizes', '0x10').problem?.text).toBe('Hidden sizes: "0x10" is not a number');
  });
});

describe('sweep axes (the dropout paper, sections 7.3-7.4)', () => {
  it('fixed p·n: each p trains the hidden size round(p·n / p), at least 1', () => {
    expect(fixedPnHiddenSize(50, 0.1)).toBe(500);
    expect(fixedPnHiddenSize(50, 0.3)).toBe(167); // 166.67
    expect(fixedPnHiddenSize(125, 0.4)).toBe(313); // 312.5 rounds half up
    expect(fixedPnHiddenSize(50, 1)).toBe(50);
    expect(fixedPnHiddenSize(1, 1)).toBe(1);
    const jobs = sweepGridJobs('fixedPn', [0.25, 0.5, 1], [50], { hiddenSize: 500, numTrain: 300 });
    expect(jobs.map((j) => [j.row, j.keepProb, j.hiddenSize, j.numTrain, j.jobId])).toEqual([
      [50, 0.25, 200, 300, 'pn50-p0.25'],
      [50, 0.5, 100, 300, 'pn50-p0.5'],
      [50, 1, 50, 300, 'pn50-p1'],
    ]);
    // p·n is the expected number of kept units: p times the hidden size, up to rounding.
    for (const j of sweepGridJobs('fixedPn', DEFAULT_SWEEP_KEEP_PROBS, [50, 125], { hiddenSize: 500, numTrain: 500 })) {
      expect(Math.abs(j.keepProb * j.hiddenSize - j.row)).toBeLessThanOrEqual(j.keepProb / 2 + 1e-9);
    }
  });

  it("training examples: each row trains the experiment's hidden size on that many examples", () => {
    const jobs = sweepGridJobs('numTrain', [0.5, 1], [100, 250], { hiddenSize: 64, numTrain: 500 });
    expect(jobs.map((j) => [j.row, j.keepProb, j.hiddenSize, j.numTrain])).toEqual([
      [100, 0.5, 64, 100],
      [100, 1, 64, 100],
      [250, 0.5, 64, 250],
      [250, 1, 64, 250],
    ]);
  });
});
