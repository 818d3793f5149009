import { describe, expect, it } from 'vitest';
import { adam } from '../optim.ts';
import { plainKernels } from '../kernels/plain.ts';
import { createRng } from '../random.ts';
import { planMatmul } from './dispatchPlan.ts';
import { adamParams, GpuShaders, type GpuDispatch } from './gpuShaders.ts';
import { packMaskWords } from './maskWords.ts';
import { DoubleReadback, Readback } from './readback.ts';
import { nodeGpu } from './nodeGpu.ts';
import type { MatmulLayout } from './wgsl/matmul.ts';

const gpu = await nodeGpu();
// CI installs the Vulkan loader and has Chromium's SwiftShader driver: there, no adapter is a failure, not a skip.
if (!gpu.device && process.env.CI) throw new Error(`CI has no WebGPU adapter: ${gpu.reason}`);
if (!gpu.device) console.warn(`WebGPU shader tests skipped: ${gpu.reason}`);

function random(length: number, seed: string, { scale = 1, positiveShare = 1 } = {}): Float32Array<ArrayBuffer> {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => (rng.uniform() < positiveShare ? 1 : -1) * rng.normal() * scale);
}

/** Largest difference over the largest reference value (1e-5: float32 against float64 sums). */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

describe.skipIf(!gpu.device)(
  `WebGPU shaders against the plain TypeScript reference${gpu.device ? ` (${gpu.adapter})` : ''}`,
  () => {
    const shaders = new GpuShaders(gpu.device!);
    const run = (...dispatches: GpuDispatch[]) => {
      const encoder = shaders.device.createCommandEncoder();
      shaders.encode(encoder, dispatches);
      shaders.device.queue.submit([encoder.finish()]);
    };
    const readF32 = async (buffer: GPUBuffer, length: number) =>
      new Float32Array(await shaders.read(buffer, length * 4));

    const REFERENCE = { NN: plainKernels.matmulNN, NT: plainKernels.matmulNT, TN: plainKernels.matmulTN };
    const SHAPES: [number, number, number][] = [
      [1, 1, 1],
      [37, 53, 29],
      [65, 17, 130],
      [100, 3072 / 16, 10],
      [3, 200, 67],
      [40, 700, 90],
    ];
    // Workgroup targets that make planMatmul choose every tile, split and unsplit, on these small shapes.
    const TARGETS = [1, 6, 12, 128, 1500];
    for (const layout of ['NN', 'NT', 'TN'] as MatmulLayout[]) {
      it(`matmul ${layout} on odd shapes, in every tile and split of K (K not a multiple of the slice)`, async () => {
        const variants = new Set<string>();
        for (const [M, K, N] of SHAPES) {
          const a = random(M * K, `a${M}${K}`);
          const b = random(K * N, `b${K}${N}`);
          const expected = new Float64Array(M * N);
          REFERENCE[layout](Float64Array.from(a), Float64Array.from(b), expected, M, K, N);
          const [ga, gb] = [shaders.storage(a), shaders.storage(b)];
          for (const target of TARGETS) {
            const plan = planMatmul(M, K, N, target);
            variants.add(`${plan.tile}${plan.slices > 1 ? ' split' : ''}`);
            const gc = shaders.storage(M * N);
            run(...shaders.matmul(layout, ga, gb, gc, M, K, N, { target }));
            expect(
              relativeError(await readF32(gc, M * N), expected),
              `${layout} ${M}x${K}x${N}, ${plan.tile} tiles, ${plan.slices} slices of ${plan.sliceK}`,
            ).toBeLessThan(1e-5);
          }
        }
        expect([...variants].sort()).toEqual(['16', '16 split', '32', '32 split', '64', '64 split']);
      });
    }

    it("matmul at W's training step's shapes, as planned (64 x 64 tiles in 8 slices of K; 16 x 16 tiles, split or not)", async () => {
      for (const [layout, M, K, N] of [
        ['NN', 100, 3072, 500],
        ['NN', 100, 500, 10],
        ['TN', 500, 100, 10],
        ['NT', 100, 10, 500],
      ] as const) {
        const a = random(M * K, `wa${M}${K}`);
        const b = random(K * N, `wb${K}${N}`);
        const expected = new Float64Array(M * N);
        REFERENCE[layout](Float64Array.from(a), Float64Array.from(b), expected, M, K, N);
        const gc = shaders.storage(M * N);
        run(...shaders.matmul(layout, shaders.storage(a), shaders.storage(b), gc, M, K, N));
        expect(relativeError(await readF32(gc, M * N), expected), `${layout} ${M}x${K}x${N}`).toBeLessThan(1e-5);
      }
    });

    it('matmul adds the bias and applies the ReLU, split or not', async () => {
      const [M, K, N] = [33, 210, 70];
      const a = random(M * K, 'ba');
      const b = random(K * N, 'bb');
      const bias = random(N, 'bias');
      const expected = new Float64Array(M * N);
      plainKernels.matmulNN(Float64Array.from(a), Float64Array.from(b), expected, M, K, N);
      for (let i = 0; i < M * N; i++) expected[i] = Math.max(0, expected[i] + bias[i % N]);
      for (const target of [1, 128]) {
        expect(planMatmul(M, K, N, target).slices > 1).toBe(target > 1);
        const gc = shaders.storage(M * N);
        run(
          ...shaders.matmul('NN', shaders.storage(a), shaders.storage(b), gc, M, K, N, {
            bias: shaders.storage(bias),
            relu: true,
            target,
          }),
        );
        const actual = await readF32(gc, M * N);
        expect(relativeError(actual, expected)).toBeLessThan(1e-5);
        expect(actual.some((v) => v === 0) && actual.some((v) => v > 0)).toBe(true);
      }
    });

    it('gathers minibatch rows, applies dropout masks and scales', async () => {
      const [rows, m] = [37, 11];
      const X = random(rows * m, 'X');
      const idx = Uint32Array.from([5, 0, 36, 5, 17]);
      const out = shaders.storage(idx.length * m);
      run(shaders.gatherRows(shaders.storage(X), shaders.storage(idx), out, idx.length, m));
      const gathered = await readF32(out, idx.length * m);
      idx.forEach((r, i) =>
        expect(Array.from(gathered.subarray(i * m, (i + 1) * m))).toEqual(Array.from(X.subarray(r * m, (r + 1) * m))),
      );

      const h = random(1001, 'h');
      const mask = Float32Array.from(random(1001, 'mask'), (u) => (u > 0 ? 4 : 0));
      const gaussian = random(1001, 'noise').map((z) => 1 + 0.5 * z);
      const [dropped, fromBits, noisy, scaled] = [
        shaders.storage(1001),
        shaders.storage(1001),
        shaders.storage(1001),
        shaders.storage(1001),
      ];
      const gh = shaders.storage(h);
      run(
        shaders.dropout(gh, { encoding: 'floats', buffer: shaders.storage(mask) }, dropped, 1001),
        shaders.dropout(
          gh,
          { encoding: 'bits', buffer: shaders.storage(packMaskWords(mask, new Uint32Array(32))), keptValue: 4 },
          fromBits,
          1001,
        ),
        shaders.dropout(gh, { encoding: 'floats', buffer: shaders.storage(gaussian) }, noisy, 1001),
        shaders.scale(gh, scaled, 1001, 0.25),
      );
      expect(Array.from(await readF32(dropped, 1001))).toEqual(Array.from(h, (v, i) => Math.fround(v * mask[i])));
      // 1001 units in 32 words of bits (the last one partly used), expanded to the same outputs as the floats.
      expect(Array.from(await readF32(fromBits, 1001))).toEqual(Array.from(h, (v, i) => Math.fround(v * mask[i])));
      expect(Array.from(await readF32(noisy, 1001))).toEqual(Array.from(h, (v, i) => Math.fround(v * gaussian[i])));
      expect(Array.from(await readF32(scaled, 1001))).toEqual(Array.from(h, (v) => Math.fround(v * 0.25)));
    });

    it('the gradient through ReLU and dropout, and bias sums', async () => {
      const [n, m] = [19, 23];
      const dout = random(n * m, 'dout');
      const h = random(n * m, 'hr', { positiveShare: 0.5 }).map((v) => Math.max(0, v));
      const mask = Float32Array.from(random(n * m, 'm2'), (u) => (u > 0 ? 2 : 0));
      const [withMask, withBits, withoutMask, db] = [
        shaders.storage(n * m),
        shaders.storage(n * m),
        shaders.storage(n * m),
        shaders.storage(m),
      ];
      run(
        shaders.reluDropoutBackward(
          shaders.storage(dout),
          shaders.storage(h),
          { encoding: 'floats', buffer: shaders.storage(mask) },
          withMask,
          n * m,
        ),
        shaders.reluDropoutBackward(
          shaders.storage(dout),
          shaders.storage(h),
          { encoding: 'bits', buffer: shaders.storage(packMaskWords(mask, new Uint32Array(14))), keptValue: 2 },
          withBits,
          n * m,
        ),
        shaders.reluDropoutBackward(shaders.storage(dout), shaders.storage(h), null, withoutMask, n * m),
        shaders.columnSum(shaders.storage(dout), db, n, m),
      );
      expect(Array.from(await readF32(withMask, n * m))).toEqual(
        Array.from(dout, (d, i) => (h[i] > 0 ? Math.fround(d * mask[i]) : 0)),
      );
      expect(Array.from(await readF32(withBits, n * m))).toEqual(
        Array.from(dout, (d, i) => (h[i] > 0 ? Math.fround(d * mask[i]) : 0)),
      );
      expect(Array.from(await readF32(withoutMask, n * m))).toEqual(Array.from(dout, (d, i) => (h[i] > 0 ? d : 0)));
      const sums = Array.from({ length: m }, (_, j) =>
        Array.from({ length: n }, (_, i) => dout[i * m + j]).reduce((s, v) => s + v, 0),
      );
      expect(relativeError(await readF32(db, m), sums)).toBeLessThan(1e-5);
    });

    it('softmax loss, its gradient, the minibatch mean loss and correct counts', async () => {
      const [n, c] = [37, 10];
      const scores = random(n * c, 's', { scale: 3 });
      const rng = createRng('labels');
      const y = Uint32Array.from({ length: n }, () => rng.randint(c));
      const [dscores, rowLoss, losses, counts] = [
        shaders.storage(n * c),
        shaders.storage(n),
        shaders.storage(4),
        shaders.storage(new Uint32Array(2)),
      ];
      const [gs, gy] = [shaders.storage(scores), shaders.storage(y)];
      run(
        shaders.softmaxLoss(gs, gy, dscores, rowLoss, n, c),
        shaders.meanLoss(rowLoss, losses, n, 2),
        shaders.correctCount(gs, gy, counts, n, c, 1),
      );
      let loss = 0;
      const grad = new Float64Array(n * c);
      let correct = 0;
      for (let i = 0; i < n; i++) {
        const row = Array.from(scores.subarray(i * c, (i + 1) * c));
        const max = Math.max(...row);
        const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
        loss -= row[y[i]] - max - Math.log(z);
        row.forEach((v, j) => (grad[i * c + j] = (Math.exp(v - max) / z - (j === y[i] ? 1 : 0)) / n));
        if (row.indexOf(max) === y[i]) correct++;
      }
      expect(relativeError(await readF32(dscores, n * c), grad)).toBeLessThan(1e-5);
      expect((await readF32(losses, 4))[2]).toBeCloseTo(loss / n, 5);
      expect(Array.from(new Uint32Array(await shaders.read(counts, 8)))).toEqual([0, correct]);
    });

    it('Adam matches optim.ts for several steps', async () => {
      const count = 517;
      const w = random(count, 'w');
      const cpu = { w: Float64Array.from(w), config: { learningRate: 5e-4 } };
      const [gw, gdw, gm, gv] = [
        shaders.storage(w),
        shaders.storage(count),
        shaders.storage(count),
        shaders.storage(count),
      ];
      // One dispatch prepared once and submitted every step with its constants rewritten, as the trainer does.
      const step = shaders.adam(gw, gdw, gm, gv, count, 5e-4, 1);
      for (let t = 1; t <= 5; t++) {
        const dw = random(count, `dw${t}`);
        adam(cpu.w, Float64Array.from(dw), cpu.config);
        shaders.device.queue.writeBuffer(gdw, 0, dw);
        shaders.setParams(step, adamParams(count, 5e-4, t));
        run(step);
      }
      const actual = await readF32(gw, count);
      const moved = Array.from(cpu.w, (v, i) => v - w[i]);
      const movedGpu = Array.from(actual, (v, i) => v - w[i]);
      // Each step moves a weight by about the learning rate: compare the moves, to float32's precision of the weights.
      expect(relativeError(movedGpu, moved)).toBeLessThan(1e-3);
      expect(relativeError(actual, cpu.w)).toBeLessThan(1e-6);
    });

    it('reads chunks through 256-byte-aligned parts of a buffer, and reads back parts through one staging buffer', async () => {
      const [rows, m] = [130, 3];
      const X = random(rows * m, 'Xc');
      const idx = Uint32Array.from({ length: 130 }, (_, i) => 129 - i);
      const gidx = shaders.storage(idx);
      const out = shaders.storage(66 * m);
      // Rows 64..129 of the index (offset 256 bytes): X's rows 65 down to 0.
      run(shaders.gatherRows(shaders.storage(X), { buffer: gidx, offset: 256, size: 66 * 4 }, out, 66, m));
      const readback = new Readback(shaders.device, 66 * m * 4);
      const gathered = new Float32Array(await readback.read(out, 0, 66 * m * 4));
      expect(Array.from(gathered.subarray(0, m))).toEqual(Array.from(X.subarray(65 * m, 66 * m)));
      expect(Array.from(gathered.subarray(65 * m))).toEqual(Array.from(X.subarray(0, m)));
      // Two reads in flight at once through the same staging buffer: each gets its own part.
      const [first, last] = await Promise.all([readback.read(out, 0, 4), readback.read(out, (66 * m - 1) * 4, 4)]);
      expect(new Float32Array(first)[0]).toBe(gathered[0]);
      expect(new Float32Array(last)[0]).toBe(gathered[66 * m - 1]);
      expect(() => readback.read(out, 0, 66 * m * 4 + 4)).toThrow(RangeError);
      readback.destroy();
    });

    it('reads through two staging buffers in turn without waiting: a third read while both are in flight is refused', async () => {
      const source = shaders.storage(Float32Array.from({ length: 64 }, (_, i) => i));
      const other = shaders.storage(new Uint32Array([7, 8, 9]));
      const readback = new DoubleReadback(shaders.device, 64);
      const first = readback.tryRead([
        { source, offset: 0, bytes: 16 },
        { source: other, offset: 4, bytes: 8 },
      ]);
      const second = readback.tryRead([{ source, offset: 240, bytes: 16 }]);
      expect(readback.free).toBe(false);
      expect(readback.tryRead([{ source, offset: 0, bytes: 4 }])).toBeNull();
      // Work submitted after the reads does not change what they read.
      shaders.device.queue.writeBuffer(source, 0, new Float32Array(64));
      const [a, b] = await Promise.all([first!, second!]);
      expect(Array.from(new Float32Array(a[0]))).toEqual([0, 1, 2, 3]);
      expect(Array.from(new Uint32Array(a[1]))).toEqual([8, 9]);
      expect(Array.from(new Float32Array(b[0]))).toEqual([60, 61, 62, 63]);
      await readback.settled();
      expect(readback.free).toBe(true);
      const third = await readback.tryRead([
        { source, offset: 0, bytes: 4 },
        { source, offset: 0, bytes: 0 },
      ])!;
      expect(Array.from(new Float32Array(third[0]))).toEqual([0]);
      expect(third[1].byteLength).toBe(0);
      expect(() => readback.tryRead([{ source, offset: 0, bytes: 68 }])).toThrow(RangeError);
      readback.destroy();
    });

    it('keeps the best parameters on the GPU: copied when a check beats the best (or is the first), not otherwise', async () => {
      const state = shaders.storage(3);
      const counts = shaders.storage(new Uint32Array([0, 0]));
      const [w, best] = [shaders.storage(new Float32Array([1, 2, 3])), shaders.storage(3)];
      const keep = [shaders.keepBest(counts, state), shaders.copyIfKept(w, best, state, 3)];
      const check = async (trainCorrect: number, valCorrect: number, weights: number[]) => {
        shaders.device.queue.writeBuffer(counts, 0, new Uint32Array([trainCorrect, valCorrect]));
        shaders.device.queue.writeBuffer(w, 0, new Float32Array(weights));
        run(...keep);
        return [Array.from(new Uint32Array(await shaders.read(state, 12))), Array.from(await readF32(best, 3))];
      };
      // The first check is kept even with no correct row; a better one replaces it; a tie or a worse one does not.
      expect(await check(5, 0, [1, 2, 3])).toEqual([
        [0, 1, 1],
        [1, 2, 3],
      ]);
      expect(await check(9, 7, [4, 5, 6])).toEqual([
        [7, 2, 1],
        [4, 5, 6],
      ]);
      expect(await check(9, 7, [7, 8, 9])).toEqual([
        [7, 3, 0],
        [4, 5, 6],
      ]);
      expect(await check(9, 3, [0, 0, 0])).toEqual([
        [7, 4, 0],
        [4, 5, 6],
      ]);
    });

    it('work the GPU refuses is reported, not silently skipped', async () => {
      shaders.watchErrors();
      // A buffer that cannot be bound as storage: the bind group is invalid and its dispatch would do nothing.
      const unbindable = shaders.device.createBuffer({ size: 16, usage: 0x1 | 0x8 });
      shaders.dropout(unbindable, { encoding: 'floats', buffer: shaders.storage(4) }, shaders.storage(4), 4);
      await expect(shaders.errorsSinceWatch('a test dispatch')).rejects.toThrow(/^the GPU refused a test dispatch: /);
      shaders.watchErrors();
      shaders.dropout(shaders.storage(4), { encoding: 'floats', buffer: shaders.storage(4) }, shaders.storage(4), 4);
      await expect(shaders.errorsSinceWatch('a valid dispatch')).resolves.toBeUndefined();
    });
  },
);
