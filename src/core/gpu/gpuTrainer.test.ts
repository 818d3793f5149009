import { describe, expect, it } from 'vitest';
import { makeSplit } from '../../data/split.ts';
import { syntheticDataset } from '../../data/testing/syntheticDataset.ts';
import type { DropoutScaling } from '../layers.ts';
import { FullyConnectedNet } from '../net.ts';
import { deriveSeed } from '../random.ts';
import { Solver } from '../solver.ts';
import type { TrainerProgress } from '../trainer.ts';
import { checkDeviceLimits } from './gpuDevice.ts';
import { GpuTrainer } from './gpuTrainer.ts';
import { plannedDispatches, stepOps, stepUploads } from './stepPlan.ts';
import { nodeGpu } from './nodeGpu.ts';

const gpu = await nodeGpu();
if (!gpu.device && process.env.CI) throw new Error(`CI has no WebGPU adapter: ${gpu.reason}`);
if (!gpu.device) console.warn(`WebGPU trainer tests skipped: ${gpu.reason}`);

const dataset = syntheticDataset(1400, 'gpu-trainer');
const { data } = makeSplit(dataset, { numTrain: 200, numVal: 300, seed: 3 });
const base = { batchSize: 25, numEpochs: 4, learningRate: 1e-2, weightScale: 5e-2, seed: 17 };

/** The CPU path as a training worker runs it, and its histories. */
function cpuRun(hiddenDims: number[], keepProb: number, scaling: DropoutScaling, numTrainSamples?: number) {
  const model = new FullyConnectedNet({
    hiddenDims,
    inputDim: 16,
    numClasses: 10,
    dropout: keepProb,
    weightScale: base.weightScale,
    dtype: 'float32',
    seed: base.seed,
    maskSeed: deriveSeed(base.seed, 'masks'),
    dropoutScaling: scaling,
  });
  const solver = new Solver(model, data, {
    updateRule: 'adam',
    optimConfig: { learningRate: base.learningRate },
    batchSize: base.batchSize,
    numEpochs: base.numEpochs,
    seed: base.seed,
    numTrainSamples,
  });
  while (!solver.done) solver.step();
  return solver;
}

async function gpuRun(
  hiddenDims: number[],
  keepProb: number,
  scaling: DropoutScaling,
  checks: { numTrainSamples?: number; checkChunkFloats?: number } = {},
) {
  const trainer = new GpuTrainer(gpu.device!, data, {
    hiddenDims,
    numClasses: 10,
    keepProb,
    scaling,
    weightScale: base.weightScale,
    seed: base.seed,
    maskSeed: deriveSeed(base.seed, 'masks'),
    learningRate: base.learningRate,
    batchSize: base.batchSize,
    numEpochs: base.numEpochs,
    ...checks,
  });
  const started = performance.now();
  // Reads made while training goes on, as the session makes them (every fifth step here), each into a free staging buffer.
  const reads: Promise<TrainerProgress>[] = [];
  while (!trainer.done) {
    await trainer.step();
    if (trainer.iteration % 5 === 0) {
      const read = trainer.readProgress();
      if (read) reads.push(read);
    }
  }
  // The thread's own time per step (the bench reports it) is counted, and is part of the loop's.
  expect(trainer.recordMs).toBeGreaterThan(0);
  expect(trainer.recordMs).toBeLessThan(performance.now() - started);
  reads.push(trainer.drainProgress());
  const progress = await Promise.all(reads);
  // The reads cover every iteration once, in order, and bring every check once.
  let next = 0;
  for (const p of progress) {
    expect(p.from).toBe(next);
    next += p.losses.length;
  }
  expect(next).toBe(trainer.numIterations);
  const losses = Float32Array.from(progress.flatMap((p) => Array.from(p.losses)));
  expect(progress.flatMap((p) => p.checks)).toEqual(trainer.checks);
  // Each step uploaded what the plan says, and dispatched what the plan says.
  const planned = stepOps(trainer.shapes).flatMap((op) => plannedDispatches(trainer.shapes, op));
  expect(trainer.stepDispatches.map((d) => d.groups)).toEqual(planned.map((d) => d.groups));
  expect(trainer.stepUploadBytes).toBe(
    trainer.numIterations * stepUploads(trainer.shapes).reduce((sum, u) => sum + u.bytes, 0),
  );
  return { trainer, losses };
}

