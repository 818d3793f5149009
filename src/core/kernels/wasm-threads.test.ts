import { afterAll, describe, expect, it } from 'vitest';
import { FullyConnectedNet } from '../net.ts';
import { createRng } from '../random.ts';
import { Solver } from '../solver.ts';
import { randomLabels } from '../randomTensors.ts';
import { installFastKernels, kernels, plainKernels, useKernels, type MatmulKernels } from './index.ts';
import { nodeKernelHelpers } from './testing/nodeKernelHelpers.ts';
import { createWasmKernelsSync, sharedMemorySupported, wasmSimdSupported, type WasmKernels } from './wasm.ts';
import { splitRange } from './wasm-team.ts';

const helpers = nodeKernelHelpers();
const available = wasmSimdSupported() && sharedMemorySupported();
if (!available) console.warn('skipping the threaded kernels: no WebAssembly SIMD or shared memory here');

afterAll(async () => {
  useKernels(plainKernels);
  await helpers.terminate();
});

function operand(length: number, seed: number, density = 1): Float32Array {
  const rng = createRng(`threads:${seed}`);
  return Float32Array.from({ length }, () => (density >= 1 || rng.uniform() < density ? rng.normal() : 0));
}

/** Threaded kernels whose helpers are all ready; every product with any work is split (parallelMinWork 1). */
function threaded(threads: number): WasmKernels {
  const k = createWasmKernelsSync({ threads, spawnHelper: helpers.spawnHelper, parallelMinWork: 1 });
  expect(k.team!.waitReady(10_000)).toBe(threads - 1);
  return k;
}

/** A whole training run's histories and final weights with these kernels. */
function trainWith(k: MatmulKernels, keepProb: number) {
  useKernels(k);
  const data = {
    XTrain: { data: operand(120 * 300, 1), shape: [120, 300] },
    yTrain: randomLabels(120, 10, 2),
    XVal: { data: operand(60 * 300, 3), shape: [60, 300] },
    yVal: randomLabels(60, 10, 4),
  };
  const model = new FullyConnectedNet({
    hiddenDims: [100, 37],
    inputDim: 300,
    numClasses: 10,
    dtype: 'float32',
    dropout: keepProb,
    seed: 5,
    maskSeed: 6,
    weightScale: 5e-2,
  });
  const solver = new Solver(model, data, {
    updateRule: 'adam',
    optimConfig: { learningRate: 1e-3 },
    batchSize: 30,
    numEpochs: 3,
    seed: 7,
  });
  solver.train();
  return {
    inKernelMemory: model.params.W1.data.buffer instanceof SharedArrayBuffer,
    loss: solver.lossHistory,
    train: solver.trainAccHistory,
    val: solver.valAccHistory,
    weights: Object.fromEntries(Object.entries(model.params).map(([name, p]) => [name, Array.from(p.data)])),
  };
}

