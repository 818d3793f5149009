/**
 * GFLOP/s of the matrix-product kernels on the assignment's shapes.
 *
 *   npx vitest bench --run src/core/kernels/matmul.bench.ts
 *
 * Prints a table (medians over several runs, GFLOP/s counted as 2·m·k·n even
 * when the sparse path skips zeros), the share of time spent copying operands
 * into and out of wasm memory, and a whole training step of the net.
 */
import v8 from 'node:v8';
import { bench } from 'vitest';
import { FullyConnectedNet } from '../net.ts';
import { createRng } from '../random.ts';
import { randn, randomLabels } from '../randomTensors.ts';
import { plainKernels, useKernels, type MatmulKernels } from './index.ts';
import { createWasmKernelsSync, relaxedSimdSupported, wasmSimdSupported, type WasmKernels } from './wasm.ts';

type Kind = 'NN' | 'NT' | 'TN';

interface Workload {
  label: string;
  kind: Kind;
  m: number;
  k: number;
  n: number;
  /** Fraction of non-zeros in a (NN, NT) or in the sparse operand named. */
  density?: { a?: number; b?: number };
}

const WORKLOADS: Workload[] = [
  { label: 'fwd  X@W1       ', kind: 'NN', m: 100, k: 3072, n: 500 },
  { label: 'fwd  h@W2 (drop)', kind: 'NN', m: 100, k: 500, n: 10, density: { a: 0.13 } },
  { label: 'bwd  dW1=X^T@dh ', kind: 'TN', m: 3072, k: 100, n: 500, density: { b: 0.13 } },
  { label: 'bwd  dW1 (no drop)', kind: 'TN', m: 3072, k: 100, n: 500, density: { b: 0.5 } },
  { label: 'bwd  dh=ds@W2^T ', kind: 'NT', m: 100, k: 10, n: 500 },
  { label: 'bwd  dW2=h^T@ds ', kind: 'TN', m: 500, k: 100, n: 10, density: { a: 0.13 } },
  { label: 'acc  X@W1 x1500 ', kind: 'NN', m: 1500, k: 3072, n: 500 },
  { label: 'mnist X@W1      ', kind: 'NN', m: 100, k: 784, n: 500 },
  { label: 'mnist raw X@W1  ', kind: 'NN', m: 100, k: 784, n: 500, density: { a: 0.19 } },
  { label: 'mnist dW1       ', kind: 'TN', m: 784, k: 100, n: 500, density: { b: 0.13 } },
];

function operand(length: number, seed: string, density = 1): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = density >= 1 || rng.uniform() < density ? rng.normal() : 0;
  return x;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median milliseconds of `f` over enough runs to fill ~1.5 s (3 to 15 runs, after warm-up). */
function time(f: () => void): number {
  const t0 = performance.now();
  f();
  const first = performance.now() - t0;
  if (first < 200) for (let i = 0; i < 3; i++) f(); // let the wasm tier up
  const runs = Math.max(3, Math.min(15, Math.ceil(1500 / Math.max(first, 1e-3))));
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows
    .map((r, i) => {
      const line = '| ' + r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join(' | ') + ' |';
      return i === 0
        ? `${line}\n|${widths.map((w, j) => (j === 0 ? '-' : '') + '-'.repeat(w + 1) + (j === 0 ? '' : ':')).join('|')}|`
        : line;
    })
    .join('\n');
}

