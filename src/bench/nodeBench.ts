import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { ConfigPlan } from '../store/runState.ts';
import type { ConfigTiming } from './coreRun.ts';
import { configsOf, type Workload } from './workload.ts';

export type BenchDataSpec = { kind: 'files'; dir: string } | { kind: 'generated'; numTrain: number; numVal: number };

/** Where a configuration trains: on the core, or on WebGPU (Dawn; a device of the thread's own, as each browser worker has). */
export type BenchCompute = 'core' | 'webgpu';

export interface NodeWorkerData {
  data: BenchDataSpec;
  workload: Workload;
  plan: Pick<ConfigPlan, 'configId' | 'keepProb' | 'scaling'>;
  compute: BenchCompute;
  /** Threads for the configuration's products (WebAssembly threads, helpers in worker threads of its own). Default 1. */
  threads?: number;
}

export type NodeWorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; timing: ConfigTiming; kernel: string }
  /** WebGPU found no adapter here (why): the run is skipped. */
  | { type: 'unavailable'; reason: string }
  | { type: 'error'; message: string };

/** A GPU run that could not start, with the reason. */
export class ComputeUnavailable extends Error {}

export interface NodeRun {
  /** From "go" to the last configuration's 'done': the configurations train in parallel, one thread each. */
  wallSeconds: number;
  /** From "go" until every configuration has also sent its "Why it works" figures. */
  insightWallSeconds: number;
  kernel: string;
  configs: ConfigTiming[];
}

/** The built entries sit next to this module's bundle (see vite.config.ts here). */
const entryPath = (name: string) => join(dirname(fileURLToPath(import.meta.url)), name);

/** A worker thread or a child process running one configuration (nodeWorker.ts, nodeChild.ts). */
interface ConfigRunner {
  /** "go": train now. */
  go(): void;
  onceMessage(listener: (m: NodeWorkerMessage) => void): void;
  onceFailure(listener: (error: Error) => void): () => void;
  stop(): Promise<unknown>;
}

function startRunner(workerData: NodeWorkerData): ConfigRunner {
  if (workerData.compute === 'core') {
    const worker = new Worker(entryPath('nodeWorker.js'), { workerData });
    return {
      go: () => worker.postMessage('go'),
      onceMessage: (listener) => worker.once('message', listener),
      onceFailure: (listener) => (worker.once('error', listener), () => worker.off('error', listener)),
      stop: () => worker.terminate(),
    };
  }
  // Dawn's bindings abort in a worker thread: a process per configuration, each with its own device.
  const child = fork(entryPath('nodeChild.js'), {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--experimental-wasm-relaxed-simd'],
  });
  child.send(workerData);
  return {
    go: () => child.send('go'),
    onceMessage: (listener) => child.once('message', listener as (m: unknown) => void),
    onceFailure: (listener) => {
      const onExit = (code: number | null) => listener(new Error(`the benchmark process exited (code ${code})`));
      child.once('exit', onExit);
      return () => child.off('exit', onExit);
    },
    stop: () =>
      new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill()))),
  };
}

/**
 * Runs every configuration of `w` (or `only` the one of that p, on that many threads) in its own worker thread, all at once, as the app does in the browser; on WebGPU in a
 * process of its own with its own device, as each training worker has one. Rejects with ComputeUnavailable where WebGPU
 * has no adapter.
 */
export async function runNodeWorkload(
  data: BenchDataSpec,
  w: Workload,
  compute: BenchCompute = 'core',
  only: { keepProb: number; threads: number } | null = null,
): Promise<NodeRun> {
  const configs = configsOf(w).filter((c) => !only || c.keepProb === only.keepProb);
  const runners = configs.map(({ configId, keepProb, scaling }) =>
    startRunner({ data, workload: w, plan: { configId, keepProb, scaling }, compute, threads: only?.threads }),
  );
  try {
    const next = (runner: ConfigRunner) =>
      new Promise<NodeWorkerMessage>((resolve, reject) => {
        const forget = runner.onceFailure(reject);
        runner.onceMessage((m) => {
          forget();
          if (m.type === 'error') reject(new Error(`benchmark worker: ${m.message}`));
          else if (m.type === 'unavailable') reject(new ComputeUnavailable(m.reason));
          else resolve(m);
        });
      });
    await Promise.all(runners.map(next));
    const t0 = performance.now();
    const finished = Promise.all(
      runners.map(async (runner) => {
        const pending = next(runner);
        runner.go();
        const m = await pending;
        if (m.type !== 'done') throw new Error('benchmark worker: expected its result');
        return { ...m, at: performance.now() };
      }),
    );
    const results = await finished;
    return {
      wallSeconds: Math.max(...results.map((r) => r.timing.seconds)),
      insightWallSeconds: (Math.max(...results.map((r) => r.at)) - t0) / 1000,
      kernel: results[0].kernel,
      configs: results.map((r) => r.timing),
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}
