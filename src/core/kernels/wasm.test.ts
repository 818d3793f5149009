import { afterEach, describe, expect, it } from 'vitest';
import { FullyConnectedNet } from '../net.ts';
import { randn, randomLabels } from '../randomTensors.ts';
import type { FloatArray } from '../tensor.ts';
import { plainKernels, useKernels, type MatmulKernels } from './index.ts';
import { operand, paths } from './testing/wasmPaths.ts';
import { createWasmKernels, createWasmKernelsSync, type WasmKernelOptions } from './wasm.ts';

type Kind = 'NN' | 'NT' | 'TN';
const KINDS: Kind[] = ['NN', 'NT', 'TN'];

afterEach(() => useKernels(plainKernels));

/** Checks c against the plain kernels: max |c - ref| <= tol * max |ref|, and per entry against tol * (|a| @ |b|). */
function expectAgrees(
  kind: Kind,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  tol = 1e-5,
) {
  const ref = new Float32Array(m * n);
  plainKernels[`matmul${kind}`](a, b, ref, m, k, n);
  const bound = new Float64Array(m * n);
  plainKernels[`matmul${kind}`](Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), bound, m, k, n);
  let maxRef = 0;
  let maxDiff = 0;
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    maxRef = Math.max(maxRef, Math.abs(ref[i]));
    const d = Math.abs(c[i] - ref[i]);
    maxDiff = Math.max(maxDiff, d);
    if (!(d <= tol * bound[i] + 1e-30)) worst = Math.max(worst, d / bound[i]);
    if (Number.isNaN(c[i])) worst = Infinity;
  }
  const shape = `${kind} ${m}x${k}x${n}`;
  expect(worst, `${shape}: an entry is off by more than ${tol} of sum |a||b|`).toBe(0);
  expect(maxDiff, `${shape}: max difference relative to max |ref|`).toBeLessThanOrEqual(tol * maxRef);
}

function run(
  k: MatmulKernels,
  kind: Kind,
  a: FloatArray,
  b: FloatArray,
  m: number,
  kk: number,
  n: number,
): Float32Array {
  const c = new Float32Array(m * n).fill(Number.NaN);
  k[`matmul${kind}`](a, b, c, m, kk, n);
  return c;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 1],
  [3, 1, 7],
  [1, 9, 13],
  [13, 9, 1],
  [2, 3, 4],
  [5, 7, 9],
  [4, 8, 8],
  [8, 4, 16],
  [17, 33, 21],
  [31, 257, 19],
  [7, 513, 3],
  [129, 40, 1030],
  [65, 70, 37],
  [100, 500, 10],
  [100, 10, 500],
];

const VARIANTS: { label: string; options: WasmKernelOptions }[] = [
  { label: 'default', options: {} },
  { label: 'dense only', options: { sparseBelow: 0 } },
  { label: 'sparse forced', options: { sparseBelow: 2, sparseMinCols: 0 } },
  { label: 'small blocks', options: { kc: 5, mc: 8, nc: 16, sparseBelow: 0 } },
  { label: 'row chunks', options: { maxRowsFloats: 64 } },
  { label: '3x12 tile, k unrolled by 2', options: { mr: 3, nr: 12, unroll: 2, mc: 9, kc: 7, sparseBelow: 0 } },
  {
    label: '6x8 tile, 8-vector sparse chunks',
    options: { mr: 6, nr: 8, sparseVectors: 8, sparseBelow: 0.6, sparseMinCols: 0 },
  },
];

