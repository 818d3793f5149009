import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsProblems } from '../store/settingsSchema.ts';
import { benchFiles, loadBenchDataset, TRAIN_FILE, VAL_FILE } from './benchData.ts';
import { prepareConfiguration } from './coreRun.ts';
import { checksOf, configsOf, iterationsOf, runSettingsOf, W, withChanges, workloadFlops } from './workload.ts';

describe("the benchmark's workload and Node path", () => {
  it('W is settings the app accepts: p = 1 and p = 0.25, 125 iterations, 26 checks', () => {
    expect(settingsProblems(runSettingsOf(W))).toEqual({});
    expect(configsOf(W).map((c) => [c.configId, c.keepProb])).toEqual([
      ['baseline', 1],
      ['dropout', 0.25],
    ]);
    expect(iterationsOf(W)).toBe(125);
    expect(checksOf(W)).toBe(26);
  });

  it("counts W's floating-point work as about 400 GFLOP, 60% of it in the checks", () => {
    const f = workloadFlops(W);
    expect(f.total / 1e9).toBeGreaterThan(390);
    expect(f.total / 1e9).toBeLessThan(400);
    expect(f.checks / f.total).toBeCloseTo(0.61, 2);
  });

  it('generates CIFAR-shaped files (outside the repository) that the app reads as training + test batches, then trains on them', async () => {
    const files = benchFiles(300, 200, '/nonexistent-folder');
    try {
      expect(files.source).toBe('generated');
      expect(files.dir.startsWith(process.cwd())).toBe(false);
      const dataset = await loadBenchDataset(files);
      expect(dataset.train.count).toBe(1000);
      expect(dataset.test?.count).toBe(1000);
      expect(dataset.imageShape).toEqual([3, 32, 32]);

      const w = withChanges(W, {
        hiddenSize: 16,
        numTrain: 300,
        numVal: 200,
        epochs: 2,
        batchSize: 50,
        learningRate: 1e-3,
      });
      for (const plan of configsOf(w)) {
        const t = await prepareConfiguration(dataset, runSettingsOf(w), plan, 'plain')();
        expect(t.iterations).toBe(iterationsOf(w));
        expect(t.checks).toBe(checksOf(w));
        // The generated classes differ in their mean image, in both files: even 12 steps learn something that generalizes.
        expect(t.finalTrainAcc).toBeGreaterThan(0.2);
        expect(t.finalValAcc).toBeGreaterThan(0.2);
      }
    } finally {
      files.cleanup();
    }
    expect(existsSync(join(files.dir, TRAIN_FILE)) || existsSync(join(files.dir, VAL_FILE))).toBe(false);
  });
});
