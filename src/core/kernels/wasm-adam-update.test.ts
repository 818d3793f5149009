import { afterEach, describe, expect, it } from 'vitest';
import { FullyConnectedNet } from '../net.ts';
import { adam, type OptimConfig } from '../optim.ts';
import { createRng } from '../random.ts';
import { Solver } from '../solver.ts';
import { randn, randomLabels } from '../randomTensors.ts';
import type { FloatArray } from '../tensor.ts';
import { installFastKernels, kernels, plainKernels, useKernels, type MatmulKernels } from './index.ts';
import { paths } from './testing/wasmPaths.ts';
import { createWasmKernelsSync, relaxedSimdSupported, sharedMemorySupported, wasmSimdSupported } from './wasm.ts';
afterEach(() => useKernels(plainKernels));

for (const path of paths) {
  describe.skipIf(!path.available)(`${path.name} Adam update`, () => {
    it('matches optim.ts bit for bit over several steps (chunk edges, odd lengths, zero and huge gradients, Float64 fallback)', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      for (const n of [1, 2, 3, 8191, 8192, 8193, 3 * 8192 + 5, 3072 * 50 + 1]) {
        const rng = createRng(`adam:${n}`);
        const w = Float32Array.from({ length: n }, () => 0.01 * rng.normal());
        const ref = w.slice();
        const fast: OptimConfig = { learningRate: 5e-4 };
        const plain: OptimConfig = { learningRate: 5e-4 };
        for (let t = 0; t < 4; t++) {
          const dw = Float32Array.from({ length: n }, (_, i) =>
            i % 7 === 0 ? 0 : i % 11 === 0 ? 1e30 * rng.normal() : rng.normal() * 10 ** (t - 2),
          );
          k.adam!(w, dw, fast);
          adam(ref, dw, plain);
        }
        expect(fast.t).toBe(4);
        const differ = (a: Float32Array, b: FloatArray | undefined) => a.findIndex((x, i) => !Object.is(x, b![i]));
        expect(differ(w, ref), `n = ${n}: first parameter that differs`).toBe(-1);
        expect(differ(fast.m as Float32Array, plain.m), `n = ${n}: m`).toBe(-1);
        expect(differ(fast.v as Float32Array, plain.v), `n = ${n}: v`).toBe(-1);
      }
      const w64 = randn([9], 1).data;
      const ref64 = w64.slice();
      const dw64 = randn([9], 2).data;
      k.adam!(w64, dw64, {});
      adam(ref64, dw64, {});
      expect(Array.from(w64)).toEqual(Array.from(ref64));
    });

    it('is what the Solver uses once the kernels are installed', async () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const calls = { n: 0 };
      const counting: MatmulKernels = { ...k, adam: (w, dw, c) => (calls.n++, k.adam!(w, dw, c)) };
      useKernels(counting);
      const model = new FullyConnectedNet({ hiddenDims: [8], inputDim: 6, numClasses: 10, seed: 1 });
      const solver = new Solver(
        model,
        {
          XTrain: randn([20, 6], 1, { dtype: 'float32' }),
          yTrain: randomLabels(20, 10, 2),
          XVal: randn([5, 6], 3, { dtype: 'float32' }),
          yVal: randomLabels(5, 10, 4),
        },
        { updateRule: 'adam', batchSize: 10, numEpochs: 1 },
      );
      solver.step();
      expect(calls.n).toBe(4);
    });
  });
}

describe.skipIf(!(wasmSimdSupported() && sharedMemorySupported()))('Adam on arrays in the kernels memory', () => {
  it('updates in place, bit for bit as optim.ts, odd lengths included, and leaves the padding zero', () => {
    const k = createWasmKernelsSync({});
    for (const n of [1, 7, 4096, 4099]) {
      const w = k.lasting(n)!;
      const grad = k.lasting(n)!;
      w.forEach((_, i) => (w[i] = Math.sin(i) * 0.1));
      const ref = w.slice();
      const fast: OptimConfig = { learningRate: 1e-2 };
      const plain: OptimConfig = { learningRate: 1e-2 };
      for (let t = 0; t < 3; t++) {
        grad.forEach((_, i) => (grad[i] = Math.cos(i * (t + 1))));
        k.adam!(w, grad, fast);
        adam(ref, grad.slice(), plain);
      }
      expect(
        w.every((x, i) => Object.is(x, ref[i])),
        `n = ${n}`,
      ).toBe(true);
      expect(fast.m!.buffer).toBe(w.buffer);
      expect(Array.from(fast.m as Float32Array)).toEqual(Array.from(plain.m as Float32Array));
      const f32 = new Float32Array(k.memory.buffer);
      for (const x of [w, fast.m as Float32Array, fast.v as Float32Array]) {
        expect(Array.from(f32.subarray((x.byteOffset >> 2) + n, (x.byteOffset >> 2) + n + 4))).toEqual([0, 0, 0, 0]);
      }
    }
  });
});

describe('installFastKernels', () => {
  it('installs the best available path and reports it', async () => {
    const path = await installFastKernels();
    expect(['wasm-relaxed-simd', 'wasm-simd', 'plain']).toContain(path);
    expect(kernels().name).toBe(path);
    if (relaxedSimdSupported()) expect(path).toBe('wasm-relaxed-simd');
    else if (wasmSimdSupported()) expect(path).toBe('wasm-simd');
  });

  it('can be told not to use relaxed SIMD', async () => {
    const path = await installFastKernels({ relaxed: false });
    expect(path).toBe(wasmSimdSupported() ? 'wasm-simd' : 'plain');
  });

  it('falls back to plain instead of throwing on bad options', async () => {
    expect(await installFastKernels({ mc: 3, mr: 4 })).toBe('plain');
    expect(kernels()).toBe(plainKernels);
  });
});
