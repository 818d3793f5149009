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
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import v8 from 'node:v8';
import { benchFiles, SHARED_CIFAR_DIR } from './benchData.ts';
import type { BrowserBench, BrowserRun } from './browserBench.ts';
import { runNodeWorkload, type NodeRun } from './nodeBench.ts';
import { numpyUnavailable, runNumpyReference, type NumpyOutcome } from './numpyReference.ts';
import { fixed, gflops, median, medianBy, seconds, table } from './report.ts';
import { runGpuWorkload, type GpuRun } from './gpuBench.ts';
import { formatGpuPlan } from './gpuPlan.ts';
import { checksOf, configsOf, iterationsOf, W, withChanges, workloadFlops, type Workload } from './workload.ts';
import { errorMessage } from '../core/errorMessage.ts';

interface Options {
  reps: number;
  /** Also run W on WebGPU in Node (Dawn); in Chromium the app's default compute is the GPU when it has an adapter. */
  gpu: boolean;
  /** Only print the GPU step's plan for W (no run, no GPU). */
  gpuPlan: boolean;
  quick: boolean;
  json: boolean;
  jsonFile: string | null;
  node: boolean;
  browser: boolean;
  numpy: boolean;
  threads: boolean;
  scaling: boolean;
  scalingReps: number;
  dataDir: string;
  cpuProfileDir: string | null;
  uiVariants: boolean;
  kernels: Workload['kernels'];
  /** Changes to W (--hidden, --num-train, --epochs). */
  resize: Partial<Pick<Workload, 'hiddenSize' | 'numTrain' | 'epochs'>>;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    reps: 3, quick: false, json: false, jsonFile: null, node: true, browser: true, numpy: true, threads: true, scaling: true, scalingReps: 1, gpu: false, gpuPlan: false,
    dataDir: resolve(SHARED_CIFAR_DIR), cpuProfileDir: null, uiVariants: true, kernels: W.kernels, resize: {},
  };
  const count = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number of at least 1, got "${value ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--reps') o.reps = count(flag, value());
    else if (flag === '--scaling-reps') o.scalingReps = count(flag, value());
    else if (flag === '--quick') o.quick = true;
    else if (flag === '--json') [o.json, o.jsonFile] = [true, inline ?? null];
    else if (flag === '--no-node') o.node = false;
    else if (flag === '--no-browser') o.browser = false;
    else if (flag === '--no-numpy') o.numpy = false;
    else if (flag === '--no-scaling') o.scaling = false;
    else if (flag === '--no-threads') o.threads = false;
    else if (flag === '--no-ui-variants') o.uiVariants = false;
    else if (flag === '--gpu') o.gpu = true;
    else if (flag === '--gpu-plan') o.gpuPlan = true;
    else if (flag === '--hidden') o.resize.hiddenSize = count(flag, value());
    else if (flag === '--num-train') o.resize.numTrain = count(flag, value());
    else if (flag === '--epochs') o.resize.epochs = count(flag, value());
    else if (flag === '--kernels') {
      const k = value();
      if (k !== 'exact' && k !== 'fast') throw new Error(`--kernels takes exact or fast, got "${k ?? ''}"`);
      o.kernels = k;
    }
    else if (flag === '--data') o.dataDir = resolve(value() ?? '');
    else if (flag === '--cpuprofile') o.cpuProfileDir = resolve(value() ?? '.');
    else throw new Error(`unknown option ${argv[i]} (see src/bench/main.ts)`);
  }
  if (o.quick) o.reps = argv.includes('--reps') || argv.some((a) => a.startsWith('--reps=')) ? o.reps : 1;
  return o;
}

const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

