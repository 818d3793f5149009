import type { TrainConfig } from '../trainProtocol.ts';

/** The assignment's configuration with dropout (p = 0.25), for tests of the worker layer (which knows no UI settings). */
export function testTrainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    keepProb: 0.25,
    scaling: 'inverted',
    hiddenSize: 500,
    hiddenLayers: 1,
    numTrain: 500,
    epochs: 25,
    batchSize: 100,
    learningRate: 5e-4,
    weightScale: 1e-2,
    seed: 231,
    updateRule: 'adam',
    kernels: 'exact',
    model: 'classifier',
    streamMasks: true,
    insight: false,
    ...overrides,
  };
}
