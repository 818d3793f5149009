import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchFiles } from './benchData.ts';
import type { BrowserBench, BrowserRun } from './browserBench.ts';
import type { Options } from './benchOptions.ts';
import type { GpuRun } from './gpuBench.ts';
import type { NodeRun } from './nodeBench.ts';
import type { NumpyOutcome } from './numpyReference.ts';
import { fixed, gflops, median, medianBy, seconds, table } from './report.ts';
import { checksOf, configsOf, iterationsOf, W, type Workload, type WorkloadFlops } from './workload.ts';

export interface ScalingRow {
  hiddenSize: number;
  numTrain: number;
  gflop: number;
  seconds: number;
  gflops: number;
}

/** Everything one bench invocation measured, for its tables and its JSON. */
export interface BenchResults {
  options: Options;
  w: Workload;
  flops: WorkloadFlops;
  files: BenchFiles;
  loadBefore: number[];
  loadAfter: number[];
  nodeRuns: NodeRun[];
  cores: number;
  threadRuns: Record<'one' | 'all', number[]>;
  gpuRuns: GpuRun[];
  gpuSkipped: string | null;
  browser: BrowserBench | null;
  browserSkipped: string | null;
  numpy: Record<'float64' | 'float32', NumpyOutcome>;
  scaling: ScalingRow[];
}

