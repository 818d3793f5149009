import { describe, expect, it } from 'vitest';
import { checkSetting, defaultSettings, settingsProblemMessages, settingsProblems } from './settingsSchema.ts';

describe('settings schema', () => {
  it("defaults are the assignment's", () => {
    expect(defaultSettings()).toEqual({
      keepProb: 0.25,
      hiddenSize: 500,
      hiddenLayers: 1,
      numTrain: 500,
      epochs: 25,
      batchSize: 100,
      learningRate: 5e-4,
      weightScale: 1e-2,
      seed: 231,
      updateRule: 'adam',
      dataset: 'cifar-sample',
      scaling: 'inverted',
      kernels: 'exact',
      model: 'classifier',
    });
    expect(settingsProblems(defaultSettings())).toEqual({});
  });

  it.each([
    ['keepProb', 0, /Keep probability must be at least 0.05/],
    ['keepProb', 1.2, /at most 1/],
    ['keepProb', Number.NaN, /Keep probability must be a number/],
    ['learningRate', 0, /Learning rate must be above 0/],
    ['learningRate', -1, /Learning rate must be above 0/],
    ['hiddenSize', 0, /Hidden size must be at least 1 and at most 4096/],
    ['hiddenSize', 5000, /at most 4096/],
    ['hiddenSize', 2.5, /whole number/],
    ['epochs', 0, /Epochs must be at least 1/],
    ['seed', 'abc', /Seed must be a number/],
    ['updateRule', 'newton', /Update rule: "newton" is not one of/],
  ] as const)('%s = %s is refused', (key, value, message) => {
    expect(checkSetting(key, value)).toMatch(message);
  });

  it('a run longer than the iteration limit is refused', () => {
    expect(
      settingsProblems({ ...defaultSettings(), dataset: 'cifar10', numTrain: 50_000, batchSize: 1, epochs: 3 }).epochs,
    ).toMatch(/150,000 iterations per configuration; the limit is 100,000/);
  });

  it('a batch larger than the training set is refused', () => {
    expect(settingsProblems({ ...defaultSettings(), numTrain: 50, batchSize: 100 }).batchSize).toMatch(
      /must not be larger than the training set/,
    );
  });

  it('the built-in datasets cap the training examples at what they hold', () => {
    expect(settingsProblems({ ...defaultSettings(), numTrain: 1000 })).toEqual({});
    expect(settingsProblems({ ...defaultSettings(), numTrain: 1001 }).numTrain).toBe(
      'Training examples (1,001) must be at most 1,000 with CIFAR-10 sample (built-in)',
    );
    expect(settingsProblems({ ...defaultSettings(), dataset: 'mnist', numTrain: 9001 }).numTrain).toMatch(
      /at most 9,000 with MNIST/,
    );
    expect(settingsProblems({ ...defaultSettings(), dataset: 'cifar10', numTrain: 50_000 })).toEqual({});
  });
});

describe('the limits of the loaded CIFAR-10 files', () => {
  it("are checked when the dataset is the user's own and its pool is known", () => {
    const own = { ...defaultSettings(), dataset: 'cifar10' as const, numTrain: 5000 };
    expect(settingsProblemMessages(own, 4000).numTrain?.text).toBe(
      'Training examples (5,000) must be at most 4,000 with the CIFAR-10 files loaded',
    );
    expect(settingsProblemMessages(own, 10_000).numTrain).toBeUndefined();
    expect(settingsProblemMessages(own).numTrain).toBeUndefined();
    expect(settingsProblemMessages({ ...own, dataset: 'mnist' }, 100).numTrain).toBeUndefined();
  });
});
