import { afterEach, describe, expect, it } from 'vitest';
import { FullyConnectedNet } from '../net.ts';
import { randn, randomLabels } from '../randomTensors.ts';
import { plainKernels, useKernels, type MatmulKernels } from './index.ts';
import { operand, paths } from './testing/wasmPaths.ts';
import { createWasmKernelsSync } from './wasm.ts';

afterEach(() => useKernels(plainKernels));

for (const path of paths) {
  describe.skipIf(!path.available)(`${path.name} fused bias + ReLU`, () => {
    it('fused bias + ReLU: the product then the plain loops, bit for bit (odd widths, -0, NaN, row chunks, Float64 fallback)', () => {
      for (const options of [{}, { maxRowsFloats: 64 }, { sparseBelow: 2, sparseMinCols: 0 }]) {
        const k = createWasmKernelsSync({ ...options, relaxed: path.relaxed });
        for (const [n, d, m] of [
          [1, 1, 1],
          [7, 13, 5],
          [30, 40, 33],
          [100, 3072, 10],
          [9, 0, 6],
        ]) {
          const x = operand(n * d, n + d + m, 0.6);
          if (x.length > 3) x[3] = Number.NaN;
          const w = operand(d * m, 2 * m + 1);
          const b = operand(m, 7).map((v, j) => (j % 3 === 0 ? -0 : v));
          for (const relu of [false, true]) {
            const got = new Float32Array(n * m).fill(9);
            k.affine!(x, w, b, got, n, d, m, relu);
            const ref = new Float32Array(n * m);
            k.matmulNN(x, w, ref, n, d, m);
            for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) ref[i * m + j] += b[j];
            if (relu) for (let i = 0; i < ref.length; i++) ref[i] = ref[i] > 0 ? ref[i] : 0;
            expect(
              got.findIndex((v, i) => !Object.is(v, ref[i])),
              `${n}x${d}x${m} relu ${relu}`,
            ).toBe(-1);
          }
        }
      }
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const [x, w, b] = [randn([3, 4], 1).data, randn([4, 5], 2).data, randn([5], 3).data];
      const got = new Float64Array(15);
      k.affine!(x, w, b, got, 3, 4, 5, true);
      const ref = new Float64Array(15);
      plainKernels.matmulNN(x, w, ref, 3, 4, 5);
      expect(Array.from(got)).toEqual(Array.from(ref, (v, i) => Math.max(0, v + b[i % 5])));
    });

    it('a FullyConnectedNet gives the same loss and gradients with and without the fused bias + ReLU', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const unfused: MatmulKernels = { ...k, affine: undefined };
      for (const dropout of [1, 0.5]) {
        const X = randn([40, 300], 21, { dtype: 'float32' });
        const y = randomLabels(40, 10, 22);
        const make = () =>
          new FullyConnectedNet({
            hiddenDims: [64, 30],
            inputDim: 300,
            numClasses: 10,
            dtype: 'float32',
            dropout,
            dropoutSeed: 1,
            seed: 4,
            weightScale: 5e-2,
          });
        useKernels(unfused);
        const ref = make().loss(X, y);
        const refGrads = Object.fromEntries(Object.entries(ref.grads).map(([name, g]) => [name, Array.from(g.data)]));
        const refScores = Array.from(make().loss(X).data);
        useKernels(k);
        const got = make().loss(X, y);
        expect(got.loss).toBe(ref.loss);
        for (const [name, g] of Object.entries(got.grads)) expect(Array.from(g.data), name).toEqual(refGrads[name]);
        expect(Array.from(make().loss(X).data)).toEqual(refScores);
      }
    });
  });
}
