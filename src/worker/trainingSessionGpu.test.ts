import { describe, expect, it, vi } from 'vitest';
import { nodeGpu } from '../core/gpu/nodeGpu.ts';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import type { FromTrainWorker, TrainConfig, TrainStart } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';

/** Solvers made so far: a GPU run trains through the GPU trainer alone (the trainer seam), with no CPU Solver beside it. */
const solversMade = vi.hoisted(() => ({ count: 0 }));
vi.mock('../core/solver.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../core/solver.ts')>();
  class CountedSolver extends actual.Solver {
    constructor(...args: ConstructorParameters<typeof actual.Solver>) {
      super(...args);
      solversMade.count++;
    }
  }
  return { ...actual, Solver: CountedSolver };
});

const gpu = await nodeGpu();
if (!gpu.device && process.env.CI) throw new Error(`CI has no WebGPU adapter: ${gpu.reason}`);
if (!gpu.device) console.warn(`GPU training session tests skipped: ${gpu.reason}`);

const dataset = syntheticDataset(1400, 'gpu-session');
const small: Partial<TrainConfig> = {
  hiddenSize: 24,
  numTrain: 200,
  epochs: 3,
  batchSize: 25,
  learningRate: 1e-2,
  weightScale: 5e-2,
  insight: true,
};

async function session(kernels: TrainConfig['kernels'], keepProb = 0.5) {
  const start: TrainStart = {
    type: 'start',
    runId: 'r',
    configId: 'dropout',
    dataset,
    config: testTrainConfig({ ...small, keepProb, kernels }),
  };
  const messages: FromTrainWorker[] = [];
  let doneAt = NaN;
  const created = new TrainingSession(
    start,
    (m) => {
      if (m.type === 'done') doneAt = performance.now();
      messages.push(m);
    },
    kernels,
    kernels === 'gpu' ? gpu.device : null,
  );
  // From the first step, as the CPU path counts its training time (the net and its buffers are made before).
  const started = performance.now();
  await created.run();
  const doneAfterMs = doneAt - started;
  return Object.assign(messages, { doneAfterMs });
}

describe.skipIf(!gpu.device)('a training session on the GPU (kernels "gpu")', () => {
  it('streams every loss once, the same checks as the CPU session within 0.01, masks without activations, results then figures', async () => {
    const [onGpu, onCpu] = [await session('gpu'), await session('exact')];
    const losses = (ms: FromTrainWorker[]) => ms.flatMap((m) => (m.type === 'progress' ? Array.from(m.losses) : []));
    const firsts = onGpu.flatMap((m) => (m.type === 'progress' ? [[m.firstIteration, m.losses.length]] : []));
    let expected = 1;
    for (const [first, n] of firsts) {
      expect(first).toBe(expected);
      expected += n;
    }
    expect(losses(onGpu)).toHaveLength(24);
    losses(onGpu).forEach((l, i) =>
      expect(Math.abs(l - losses(onCpu)[i])).toBeLessThan(1e-3 * Math.max(1, losses(onCpu)[i])),
    );
    const checks = (ms: FromTrainWorker[]) => ms.flatMap((m) => (m.type === 'check' ? [m.check] : []));
    expect(checks(onGpu)).toHaveLength(checks(onCpu).length);
    checks(onGpu).forEach((c, i) => {
      expect(c.iteration).toBe(checks(onCpu)[i].iteration);
      expect(Math.abs(c.valAcc - checks(onCpu)[i].valAcc)).toBeLessThanOrEqual(0.01);
    });
    const mask = onGpu.find((m) => m.type === 'mask');
    expect(mask?.type === 'mask' && mask.frame.before).toBeNull();
    expect(mask?.type === 'mask' && mask.frame.keptCount).toBeGreaterThan(0);
    expect(onGpu.some((m) => m.type === 'features')).toBe(false);
    expect(onGpu.map((m) => m.type).slice(-2)).toEqual(['done', 'insight']);
    const insight = onGpu.at(-1);
    expect(insight?.type === 'insight' && insight.insight?.mc?.sampleCounts).toEqual([1, 2, 5, 10, 20, 50, 100]);
    const done = onGpu.at(-2);
    if (done?.type !== 'done') throw new Error('no summary');
    expect(done.summary).toMatchObject({ outcome: 'finished', iterations: 24 });
    // Its training time is the time the GPU took too, not only the recording of its work (which is a small part).
    expect(done.summary.elapsedMs).toBeGreaterThan(0.5 * onGpu.doneAfterMs);
    expect(done.summary.elapsedMs).toBeLessThanOrEqual(onGpu.doneAfterMs);
  });

  it('a GPU session builds no CPU Solver (a CPU session builds one)', () => {
    for (const [kernels, solvers] of [
      ['gpu', 0],
      ['exact', 1],
    ] as const) {
      const before = solversMade.count;
      const start: TrainStart = {
        type: 'start',
        runId: 'r',
        configId: 'dropout',
        dataset,
        config: testTrainConfig({ ...small, kernels }),
      };
      const created = new TrainingSession(start, () => {}, kernels, kernels === 'gpu' ? gpu.device : null);
      expect(solversMade.count - before).toBe(solvers);
      created.trainer.dispose();
    }
  });

  it('a learning rate that blows up ends the configuration as diverged, with the iteration', async () => {
    const start: TrainStart = {
      type: 'start',
      runId: 'r',
      configId: 'dropout',
      dataset,
      config: testTrainConfig({ ...small, keepProb: 0.5, kernels: 'gpu', learningRate: 1e30 }),
    };
    const messages: FromTrainWorker[] = [];
    await new TrainingSession(start, (m) => messages.push(m), 'gpu', gpu.device).run();
    const done = messages.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error('no summary');
    expect(done.summary.outcome).toBe('diverged');
    expect(done.summary.message).toMatch(/^diverged at iteration \d+ \(the loss became (NaN|Infinity)\)$/);
  });
});