describe.skipIf(!gpu.device)('training on the GPU against the CPU path (same weights, batches and masks)', () => {
  for (const [hiddenDims, keepProb, scaling] of [
    [[30], 0.5, 'inverted'],
    [[24, 18], 0.7, 'vanilla'],
    [[20], 1, 'inverted'],
    [[20], 0.6, 'gaussian'],
  ] as const) {
    it(`${hiddenDims.join('-')} hidden, p = ${keepProb}, ${scaling}: losses to float32 tolerance, accuracy histories within 0.01`, async () => {
      const cpu = cpuRun([...hiddenDims], keepProb, scaling);
      const { trainer, losses } = await gpuRun([...hiddenDims], keepProb, scaling);
      expect(losses).toHaveLength(cpu.lossHistory.length);
      for (let i = 0; i < losses.length; i++)
        expect(Math.abs(losses[i] - cpu.lossHistory[i]), `loss ${i + 1}`).toBeLessThan(
          1e-3 * Math.max(1, cpu.lossHistory[i]),
        );
      expect(trainer.checks.map((c) => [c.iteration, c.epoch])).toEqual(cpu.checks.map((c) => [c.iteration, c.epoch]));
      trainer.checks.forEach((c, i) => {
        expect(Math.abs(c.trainAcc - cpu.checks[i].trainAcc)).toBeLessThanOrEqual(0.01);
        expect(Math.abs(c.valAcc - cpu.checks[i].valAcc)).toBeLessThanOrEqual(0.01);
      });
      // The run learns (above chance, 0.1: the synthetic classes differ in brightness).
      expect(trainer.checks.at(-1)!.valAcc).toBeGreaterThan(0.15);
      const best = await trainer.bestParams();
      expect(Object.keys(best).sort()).toEqual(Object.keys(cpu.bestParams).sort());
      trainer.dispose();
    });
  }

  it("checks on drawn training rows, scored in many chunks, give the CPU path's accuracies", async () => {
    // 120 of 200 training rows drawn per check (as the Solver draws them) and chunks of 64 rows: 2 chunks of training
    // rows and 5 of validation rows, their indices and labels read at 256-byte offsets.
    const cpu = cpuRun([30], 0.5, 'inverted', 120);
    const { trainer } = await gpuRun([30], 0.5, 'inverted', { numTrainSamples: 120, checkChunkFloats: 64 * 30 });
    expect(trainer.checks).toHaveLength(cpu.checks.length);
    trainer.checks.forEach((c, i) => {
      expect(c.trainAcc * 120).toBe(Math.round(c.trainAcc * 120));
      expect(Math.abs(c.trainAcc - cpu.checks[i].trainAcc)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(c.valAcc - cpu.checks[i].valAcc)).toBeLessThanOrEqual(0.01);
    });
    trainer.dispose();
  });

  it("data larger than the device's largest buffer is refused before training, naming the limit", () => {
    const small = { limits: { maxStorageBufferBindingSize: 1000, maxBufferSize: 4000 } } as unknown as GPUDevice;
    expect(() => checkDeviceLimits(small, [['the training images', 1200]])).toThrow(
      /^the training images take 0 MB, more than this GPU's largest buffer \(0 MB, maxStorageBufferBindingSize\)/,
    );
    expect(() => checkDeviceLimits(small, [['the training images', 999]])).not.toThrow();
  });

  it('a lost device ends the run with an error', async () => {
    const adapterGpu = await nodeGpu();
    if (!adapterGpu.device) throw new Error(adapterGpu.reason);
    const trainer = new GpuTrainer(adapterGpu.device, data, {
      hiddenDims: [20],
      numClasses: 10,
      keepProb: 0.5,
      scaling: 'inverted',
      weightScale: base.weightScale,
      seed: 1,
      maskSeed: 2,
      learningRate: 1e-2,
      batchSize: 25,
      numEpochs: 2,
    });
    await trainer.step();
    adapterGpu.device.destroy();
    await expect(
      (async () => {
        while (!trainer.done) await trainer.step();
        await trainer.drainProgress();
      })(),
    ).rejects.toThrow();
  });
});