function runBenchmark(): void {
  if (wasmSimdSupported() && !relaxedSimdSupported()) {
    try {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // not available
    }
  }
  const contenders: [string, MatmulKernels][] = [['plain', plainKernels]];
  let simd: WasmKernels | null = null;
  let relaxed: WasmKernels | null = null;
  if (wasmSimdSupported()) contenders.push(['wasm-simd', (simd = createWasmKernelsSync({ relaxed: false }))]);
  else console.log('wasm SIMD unsupported: skipped');
  if (relaxedSimdSupported()) contenders.push(['wasm-relaxed', (relaxed = createWasmKernelsSync({ relaxed: true }))]);
  else console.log('relaxed SIMD unsupported: skipped');
  const best = relaxed ?? simd;
  if (best) contenders.push(['dense only', createWasmKernelsSync({ relaxed: best.options.relaxed, sparseBelow: 0 })]);
  const profiled = best ? createWasmKernelsSync({ relaxed: best.options.relaxed, profile: true }) : null;

  console.log(`\nNode ${process.versions.node}, V8 ${process.versions.v8}; GFLOP/s = 2·m·k·n / median time`);
  const rows: string[][] = [['workload', 'op', 'm·k·n', ...contenders.map(([n]) => n), 'copy share', 'wasm ms']];
  for (const w of WORKLOADS) {
    const { kind, m, k, n } = w;
    const a = operand(m * k, `${w.label}:a`, w.density?.a);
    const b = operand(k * n, `${w.label}:b`, w.density?.b);
    const c = new Float32Array(m * n);
    const flops = 2 * m * k * n;
    const cells: string[] = [];
    let bestMs = Infinity;
    for (const [name, K] of contenders) {
      const ms = time(() => K[`matmul${kind}`](a, b, c, m, k, n));
      if (name !== 'plain' && name !== 'dense only') bestMs = Math.min(bestMs, ms);
      cells.push((flops / ms / 1e6).toFixed(1));
    }
    let share = '-';
    if (profiled) {
      const f = () => profiled[`matmul${kind}`](a, b, c, m, k, n);
      f();
      profiled.stats.copyMs = profiled.stats.computeMs = 0;
      for (let i = 0; i < 5; i++) f();
      share = `${((100 * profiled.stats.copyMs) / (profiled.stats.copyMs + profiled.stats.computeMs)).toFixed(0)}%`;
    }
    const dens = w.density
      ? ` (${Object.entries(w.density)
          .map(([x, d]) => `${x} ${Math.round(d * 100)}% nz`)
          .join(', ')})`
      : '';
    rows.push([w.label.trim() + dens, kind, `${m}x${k}x${n}`, ...cells, share, bestMs.toFixed(2)]);
  }
  console.log(table(rows));

  if (best) {
    // The same products with both operands living in wasm memory (no copy in; the result is still copied out).
    const K = createWasmKernelsSync({ relaxed: best.options.relaxed });
    const res: string[][] = [['resident operands', 'copied GFLOP/s', 'resident GFLOP/s']];
    for (const w of WORKLOADS.filter((x) => x.m * x.k * x.n > 1e8)) {
      const { kind, m, k, n } = w;
      const a = operand(m * k, `${w.label}:a`, w.density?.a);
      const b = operand(k * n, `${w.label}:b`, w.density?.b);
      const c = new Float32Array(m * n);
      const [ra, rb] = [K.lasting(m * k), K.lasting(k * n)];
      if (!ra || !rb) break; // no shared memory here
      ra.set(a);
      rb.set(b);
      const copied = time(() => K[`matmul${kind}`](a, b, c, m, k, n));
      const resident = time(() => K[`matmul${kind}`](ra, rb, c, m, k, n));
      K.freeLasting(ra);
      K.freeLasting(rb);
      res.push([
        w.label.trim(),
        ((2 * m * k * n) / copied / 1e6).toFixed(1),
        ((2 * m * k * n) / resident / 1e6).toFixed(1),
      ]);
    }
    console.log('\n' + table(res));
  }

  // A whole training step (loss + gradients) of the assignment's net.
  const steps: string[][] = [
    ['train step (N=100, 3072-500-10)', ...contenders.filter(([n]) => n !== 'dense only').map(([n]) => `${n} ms`)],
  ];
  for (const dropout of [0.25, 1]) {
    const X = randn([100, 3072], 'bench:X', { dtype: 'float32' });
    const y = randomLabels(100, 10, 'bench:y');
    const net = new FullyConnectedNet({
      hiddenDims: [500],
      inputDim: 3072,
      numClasses: 10,
      dtype: 'float32',
      dropout,
      seed: 1,
    });
    const cells: string[] = [];
    for (const [name, K] of contenders) {
      if (name === 'dense only') continue;
      useKernels(K);
      cells.push(time(() => net.loss(X, y)).toFixed(1));
    }
    useKernels(plainKernels);
    steps.push([`dropout keep ${dropout}`, ...cells]);
  }
  console.log('\n' + table(steps));
}

let done = false;
bench(
  'matmul kernels: GFLOP/s table',
  () => {
    if (done) return;
    done = true;
    runBenchmark();
  },
  { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
);