describe.skipIf(!available)('WebAssembly threads', () => {
  it('split ranges cover everything once, in whole blocks', () => {
    for (const [total, size, parts] of [
      [500, 8, 2],
      [500, 8, 3],
      [3072, 64, 8],
      [7, 4, 5],
      [1, 1, 2],
    ]) {
      const ranges = Array.from({ length: parts }, (_, t) => splitRange(total, size, parts, t));
      expect(ranges[0][0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(total);
      ranges.forEach(([from, to], t) => {
        expect(from % size).toBe(0);
        expect(to).toBeGreaterThanOrEqual(from);
        if (t > 0) expect(from).toBe(ranges[t - 1][1]);
      });
    }
  });

  it('every product, dense and sparse, is bit-identical to one thread (2 and 3 threads)', () => {
    const one = createWasmKernelsSync({});
    for (const threads of [2, 3]) {
      const k = threaded(threads);
      for (const [m, kk, n] of [
        [100, 3072, 500],
        [1500, 64, 500],
        [37, 129, 61],
        [3072, 100, 500],
      ]) {
        for (const density of [1, 0.12]) {
          const a = operand(m * kk, m + kk, density);
          const b = operand(kk * n, n, density);
          for (const kind of ['NN', 'NT', 'TN'] as const) {
            const [x, y] =
              kind === 'TN' ? [operand(kk * m, 9, density), b] : [a, kind === 'NT' ? operand(n * kk, 8) : b];
            const want = new Float32Array(m * n);
            const got = new Float32Array(m * n);
            one[`matmul${kind}`](x, y, want, m, kk, n);
            k[`matmul${kind}`](x, y, got, m, kk, n);
            expect(
              got.every((v, i) => Object.is(v, want[i])),
              `${kind} ${m}x${kk}x${n} density ${density}, ${threads} threads`,
            ).toBe(true);
          }
        }
      }
      k.dispose();
    }
  });

  it("a whole run's loss, train and validation histories and weights are bit-identical to one thread", () => {
    const k = threaded(2);
    const before = k.stats.calls;
    for (const keepProb of [1, 0.25]) {
      const single = trainWith(createWasmKernelsSync({}), keepProb);
      const multi = trainWith(k, keepProb);
      expect(multi.loss.length).toBeGreaterThan(10);
      expect(multi).toEqual(single);
      expect(multi.loss.every((l, i) => Object.is(l, single.loss[i]))).toBe(true);
    }
    expect(k.stats.calls).toBeGreaterThan(before);
    k.dispose();
  });

  it("parameters in the kernels' own memory (no copies) give a run bit-identical to copied ones, and survive its growth", () => {
    const k = createWasmKernelsSync({});
    const copying: MatmulKernels = { ...k, lasting: undefined };
    for (const keepProb of [1, 0.25]) {
      const inPlace = trainWith(k, keepProb);
      const copied = trainWith(copying, keepProb);
      expect(inPlace.inKernelMemory).toBe(true);
      expect(copied.inKernelMemory).toBe(false);
      const { inKernelMemory: _a, ...inPlaceRun } = inPlace;
      const { inKernelMemory: _b, ...copiedRun } = copied;
      expect(inPlaceRun).toEqual(copiedRun);
    }
    // A lasting array keeps its values while the memory grows under it (a big product's scratch).
    const kept = k.lasting(1001)!;
    kept.forEach((_, i) => (kept[i] = i));
    const before = k.memory.buffer.byteLength;
    const [m, kk, n] = [1200, 1000, 300];
    k.matmulNN(operand(m * kk, 1), operand(kk * n, 2), new Float32Array(m * n), m, kk, n);
    expect(k.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(kept.every((v, i) => v === i)).toBe(true);
  });

  it('split products are checked against one thread when helpers first can work; a broken helper means one thread, not wrong numbers', async () => {
    const good = threaded(2);
    expect(good.threadsChecked).toBeNull();
    const [m, kk, n] = [100, 300, 200];
    const a = operand(m * kk, 1);
    const b = operand(kk * n, 2);
    const want = new Float32Array(m * n);
    createWasmKernelsSync({}).matmulNN(a, b, want, m, kk, n);
    const got = new Float32Array(m * n);
    good.matmulNN(a, b, got, m, kk, n);
    expect(good.threadsChecked).toBe(true);
    expect(good.stats.splitCalls).toBeGreaterThan(0);
    good.dispose();

    // A helper that says it did its block but writes nothing.
    const idle = nodeKernelHelpers(() => {});
    const broken = createWasmKernelsSync({ threads: 2, spawnHelper: idle.spawnHelper, parallelMinWork: 1 });
    expect(broken.team!.waitReady(10_000)).toBe(1);
    const fromBroken = new Float32Array(m * n);
    broken.matmulNN(a, b, fromBroken, m, kk, n);
    expect(broken.threadsChecked).toBe(false);
    expect(fromBroken.every((v, i) => Object.is(v, want[i]))).toBe(true);
    const splits = broken.stats.splitCalls;
    broken.matmulNN(a, b, fromBroken, m, kk, n);
    expect(broken.stats.splitCalls).toBe(splits);
    broken.dispose();
    await idle.terminate();
  });

  it('a budget limits the helpers used now; raised, they join', () => {
    const k = threaded(3);
    const budget = new SharedArrayBuffer(4);
    k.team!.useBudget(budget);
    expect(k.team!.readyHelpers()).toBe(0);
    Atomics.store(new Int32Array(budget), 0, 1);
    expect(k.team!.readyHelpers()).toBe(1);
    Atomics.store(new Int32Array(budget), 0, 5);
    expect(k.team!.readyHelpers()).toBe(2);
    k.dispose();
  });

  it('installFastKernels uses the threads when asked and they pass its self-check', async () => {
    const path = await installFastKernels({ relaxed: false, threads: 2, spawnHelper: helpers.spawnHelper });
    expect(path).toBe('wasm-simd');
    expect((kernels() as WasmKernels).team?.helpers).toBe(1);
    (kernels() as WasmKernels).dispose();
  });

  it('one thread as before when threads are not asked for or no helper can be started', () => {
    expect(createWasmKernelsSync({ threads: 4 }).team).toBeNull();
    expect(createWasmKernelsSync({ spawnHelper: helpers.spawnHelper }).team).toBeNull();
  });
});
