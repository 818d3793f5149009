/**
 * `npm run bench`: the reference workload W (see workload.ts) in Node on the core, in
 * headless Chromium through the built app, and in NumPy (numpy_reference.py, float64 and
 * float32) on the same data in the same invocation; then a scaling table (Node).
 *
 *   npm run bench                      tables on stdout
 *   npm run bench -- --reps 5          medians of 5 repetitions (default 3)
 *   npm run bench -- --quick           a fast smoke run (1 repetition, 2 epochs, small scaling table)
 *   npm run -s bench -- --json         tables on stderr, one JSON object on stdout
 *   npm run bench -- --json=out.json   tables on stdout, JSON into out.json
 *   --no-threads (skip the threads line: one configuration of W, p = 1, on 1 thread and on every core),
 *   --no-browser, --no-node, --no-numpy, --no-scaling, --scaling-reps N (default 1), --data DIR,
 *   --no-ui-variants (skip the diagnostic Chromium runs with charts hidden, which measure what the charts cost),
 *   --kernels exact|fast (the app's "Matrix kernels" setting; default exact, the app's default),
 *   --cpuprofile DIR (a CPU profile of the page's main thread per Chromium run, for DevTools),
 *   --gpu (also W on WebGPU in Node through Dawn; on SwiftShader, without a GPU, use --quick: it is slow),
 *   --gpu-plan (only prints the GPU path's training step for W: dispatches, workgroups, bytes up and back; no GPU needed),
 *   --hidden N, --num-train N, --epochs N (W with a wider net, more data or longer training; past the shared
 *   subsets' 1,000 images the data is generated, for every path alike)
 */
import os from 'node:os';
import v8 from 'node:v8';
import { benchFiles } from './benchData.ts';
import type { BrowserBench } from './browserBench.ts';
import { parseOptions } from './benchOptions.ts';
import { writeSummary, type ScalingRow } from './benchSummary.ts';
import { runNodeWorkload, type NodeRun } from './nodeBench.ts';
import { numpyUnavailable, runNumpyReference, type NumpyOutcome } from './numpyReference.ts';
import { fixed, median, seconds } from './report.ts';
import { runGpuWorkload, type GpuRun } from './gpuBench.ts';
import { formatGpuPlan } from './gpuPlan.ts';
import { W, withChanges, workloadFlops, type Workload } from './workload.ts';
import { errorMessage } from '../core/errorMessage.ts';