for (const path of paths) {
  describe.skipIf(!path.available)(`${path.name} kernels`, () => {
    for (const { label, options } of VARIANTS) {
      it(`agree with the plain kernels on odd shapes (${label})`, () => {
        const k = createWasmKernelsSync({ ...options, relaxed: path.relaxed });
        expect(k.name).toBe(path.name);
        let seed = 0;
        for (const [m, kk, n] of SHAPES) {
          for (const density of [1, 0.13, 0.5]) {
            for (const kind of KINDS) {
              const a = operand(m * kk, ++seed, density);
              const b = operand(kk * n, ++seed, kind === 'TN' ? density : 1);
              expectAgrees(kind, a, b, run(k, kind, a, b, m, kk, n), m, kk, n);
            }
          }
        }
      });
    }

    it('agree on the assignment shapes (X @ W1, dW1 = X^T @ dh with a sparse dh, dh = dscores @ W2^T)', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const X = operand(100 * 3072, 1);
      const W1 = operand(3072 * 500, 2);
      expectAgrees('NN', X, W1, run(k, 'NN', X, W1, 100, 3072, 500), 100, 3072, 500);
      const dh = operand(100 * 500, 3, 0.13);
      expectAgrees('TN', X, dh, run(k, 'TN', X, dh, 3072, 100, 500), 3072, 100, 500);
      const denseDh = operand(100 * 500, 4);
      expectAgrees('TN', X, denseDh, run(k, 'TN', X, denseDh, 3072, 100, 500), 3072, 100, 500);
      const dscores = operand(100 * 10, 5);
      const W2 = operand(500 * 10, 6);
      expectAgrees('NT', dscores, W2, run(k, 'NT', dscores, W2, 100, 10, 500), 100, 10, 500);
      const W1t = operand(500 * 3072, 7);
      expectAgrees('NT', X, W1t, run(k, 'NT', X, W1t, 100, 3072, 500), 100, 3072, 500);
      const mnist = operand(100 * 784, 8, 0.19);
      const W1m = operand(784 * 500, 9);
      expectAgrees('NN', mnist, W1m, run(k, 'NN', mnist, W1m, 100, 784, 500), 100, 784, 500);
    });

    it('handle all-zero operands, zero rows and columns, k = 0 and empty outputs', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const [m, kk, n] = [9, 23, 18];
      for (const kind of KINDS) {
        const zero = new Float32Array(m * kk);
        const b = operand(kk * n, 1);
        expect(Array.from(run(k, kind, zero, b, m, kk, n)).every((v) => v === 0)).toBe(true);
        // zero rows of a (NN, NT) / zero columns of b (TN) as after dead ReLUs
        const a = operand(m * kk, 2);
        const bz = b.slice();
        for (let p = 0; p < kk; p++) for (let j = 0; j < n; j += 3) bz[p * n + j] = 0;
        for (let i = 0; i < m * kk; i += 2) a[i] = 0;
        expectAgrees(kind, a, bz, run(k, kind, a, bz, m, kk, n), m, kk, n);
        const c = new Float32Array(m * n).fill(7);
        k[`matmul${kind}`](new Float32Array(0), new Float32Array(0), c, m, 0, n);
        expect(Array.from(c).every((v) => v === 0)).toBe(true);
        const untouched = new Float32Array(3).fill(5);
        k[`matmul${kind}`](new Float32Array(0), b, untouched, 0, kk, n);
        expect(Array.from(untouched)).toEqual([5, 5, 5]);
      }
    });

    it('read views at an offset, and write only the first m * n entries of c', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const [m, kk, n] = [6, 11, 10];
      const bigA = operand(3 + m * kk + 5, 1);
      const bigB = operand(1 + kk * n, 2);
      const a = bigA.subarray(3, 3 + m * kk);
      const b = bigB.subarray(1);
      for (const kind of KINDS) {
        const c = new Float32Array(m * n + 4).fill(-3);
        k[`matmul${kind}`](a, b, c, m, kk, n);
        expectAgrees(kind, a, b, c.subarray(0, m * n), m, kk, n);
        expect(Array.from(c.subarray(m * n))).toEqual([-3, -3, -3, -3]);
      }
    });

    it('fall back to the plain kernels for Float64Array operands (identical results)', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const [m, kk, n] = [5, 13, 7];
      const a = randn([m, kk], 1).data;
      const b = randn([kk, n], 2).data;
      for (const kind of KINDS) {
        const c = new Float64Array(m * n);
        const ref = new Float64Array(m * n);
        k[`matmul${kind}`](a, b, c, m, kk, n);
        plainKernels[`matmul${kind}`](a, b, ref, m, kk, n);
        expect(Array.from(c)).toEqual(Array.from(ref));
      }
    });

    it('use operands that live in their memory in place, also after it grows', () => {
      const k = createWasmKernelsSync({ relaxed: path.relaxed });
      const [m, kk, n] = [37, 300, 45];
      const ra = k.lasting(m * kk)!;
      const rb = k.lasting(kk * n)!;
      ra.set(operand(m * kk, 1));
      rb.set(operand(kk * n, 2));
      const pages = k.memory.buffer.byteLength;
      expectAgrees('NN', ra.slice(), rb.slice(), run(k, 'NN', ra, rb, m, kk, n), m, kk, n);
      // a big product grows the scratch area; a shared memory's views stay valid
      const big = operand(400 * 1000, 3);
      run(k, 'NN', big, operand(1000 * 300, 4), 400, 1000, 300);
      expect(k.memory.buffer.byteLength).toBeGreaterThan(pages);
      expect(ra.length).toBe(m * kk);
      for (const kind of ['NN', 'TN'] as const) {
        const [mm, kkk] = kind === 'NN' ? [m, kk] : [kk, m];
        expectAgrees(kind, ra.slice(), rb.slice(), run(k, kind, ra, rb, mm, kkk, n), mm, kkk, n);
      }
    });

    it('give a float32 FullyConnectedNet the same loss and gradients as the plain kernels', async () => {
      const fast = await createWasmKernels({ relaxed: path.relaxed });
      for (const { dropout, hiddenDims, D, N } of [
        { dropout: 0.25, hiddenDims: [500], D: 3072, N: 50 },
        { dropout: 1, hiddenDims: [100, 60], D: 784, N: 40 },
        { dropout: 0.5, hiddenDims: [64, 64, 32], D: 99, N: 13 },
      ]) {
        const X = randn([N, D], 11, { dtype: 'float32' });
        const y = randomLabels(N, 10, 12);
        const make = () =>
          new FullyConnectedNet({
            hiddenDims,
            inputDim: D,
            numClasses: 10,
            dtype: 'float32',
            dropout,
            dropoutSeed: 5,
            reg: 0.05,
            seed: 3,
            weightScale: 5e-2,
          });
        useKernels(plainKernels);
        const ref = make().loss(X, y);
        const refGrads = Object.fromEntries(Object.entries(ref.grads).map(([k, g]) => [k, g.data.slice()]));
        const refScores = make().loss(X).data.slice();
        useKernels(fast);
        const got = make().loss(X, y);
        const scores = make().loss(X).data;
        useKernels(plainKernels);
        expect(Math.abs(got.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-5);
        expect(maxRel(scores, refScores)).toBeLessThan(1e-5);
        for (const [name, g] of Object.entries(got.grads))
          expect(maxRel(g.data, refGrads[name]), name).toBeLessThan(1e-5);
      }
      expect(fast.stats.calls).toBeGreaterThan(0);
      expect(fast.stats.sparseCalls).toBeGreaterThan(0);
    });
  });
}

function maxRel(x: FloatArray, ref: FloatArray): number {
  let d = 0;
  let r = 0;
  for (let i = 0; i < ref.length; i++) {
    d = Math.max(d, Math.abs(x[i] - ref[i]));
    r = Math.max(r, Math.abs(ref[i]));
  }
  return r === 0 ? d : d / r;
}