interface ScalingRow {
  hiddenSize: number;
  numTrain: number;
  gflop: number;
  seconds: number;
  gflops: number;
}

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
  progress(`data: ${files.source === 'cifar10' ? files.dir : `generated into ${files.dir}`}; load average ${loadBefore.join(' ')}`);

  try {
    // ---------------------------------------------------------------- Node, on the core
    const nodeRuns: NodeRun[] = [];
    if (options.node) {
      for (let rep = 0; rep < options.reps; rep++) {
        const run = await runNodeWorkload({ kind: 'files', dir: files.dir }, w);
        nodeRuns.push(run);
        progress(`node rep ${rep + 1}/${options.reps}: ${seconds(run.wallSeconds)} s to done (${run.configs.map((c) => `p=${c.keepProb} ${seconds(c.seconds)} s + figures ${seconds(c.insightSeconds)} s`).join(', ')}); ` +
          `${seconds(run.insightWallSeconds)} s until every figure`);
      }
    }

    // ---------------------------------------------------------------- threads: one configuration, 1 thread and every core
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const threadRuns: Record<'one' | 'all', number[]> = { one: [], all: [] };
    if (options.threads && cores > 1) {
      for (let rep = 0; rep < options.reps; rep++) {
        // Alternated, so a change in the machine's load falls on both alike.
        for (const [key, threads] of [['one', 1], ['all', cores]] as const) {
          const run = await runNodeWorkload({ kind: 'files', dir: files.dir }, w, 'core', { keepProb: 1, threads });
          threadRuns[key].push(run.wallSeconds);
          progress(`threads rep ${rep + 1}/${options.reps}: p = 1 on ${threads} thread${threads > 1 ? 's' : ''} ${seconds(run.wallSeconds)} s`);
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
        progress(`webgpu rep ${rep + 1}/${options.reps} on ${run.adapter}: ${seconds(run.wallSeconds)} s to done (${run.configs.map((c) => `p=${c.keepProb} ${seconds(c.seconds)} s`).join(', ')})`);
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
            progress(`chromium${variant ? ` (${variant})` : ''} rep ${rep + 1}/${options.reps}: ${seconds(run.wallSeconds)} s, ` +
              `${run.longTasks} long tasks, main thread busy ${fixed(run.mainThreadMs, 0)} ms`),
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
        ? [[100, 500], [500, 500], [500, 2000]]
        : [[100, 500], [500, 500], [1000, 500], [2000, 500], [500, 2000], [500, 8000]];
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

    // ---------------------------------------------------------------- report
    const nodeMedian = nodeRuns.length ? medianBy(nodeRuns, (r) => r.wallSeconds) : null;
    const browserRuns: BrowserRun[] = browser?.runs ?? [];
    const browserMedian = browserRuns.length ? medianBy(browserRuns, (r) => r.wallSeconds) : null;
    const np64 = numpy.float64.ok ? numpy.float64.result : null;
    const np32 = numpy.float32.ok ? numpy.float32.result : null;
    const ratio = (ours: number | undefined, theirs: number | undefined) => (ours !== undefined && theirs ? ours / theirs : NaN);

    say(`\nWorkload W: ${w.inputDim}-${w.hiddenSize}-${w.numClasses} net, ${w.numTrain} training / ${w.numVal} validation examples ` +
      `(${files.source === 'cifar10' ? 'CIFAR-10 subsets' : 'generated CIFAR-shaped data'}), ${w.epochs} epochs of batches of ${w.batchSize} ` +
      `(${iterationsOf(w)} iterations), Adam ${w.learningRate}, float32, p = ${configsOf(w).map((c) => c.keepProb).join(' and ')}, ` +
      `"${w.kernels}" matrix kernels, ` +
      `${checksOf(w)} accuracy checks on all ${Math.min(w.numTrain, w.checkTrainSamples) + w.numVal} examples.`);
    say(`${fixed(flops.total / 1e9, 0)} GFLOP counted densely (${fixed((100 * flops.checks) / flops.total, 0)}% in the checks). ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.versions.node}` +
      `${browser ? `, Chromium ${browser.chromium}` : ''}; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after. ` +
      `Medians of ${options.reps} repetition${options.reps > 1 ? 's' : ''}.\n`);

    const rows: string[][] = [];
    const row = (label: string, times: number[], med: number | undefined) => {
      if (med === undefined) return;
      rows.push([label, seconds(med), seconds(Math.min(...times)), seconds(Math.max(...times)), gflops(flops.total, med),
        fixed(ratio(med, np64?.medianSeconds), 2), fixed(ratio(med, np32?.medianSeconds), 2)]);
    };
    row(`Chromium, the app (2 workers${browser?.kernel ? `, ${browser.kernel}` : ''})`, browserRuns.map((r) => r.wallSeconds), browserMedian?.wallSeconds);
    row(`Node, the core (2 threads, ${nodeMedian?.kernel ?? ''})`, nodeRuns.map((r) => r.wallSeconds), nodeMedian?.wallSeconds);
    const gpuMedian = gpuRuns.length ? medianBy(gpuRuns, (r) => r.wallSeconds) : null;
    row(`Node, WebGPU (${gpuMedian?.adapter ?? ''})`, gpuRuns.map((r) => r.wallSeconds), gpuMedian?.wallSeconds);
    if (np64) row(`NumPy ${np64.numpy} float64`, [np64.minSeconds, np64.maxSeconds], np64.medianSeconds);
    if (np32) row(`NumPy ${np32.numpy} float32`, [np32.minSeconds, np32.maxSeconds], np32.medianSeconds);
    say(table(['W, both configurations', 'median s', 'min s', 'max s', 'GFLOP/s', '÷ NumPy f64', '÷ NumPy f32'], rows));
    if (nodeRuns.length) {
      const untilFigures = nodeRuns.map((r) => r.insightWallSeconds);
      say(`Node, until every configuration has also sent its "Why it works" figures (after done): median ${seconds(median(untilFigures))} s ` +
        `(min ${seconds(Math.min(...untilFigures))}, max ${seconds(Math.max(...untilFigures))}).`);
    }
    for (const [dtype, outcome] of Object.entries(numpy)) if (!outcome.ok) say(`NumPy ${dtype}: skipped (${outcome.reason}).`);
    // One run's ratios, as the issue's targets read them.
    say(`ratios: Chromium / Node ${fixed(ratio(browserMedian?.wallSeconds, nodeMedian?.wallSeconds), 2)}, ` +
      `Chromium / NumPy f64 ${fixed(ratio(browserMedian?.wallSeconds, np64?.medianSeconds), 2)}, Chromium / NumPy f32 ${fixed(ratio(browserMedian?.wallSeconds, np32?.medianSeconds), 2)}, ` +
      `Node / NumPy f64 ${fixed(ratio(nodeMedian?.wallSeconds, np64?.medianSeconds), 2)}, Node / NumPy f32 ${fixed(ratio(nodeMedian?.wallSeconds, np32?.medianSeconds), 2)}`);
    const threadsLine = threadRuns.one.length
      ? `threads: 1 thread ${seconds(median(threadRuns.one))} s, ${cores} threads ${seconds(median(threadRuns.all))} s, ` +
        `speedup ${fixed(median(threadRuns.one) / median(threadRuns.all), 2)} (Node, W's p = 1 alone, medians of ${threadRuns.one.length})`
      : `threads: not run (${options.threads ? 'one core' : '--no-threads'})`;
    say(threadsLine);
    const first = browser?.firstOpen;
    if (first) {
      say(`first open (default run, built-in sample, Train clicked at once): click to Done ${seconds(first.clickToDoneSeconds)} s, ` +
        `the status line's training ${seconds(first.trainingSeconds)} s, difference ${seconds(first.clickToDoneSeconds - first.trainingSeconds)} s`);
    }
    if (browserSkipped) say(`Chromium: skipped (${browserSkipped}).`);
    if (gpuSkipped) say(`WebGPU: skipped (${gpuSkipped}).`);
    if (gpuMedian && nodeMedian) {
      const ratio = gpuMedian.wallSeconds / nodeMedian.wallSeconds;
      say(`WebGPU ÷ the CPU core: ${fixed(ratio, 3)} (${ratio <= 1 ? `${fixed(1 / ratio, 1)}x faster` : `${fixed(ratio, 1)}x slower`}).`);
    }
    if (gpuMedian) {
      // Where the GPU path spends its thread: if steps x this is most of the wall time, the GPU waits for the CPU.
      const perStep = gpuMedian.configs.map((c) => `${labelOf(w, c.configId)} ${fixed(c.gpuRecordMsPerStep ?? NaN, 3)} ms`).join(', ');
      say(`WebGPU: recording and submitting a step (masks drawn included) took its thread ${perStep}.`);
    }

    // Final accuracies: speed work must never change results silently.
    const acc: string[][] = [];
    for (const c of browserMedian?.configs ?? []) acc.push([`Chromium ${c.label}`, fixed(c.finalTrainAcc, 3), fixed(c.finalValAcc, 3), fixed(c.bestValAcc, 3), `${seconds(c.seconds)} s`]);
    for (const c of gpuMedian?.configs ?? []) acc.push([`WebGPU ${labelOf(w, c.configId)}`, fixed(c.finalTrainAcc, 3), fixed(c.finalValAcc, 3), fixed(c.bestValAcc, 3), `${seconds(c.seconds)} s`]);
    for (const c of nodeMedian?.configs ?? []) acc.push([`Node ${labelOf(w, c.configId)}`, fixed(c.finalTrainAcc, 3), fixed(c.finalValAcc, 3), fixed(c.bestValAcc, 3), `${seconds(c.seconds)} s`]);
    for (const np of [np64, np32]) for (const c of np?.configs ?? []) acc.push([`NumPy ${np!.dtype} p = ${c.keep}`, fixed(c.finalTrainAcc, 3), fixed(c.finalValAcc, 3), fixed(c.bestValAcc, 3), `${seconds(c.seconds)} s`]);
    if (acc.length) say('\n' + table(['Final accuracies', 'train', 'val', 'best val', 'configuration s'], acc));
    const agree = accuraciesAgree(w, nodeMedian, browserMedian);
    if (agree !== null) say(agree ? 'Node and Chromium end at the same accuracies (same seeds, same kernels).' : 'WARNING: Node and Chromium end at different accuracies.');

    if (browserMedian) {
      const variants = Object.entries(browser?.variantRuns ?? {}).map(([name, rs]) => [name, medianBy(rs, (r) => r.wallSeconds)] as const);
      const uiRow = (label: string, b: BrowserRun) => [
        label, seconds(b.wallSeconds), String(b.workerMessages), `${b.longTasks} (${fixed(b.longTaskMs, 0)} ms)`,
        `${fixed(b.mainThreadMs, 0)} ms (${fixed((100 * b.mainThreadMs) / (1000 * b.wallSeconds), 0)}%)`, fixed(b.scriptMs, 0), fixed(b.layoutMs, 0),
        nodeMedian ? `${fixed(b.wallSeconds - nodeMedian.wallSeconds, 2)} s` : '-',
      ];
      say('\n' + table(['UI cost in Chromium (median runs)', 'wall s', 'worker messages', 'tasks > 50 ms', 'main thread busy', 'script ms', 'style+layout ms', 'minus Node'], [
        uiRow('app as shipped (charts on)', browserMedian),
        ...variants.map(([name, run]) => uiRow(`${name} (diagnostic)`, run)),
      ]));
    }

    if (scaling.length) {
      const ref = scaling.find((s) => s.hiddenSize === 500 && s.numTrain === 500) ?? scaling[0];
      say(`\nScaling (Node, generated data, ${options.quick ? '1 epoch' : `${W.epochs} epochs`}, both configurations, ${options.scalingReps} repetition${options.scalingReps > 1 ? 's' : ''} each): ` +
        'time per GFLOP stays flat when cost grows linearly.');
      say(table(['hidden', 'train', 'GFLOP', 's', 'GFLOP/s', 's per GFLOP vs 500/500'], scaling.map((s) => [
        String(s.hiddenSize), String(s.numTrain), fixed(s.gflop, 0), seconds(s.seconds), fixed(s.gflops, 1), fixed(s.seconds / s.gflop / (ref.seconds / ref.gflop), 2),
      ])));
    }

    if (options.json) {
      const json = {
        workload: { ...w, gflop: flops.total / 1e9, checkGflop: flops.checks / 1e9 },
        data: { source: files.source, dir: files.source === 'cifar10' ? files.dir : null },
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.versions.node, chromium: browser?.chromium ?? null, loadBefore, loadAfter },
        reps: options.reps,
        chromium: browser
          ? {
            kernel: browser.kernel,
            medianSeconds: browserMedian!.wallSeconds,
            gflops: flops.total / browserMedian!.wallSeconds / 1e9,
            longTasks: browserMedian!.longTasks,
            longTaskMs: browserMedian!.longTaskMs,
            mainThreadMs: browserMedian!.mainThreadMs,
            finalAccuracies: browserMedian!.configs,
            runs: browser.runs,
            firstOpen: browser.firstOpen,
            variants: Object.fromEntries(Object.entries(browser.variantRuns).map(([name, rs]) => [name, {
              medianSeconds: medianBy(rs, (r) => r.wallSeconds).wallSeconds,
              medianMainThreadMs: median(rs.map((r) => r.mainThreadMs)),
              runs: rs,
            }])),
          }
          : { skipped: browserSkipped ?? 'not run (--no-browser)' },
        webgpu: gpuMedian
          ? { adapter: gpuMedian.adapter, medianSeconds: gpuMedian.wallSeconds, gflops: flops.total / gpuMedian.wallSeconds / 1e9, finalAccuracies: gpuMedian.configs, runs: gpuRuns }
          : { skipped: gpuSkipped ?? 'not run (no --gpu)' },
        node: nodeMedian
          ? { kernel: nodeMedian.kernel, medianSeconds: nodeMedian.wallSeconds, gflops: flops.total / nodeMedian.wallSeconds / 1e9, finalAccuracies: nodeMedian.configs, runs: nodeRuns }
          : { skipped: 'not run (--no-node)' },
        numpy: Object.fromEntries(Object.entries(numpy).map(([k, v]) => [k, v.ok ? v.result : { skipped: v.reason }])),
        ratios: {
          chromiumOverNode: ratio(browserMedian?.wallSeconds, nodeMedian?.wallSeconds),
          chromiumOverNumpyFloat64: ratio(browserMedian?.wallSeconds, np64?.medianSeconds),
          chromiumOverNumpyFloat32: ratio(browserMedian?.wallSeconds, np32?.medianSeconds),
          nodeOverNumpyFloat64: ratio(nodeMedian?.wallSeconds, np64?.medianSeconds),
          nodeOverNumpyFloat32: ratio(nodeMedian?.wallSeconds, np32?.medianSeconds),
          webgpuOverNode: ratio(gpuMedian?.wallSeconds, nodeMedian?.wallSeconds),
          webgpuOverNumpyFloat64: ratio(gpuMedian?.wallSeconds, np64?.medianSeconds),
          webgpuOverNumpyFloat32: ratio(gpuMedian?.wallSeconds, np32?.medianSeconds),
        },
        accuraciesAgree: agree,
        threads: threadRuns.one.length
          ? { cores, oneThreadSeconds: median(threadRuns.one), allThreadsSeconds: median(threadRuns.all), speedup: median(threadRuns.one) / median(threadRuns.all), runs: threadRuns }
          : { skipped: options.threads ? 'one core' : 'not run (--no-threads)' },
        scaling,
      };
      const text = JSON.stringify(json, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
      if (options.jsonFile) writeFileSync(options.jsonFile, text + '\n');
      else process.stdout.write(text + '\n');
    }
  } finally {
    files.cleanup();
  }
}

/** The configuration's row label in the app's Results table. */
function labelOf(w: Workload, configId: string): string {
  return configsOf(w).find((c) => c.configId === configId)?.label ?? configId;
}

/** Whether both paths ended at the same final accuracies per configuration; null when one did not run. */
function accuraciesAgree(w: Workload, node: NodeRun | null, browser: BrowserRun | null): boolean | null {
  if (!node || !browser) return null;
  return node.configs.every((c) => {
    const b = browser.configs.find((x) => x.label === labelOf(w, c.configId));
    const same = (x: number, y: number) => Math.abs(x - y) < 5e-4; // the table shows 3 decimals
    return !!b && same(b.finalTrainAcc, c.finalTrainAcc) && same(b.finalValAcc, c.finalValAcc) && same(b.bestValAcc, c.bestValAcc);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
