import { FullyConnectedNet } from '../core/net.ts';
import { deriveSeed } from '../core/random.ts';
import { Solver, type SolverData } from '../core/solver.ts';
import { makeSplit } from '../data/split.ts';
import type { RawDataset } from '../data/types.ts';
import type { ConfigId } from '../worker/trainProtocol.ts';
import { runSettingsOf, type Workload } from './workload.ts';

export interface ConfigTiming {
  configId: ConfigId;
  keepProb: number;
  /** From model creation to the end of training (data preparation excluded, as in numpy_reference.py). */
  seconds: number;
  /** Of which in accuracy checks (steps with a check, less a plain step's mean time each). */
  checkSeconds: number;
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
  checks: number;
}

/**
 * Trains one configuration of a workload on the core directly, built exactly as the
 * training worker builds it (TrainingSession): same split, net, seeds and solver, so
 * the accuracies match the app's.
 */
export function trainConfiguration(dataset: RawDataset, w: Workload, configId: ConfigId, keepProb: number): ConfigTiming {
  return prepareConfiguration(dataset, w, configId, keepProb)();
}

/** Prepares the data (untimed); the function returned trains, timed from model creation. */
export function prepareConfiguration(dataset: RawDataset, w: Workload, configId: ConfigId, keepProb: number): () => ConfigTiming {
  const settings = runSettingsOf(w);
  const validation = dataset.test ? Math.min(w.numVal, dataset.test.count) : w.numVal;
  const { data } = makeSplit(dataset, { numTrain: settings.numTrain, numVal: validation, seed: settings.seed });
  return () => train(data, w, configId, keepProb);
}

function train(data: SolverData, w: Workload, configId: ConfigId, keepProb: number): ConfigTiming {
  const settings = runSettingsOf(w);
  const t0 = performance.now();
  const model = new FullyConnectedNet({
    hiddenDims: [settings.hiddenSize],
    inputDim: data.XTrain.data.length / data.XTrain.shape[0],
    numClasses: w.numClasses,
    dropout: keepProb,
    weightScale: settings.weightScale,
    dtype: 'float32',
    seed: settings.seed,
    maskSeed: deriveSeed(settings.seed, 'masks', configId),
    dropoutScaling: settings.scaling,
  });
  const solver = new Solver(model, data, {
    updateRule: settings.updateRule,
    optimConfig: { learningRate: settings.learningRate },
    batchSize: settings.batchSize,
    numEpochs: settings.epochs,
    numTrainSamples: w.checkTrainSamples,
    seed: settings.seed,
  });
  let checkStepsMs = 0;
  let plainStepsMs = 0;
  while (!solver.done) {
    const s0 = performance.now();
    const { check } = solver.step();
    if (check) checkStepsMs += performance.now() - s0;
    else plainStepsMs += performance.now() - s0;
  }
  const seconds = (performance.now() - t0) / 1000;
  // A step with a check is a plain step plus the check.
  const plainSteps = solver.iteration - solver.checks.length;
  const checkMs = checkStepsMs - (plainSteps > 0 ? (plainStepsMs / plainSteps) * solver.checks.length : 0);
  return {
    configId,
    keepProb,
    seconds,
    checkSeconds: checkMs / 1000,
    finalTrainAcc: solver.trainAccHistory.at(-1) ?? NaN,
    finalValAcc: solver.valAccHistory.at(-1) ?? NaN,
    bestValAcc: solver.bestValAcc,
    checks: solver.checks.length,
  };
}
