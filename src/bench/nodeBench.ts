import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigPlan } from '../store/runState.ts';
import type { ConfigTiming } from './coreRun.ts';
import { configsOf, type Workload } from './workload.ts';

export type BenchDataSpec = { kind: 'files'; dir: string } | { kind: 'generated'; numTrain: number; numVal: number };

export interface NodeWorkerData {
  data: BenchDataSpec;
  workload: Workload;
  plan: Pick<ConfigPlan, 'configId' | 'keepProb' | 'scaling'>;
}

export type NodeWorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; timing: ConfigTiming; kernel: string }
  | { type: 'error'; message: string };

export interface NodeRun {
  /** From "go" to the last configuration's 'done': the configurations train in parallel, one thread each. */
  wallSeconds: number;
  /** From "go" until every configuration has also sent its "Why it works" figures. */
  insightWallSeconds: number;
  kernel: string;
  configs: ConfigTiming[];
}

/** The built worker sits next to this module's bundle (see vite.config.ts here). */
const workerPath = () => join(dirname(fileURLToPath(import.meta.url)), 'nodeWorker.js');

/** Runs every configuration of `w` in its own worker thread, all at once, as the app does in the browser. */
export async function runNodeWorkload(data: BenchDataSpec, w: Workload): Promise<NodeRun> {
  const workers = configsOf(w).map(({ configId, keepProb, scaling }) =>
    new Worker(workerPath(), { workerData: { data, workload: w, plan: { configId, keepProb, scaling } } satisfies NodeWorkerData }));
  try {
    const next = (worker: Worker) =>
      new Promise<NodeWorkerMessage>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once('error', onError);
        worker.once('message', (m: NodeWorkerMessage) => {
          worker.off('error', onError);
          if (m.type === 'error') reject(new Error(`benchmark worker: ${m.message}`));
          else resolve(m);
        });
      });
    await Promise.all(workers.map(next));
    const t0 = performance.now();
    const finished = Promise.all(
      workers.map(async (worker) => {
        const pending = next(worker);
        worker.postMessage('go');
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
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