/** The tables (and, with --json, the JSON object) of one bench invocation. */
export function writeSummary(results: BenchResults, say: (text: string) => void): void {
  const {
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
  } = results;
  const nodeMedian = nodeRuns.length ? medianBy(nodeRuns, (r) => r.wallSeconds) : null;
  const browserRuns: BrowserRun[] = browser?.runs ?? [];
  const browserMedian = browserRuns.length ? medianBy(browserRuns, (r) => r.wallSeconds) : null;
  const np64 = numpy.float64.ok ? numpy.float64.result : null;
  const np32 = numpy.float32.ok ? numpy.float32.result : null;
  const ratio = (ours: number | undefined, theirs: number | undefined) =>
    ours !== undefined && theirs ? ours / theirs : NaN;

  say(
    `\nWorkload W: ${w.inputDim}-${w.hiddenSize}-${w.numClasses} net, ${w.numTrain} training / ${w.numVal} validation examples ` +
      `(${files.source === 'cifar10' ? 'CIFAR-10 subsets' : 'generated CIFAR-shaped data'}), ${w.epochs} epochs of batches of ${w.batchSize} ` +
      `(${iterationsOf(w)} iterations), Adam ${w.learningRate}, float32, p = ${configsOf(w)
        .map((c) => c.keepProb)
        .join(' and ')}, ` +
      `"${w.kernels}" matrix kernels, ` +
      `${checksOf(w)} accuracy checks on all ${Math.min(w.numTrain, w.checkTrainSamples) + w.numVal} examples.`,
  );
  say(
    `${fixed(flops.total / 1e9, 0)} GFLOP counted densely (${fixed((100 * flops.checks) / flops.total, 0)}% in the checks). ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.versions.node}` +
      `${browser ? `, Chromium ${browser.chromium}` : ''}; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after. ` +
      `Medians of ${options.reps} repetition${options.reps > 1 ? 's' : ''}.\n`,
  );

  const rows: string[][] = [];
  const row = (label: string, times: number[], med: number | undefined) => {
    if (med === undefined) return;
    rows.push([
      label,
      seconds(med),
      seconds(Math.min(...times)),
      seconds(Math.max(...times)),
      gflops(flops.total, med),
      fixed(ratio(med, np64?.medianSeconds), 2),
      fixed(ratio(med, np32?.medianSeconds), 2),
    ]);
  };
  row(
    `Chromium, the app (2 workers${browser?.kernel ? `, ${browser.kernel}` : ''})`,
    browserRuns.map((r) => r.wallSeconds),
    browserMedian?.wallSeconds,
  );
  row(
    `Node, the core (2 threads, ${nodeMedian?.kernel ?? ''})`,
    nodeRuns.map((r) => r.wallSeconds),
    nodeMedian?.wallSeconds,
  );
  const gpuMedian = gpuRuns.length ? medianBy(gpuRuns, (r) => r.wallSeconds) : null;
  row(
    `Node, WebGPU (${gpuMedian?.adapter ?? ''})`,
    gpuRuns.map((r) => r.wallSeconds),
    gpuMedian?.wallSeconds,
  );
  if (np64) row(`NumPy ${np64.numpy} float64`, [np64.minSeconds, np64.maxSeconds], np64.medianSeconds);
  if (np32) row(`NumPy ${np32.numpy} float32`, [np32.minSeconds, np32.maxSeconds], np32.medianSeconds);
  say(table(['W, both configurations', 'median s', 'min s', 'max s', 'GFLOP/s', '÷ NumPy f64', '÷ NumPy f32'], rows));
  if (nodeRuns.length) {
    const untilFigures = nodeRuns.map((r) => r.insightWallSeconds);
    say(
      `Node, until every configuration has also sent its "Why it works" figures (after done): median ${seconds(median(untilFigures))} s ` +
        `(min ${seconds(Math.min(...untilFigures))}, max ${seconds(Math.max(...untilFigures))}).`,
    );
  }
  for (const [dtype, outcome] of Object.entries(numpy))
    if (!outcome.ok) say(`NumPy ${dtype}: skipped (${outcome.reason}).`);
  // One run's ratios, as the issue's targets read them.
  say(
    `ratios: Chromium / Node ${fixed(ratio(browserMedian?.wallSeconds, nodeMedian?.wallSeconds), 2)}, ` +
      `Chromium / NumPy f64 ${fixed(ratio(browserMedian?.wallSeconds, np64?.medianSeconds), 2)}, Chromium / NumPy f32 ${fixed(ratio(browserMedian?.wallSeconds, np32?.medianSeconds), 2)}, ` +
      `Node / NumPy f64 ${fixed(ratio(nodeMedian?.wallSeconds, np64?.medianSeconds), 2)}, Node / NumPy f32 ${fixed(ratio(nodeMedian?.wallSeconds, np32?.medianSeconds), 2)}`,
  );
  const threadsLine = threadRuns.one.length
    ? `threads: 1 thread ${seconds(median(threadRuns.one))} s, ${cores} threads ${seconds(median(threadRuns.all))} s, ` +
      `speedup ${fixed(median(threadRuns.one) / median(threadRuns.all), 2)} (Node, W's p = 1 alone, medians of ${threadRuns.one.length})`
    : `threads: not run (${options.threads ? 'one core' : '--no-threads'})`;
  say(threadsLine);
  const first = browser?.firstOpen;
  if (first) {
    say(
      `first open (default run, built-in sample, Train clicked at once): click to Done ${seconds(first.clickToDoneSeconds)} s, ` +
        `the status line's training ${seconds(first.trainingSeconds)} s, difference ${seconds(first.clickToDoneSeconds - first.trainingSeconds)} s`,
    );
  }
  if (browserSkipped) say(`Chromium: skipped (${browserSkipped}).`);
  if (gpuSkipped) say(`WebGPU: skipped (${gpuSkipped}).`);
  if (gpuMedian && nodeMedian) {
    const ratio = gpuMedian.wallSeconds / nodeMedian.wallSeconds;
    say(
      `WebGPU ÷ the CPU core: ${fixed(ratio, 3)} (${ratio <= 1 ? `${fixed(1 / ratio, 1)}x faster` : `${fixed(ratio, 1)}x slower`}).`,
    );
  }
  if (gpuMedian) {
    // Where the GPU path spends its thread: if steps x this is most of the wall time, the GPU waits for the CPU.
    const perStep = gpuMedian.configs
      .map((c) => `${labelOf(w, c.configId)} ${fixed(c.gpuRecordMsPerStep ?? NaN, 3)} ms`)
      .join(', ');
    say(`WebGPU: recording and submitting a step (masks drawn included) took its thread ${perStep}.`);
  }

  // Final accuracies: speed work must never change results silently.
  const acc: string[][] = [];
  for (const c of browserMedian?.configs ?? [])
    acc.push([
      `Chromium ${c.label}`,
      fixed(c.finalTrainAcc, 3),
      fixed(c.finalValAcc, 3),
      fixed(c.bestValAcc, 3),
      `${seconds(c.seconds)} s`,
    ]);
  for (const c of gpuMedian?.configs ?? [])
    acc.push([
      `WebGPU ${labelOf(w, c.configId)}`,
      fixed(c.finalTrainAcc, 3),
      fixed(c.finalValAcc, 3),
      fixed(c.bestValAcc, 3),
      `${seconds(c.seconds)} s`,
    ]);
  for (const c of nodeMedian?.configs ?? [])
    acc.push([
      `Node ${labelOf(w, c.configId)}`,
      fixed(c.finalTrainAcc, 3),
      fixed(c.finalValAcc, 3),
      fixed(c.bestValAcc, 3),
      `${seconds(c.seconds)} s`,
    ]);
  for (const np of [np64, np32])
    for (const c of np?.configs ?? [])
      acc.push([
        `NumPy ${np!.dtype} p = ${c.keep}`,
        fixed(c.finalTrainAcc, 3),
        fixed(c.finalValAcc, 3),
        fixed(c.bestValAcc, 3),
        `${seconds(c.seconds)} s`,
      ]);
  if (acc.length) say('\n' + table(['Final accuracies', 'train', 'val', 'best val', 'configuration s'], acc));
  const agree = accuraciesAgree(w, nodeMedian, browserMedian);
  if (agree !== null)
    say(
      agree
        ? 'Node and Chromium end at the same accuracies (same seeds, same kernels).'
        : 'WARNING: Node and Chromium end at different accuracies.',
    );

  if (browserMedian) {
    const variants = Object.entries(browser?.variantRuns ?? {}).map(
      ([name, rs]) => [name, medianBy(rs, (r) => r.wallSeconds)] as const,
    );
    const uiRow = (label: string, b: BrowserRun) => [
      label,
      seconds(b.wallSeconds),
      String(b.workerMessages),
      `${b.longTasks} (${fixed(b.longTaskMs, 0)} ms)`,
      `${fixed(b.mainThreadMs, 0)} ms (${fixed((100 * b.mainThreadMs) / (1000 * b.wallSeconds), 0)}%)`,
      fixed(b.scriptMs, 0),
      fixed(b.layoutMs, 0),
      nodeMedian ? `${fixed(b.wallSeconds - nodeMedian.wallSeconds, 2)} s` : '-',
    ];
    say(
      '\n' +
        table(
          [
            'UI cost in Chromium (median runs)',
            'wall s',
            'worker messages',
            'tasks > 50 ms',
            'main thread busy',
            'script ms',
            'style+layout ms',
            'minus Node',
          ],
          [
            uiRow('app as shipped (charts on)', browserMedian),
            ...variants.map(([name, run]) => uiRow(`${name} (diagnostic)`, run)),
          ],
        ),
    );
  }

  if (scaling.length) {
    const ref = scaling.find((s) => s.hiddenSize === 500 && s.numTrain === 500) ?? scaling[0];
    say(
      `\nScaling (Node, generated data, ${options.quick ? '1 epoch' : `${W.epochs} epochs`}, both configurations, ${options.scalingReps} repetition${options.scalingReps > 1 ? 's' : ''} each): ` +
        'time per GFLOP stays flat when cost grows linearly.',
    );
    say(
      table(
        ['hidden', 'train', 'GFLOP', 's', 'GFLOP/s', 's per GFLOP vs 500/500'],
        scaling.map((s) => [
          String(s.hiddenSize),
          String(s.numTrain),
          fixed(s.gflop, 0),
          seconds(s.seconds),
          fixed(s.gflops, 1),
          fixed(s.seconds / s.gflop / (ref.seconds / ref.gflop), 2),
        ]),
      ),
    );
  }

  if (options.json) {
    const json = {
      workload: { ...w, gflop: flops.total / 1e9, checkGflop: flops.checks / 1e9 },
      data: { source: files.source, dir: files.source === 'cifar10' ? files.dir : null },
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? null,
        node: process.versions.node,
        chromium: browser?.chromium ?? null,
        loadBefore,
        loadAfter,
      },
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
            variants: Object.fromEntries(
              Object.entries(browser.variantRuns).map(([name, rs]) => [
                name,
                {
                  medianSeconds: medianBy(rs, (r) => r.wallSeconds).wallSeconds,
                  medianMainThreadMs: median(rs.map((r) => r.mainThreadMs)),
                  runs: rs,
                },
              ]),
            ),
          }
        : { skipped: browserSkipped ?? 'not run (--no-browser)' },
      webgpu: gpuMedian
        ? {
            adapter: gpuMedian.adapter,
            medianSeconds: gpuMedian.wallSeconds,
            gflops: flops.total / gpuMedian.wallSeconds / 1e9,
            finalAccuracies: gpuMedian.configs,
            runs: gpuRuns,
          }
        : { skipped: gpuSkipped ?? 'not run (no --gpu)' },
      node: nodeMedian
        ? {
            kernel: nodeMedian.kernel,
            medianSeconds: nodeMedian.wallSeconds,
            gflops: flops.total / nodeMedian.wallSeconds / 1e9,
            finalAccuracies: nodeMedian.configs,
            runs: nodeRuns,
          }
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
        ? {
            cores,
            oneThreadSeconds: median(threadRuns.one),
            allThreadsSeconds: median(threadRuns.all),
            speedup: median(threadRuns.one) / median(threadRuns.all),
            runs: threadRuns,
          }
        : { skipped: options.threads ? 'one core' : 'not run (--no-threads)' },
      scaling,
    };
    const text = JSON.stringify(json, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
    if (options.jsonFile) writeFileSync(options.jsonFile, text + '\n');
    else process.stdout.write(text + '\n');
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
    return (
      !!b &&
      same(b.finalTrainAcc, c.finalTrainAcc) &&
      same(b.finalValAcc, c.finalValAcc) &&
      same(b.bestValAcc, c.bestValAcc)
    );
  });
}
