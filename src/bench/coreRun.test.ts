import { describe, expect, it } from 'vitest';
import type { FromTrainWorker, TrainStart } from '../worker/trainProtocol.ts';
import { TrainingSession } from '../worker/trainingSession.ts';
import { generatedDataset } from './benchData.ts';
import { trainConfiguration } from './coreRun.ts';
import { runSettingsOf, W, withChanges, workloadFlops } from './workload.ts';

describe("the benchmark's Node path", () => {
  it('trains each configuration exactly as the training worker does (same checks, same final accuracies)', async () => {
    const w = withChanges(W, { hiddenSize: 16, numTrain: 120, numVal: 80, epochs: 3, batchSize: 40, learningRate: 1e-3 });
    const dataset = await generatedDataset(w.numTrain, w.numVal);
    for (const { configId, keepProb } of w.configs) {
      const messages: FromTrainWorker[] = [];
      const start: TrainStart = { type: 'start', runId: 'bench', configId, keepProb, settings: runSettingsOf(w), dataset };
      await new TrainingSession(start, (m) => messages.push(m)).run();
      const checks = messages.flatMap((m) => (m.type === 'check' ? [m.check] : []));
      const done = messages.find((m) => m.type === 'done');
      if (done?.type !== 'done') throw new Error('the session did not finish');

      const ours = trainConfiguration(dataset, w, configId, keepProb);
      expect(ours.checks).toBe(checks.length);
      expect(ours.finalTrainAcc).toBe(done.summary.finalTrainAcc);
      expect(ours.finalValAcc).toBe(done.summary.finalValAcc);
      expect(ours.bestValAcc).toBe(done.summary.bestValAcc);
      expect(ours.seconds).toBeGreaterThan(0);
    }
  });

  it("counts W's floating-point work as about 400 GFLOP, 60% of it in the checks", () => {
    const f = workloadFlops(W);
    expect(f.total / 1e9).toBeGreaterThan(390);
    expect(f.total / 1e9).toBeLessThan(400);
    expect(f.checks / f.total).toBeCloseTo(0.61, 2);
  });
});