const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Node 20 has relaxed SIMD behind a flag (browsers have it on); it applies to the worker threads too.
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  const out = options.json && !options.jsonFile ? process.stderr : process.stdout;
  const say = (text: string) => out.write(text + '\n');
  const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

  const base = withChanges(W, { kernels: options.kernels, ...options.resize });
  if (options.gpuPlan) {
    process.stdout.write(formatGpuPlan(base) + '\n');
    return;
  }
  const w: Workload = options.quick && options.resize.epochs === undefined ? withChanges(base, { epochs: 2 }) : base;
  const flops = workloadFlops(w);
  const files = benchFiles(w.numTrain, w.numVal, options.dataDir);
  const loadBefore = load();
  progress(
    `data: ${files.source === 'cifar10' ? files.dir : `generated into ${files.dir}`}; load average ${loadBefore.join(' ')}`,
  );

  try {
    // ---------------------------------------------------------------- Node, on the core
    const nodeRuns: NodeRun[] = [];
    if (options.node) {
      for (let rep = 0; rep < options.reps; rep++) {
        const run = await runNodeWorkload({ kind: 'files', dir: files.dir }, w);
        nodeRuns.push(run);
        progress(
          `node rep ${rep + 1}/${options.reps}: ${seconds(run.wallSeconds)} s to done (${run.configs.map((c) => `p=${c.keepProb} ${seconds(c.seconds)} s + figures ${seconds(c.insightSeconds)} s`).join(', ')}); ` +
            `${seconds(run.insightWallSeconds)} s until every figure`,
        );
      }
    }

    // ---------------------------------------------------------------- threads: one configuration, 1 thread and every core
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const threadRuns: Record<'one' | 'all', number[]> = { one: [], all: [] };
    if (options.threads && cores > 1) {
      for (let rep = 0; rep < options.reps; rep++) {
        // Alternated, so a change in the machine's load falls on both alike.
        for (const [key, threads] of [
          ['one', 1],
          ['all', cores],
        ] as const) {
          const run = await runNodeWorkload({ kind: 'files', dir: files.dir }, w, 'core', { keepProb: 1, threads });
          threadRuns[key].push(run.wallSeconds);
          progress(
            `threads rep ${rep + 1}/${options.reps}: p = 1 on ${threads} thread${threads > 1 ? 's' : ''} ${seconds(run.wallSeconds)} s`,
          );
        }
      }
    }

    // ---------------------------------------------------------------- Node, on WebGPU (Dawn)
    const gpuRuns: GpuRun[] = [];
    let gpuSkipped: string | null = null;
    if (options.gpu) {
      for (let rep = 0; rep < options.reps && !gpuSkipped; rep++) {
        const run = await runGpuWorkload({ kind: 'files', dir: files.dir }, w);
        if ('skipped' in run) {
          gpuSkipped = run.skipped;
          progress(`webgpu: skipped (${gpuSkipped})`);
          break;
        }
        gpuRuns.push(run);
        progress(
          `webgpu rep ${rep + 1}/${options.reps} on ${run.adapter}: ${seconds(run.wallSeconds)} s to done (${run.configs.map((c) => `p=${c.keepProb} ${seconds(c.seconds)} s`).join(', ')})`,
        );
      }
    }

    // ---------------------------------------------------------------- Chromium, through the app
    let browser: BrowserBench | null = null;
    let browserSkipped: string | null = null;
    if (options.browser) {
      progress('building the app');
      // Loaded only here: a Node-only run (--no-browser, e.g. on a GPU machine) needs neither Vite nor Playwright.
      const { buildApp, runBrowserWorkload, serveApp } = await import('./browserBench.ts');
      const outDir = await buildApp({ minify: !options.cpuProfileDir });
      const server = await serveApp(outDir);
      try {
        const url = server.resolvedUrls?.local[0];
        if (!url) throw new Error('vite preview gave no local URL');
        browser = await runBrowserWorkload(url, w, files.dir, options.reps, {
          cpuProfileDir: options.cpuProfileDir,
          uiVariants: options.uiVariants,
          onRun: (run, rep, variant) =>
            progress(
              `chromium${variant ? ` (${variant})` : ''} rep ${rep + 1}/${options.reps}: ${seconds(run.wallSeconds)} s, ` +
                `${run.longTasks} long tasks, main thread busy ${fixed(run.mainThreadMs, 0)} ms`,
            ),
        });
      } catch (error) {
        browserSkipped = errorMessage(error);
        progress(`chromium: ${browserSkipped}`);
      } finally {
        await server.close();
      }
    }

    // ---------------------------------------------------------------- NumPy, same data
    const numpy: Record<'float64' | 'float32', NumpyOutcome> = {
      float64: { ok: false, reason: 'not run (--no-numpy)' },
      float32: { ok: false, reason: 'not run (--no-numpy)' },
    };
    if (options.numpy) {
      const missing = numpyUnavailable();
      for (const dtype of ['float64', 'float32'] as const) {
        if (missing) {
          numpy[dtype] = { ok: false, reason: missing };
          continue;
        }
        progress(`numpy ${dtype}`);
        numpy[dtype] = runNumpyReference(w, files.dir, dtype, options.reps);
      }
    }

    // ---------------------------------------------------------------- scaling (Node)
    const scaling: ScalingRow[] = [];
    if (options.scaling) {
      const scalingBase = options.quick ? withChanges(base, { epochs: 1 }) : base;
      const points = options.quick
        ? [
            [100, 500],
            [500, 500],
            [500, 2000],
          ]
        : [
            [100, 500],
            [500, 500],
            [1000, 500],
            [2000, 500],
            [500, 2000],
            [500, 8000],
          ];
      for (const [hiddenSize, numTrain] of points) {
        const sw = withChanges(scalingBase, { hiddenSize, numTrain });
        const times: number[] = [];
        for (let rep = 0; rep < options.scalingReps; rep++) {
          times.push((await runNodeWorkload({ kind: 'generated', numTrain, numVal: sw.numVal }, sw)).wallSeconds);
        }
        const s = median(times);
        const f = workloadFlops(sw).total;
        scaling.push({ hiddenSize, numTrain, gflop: f / 1e9, seconds: s, gflops: f / s / 1e9 });
        progress(`scaling hidden ${hiddenSize}, train ${numTrain}: ${seconds(s)} s`);
      }
    }
    const loadAfter = load();

    writeSummary(
      {
        options,
        w,
        flops,
        files,
        loadBefore,
        loadAfter,
        nodeRuns,
        cores,
        threadRuns,
        gpuRuns,
        gpuSkipped,
        browser,
        browserSkipped,
        numpy,
        scaling,
      },
      say,
    );
  } finally {
    files.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
