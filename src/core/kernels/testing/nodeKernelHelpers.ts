import { Worker } from 'node:worker_threads';
import { helperLoop, runKernelTask, type KernelHelperInit, type SpawnKernelHelper } from '../wasm-team.ts';

/**
 * Kernel helper threads in Node (tests, the bench): a worker thread evaluating helperLoop's and runKernelTask's own
 * source text (both self-contained), so no separate script or TypeScript loader is needed. Returns the spawner and a
 * function ending every thread it started. `runTask` (default runKernelTask) must be self-contained too; a test passes a
 * broken one.
 */
export function nodeKernelHelpers(runTask: (...args: never[]) => void = runKernelTask): {
  spawnHelper: SpawnKernelHelper;
  terminate: () => Promise<void>;
} {
  const threads: Worker[] = [];
  const source = `const { workerData } = require('node:worker_threads');\n(${helperLoop.toString()})(workerData, ${runTask.toString()});`;
  return {
    spawnHelper(init: KernelHelperInit) {
      const worker = new Worker(source, { eval: true, workerData: init });
      worker.unref();
      threads.push(worker);
    },
    async terminate() {
      await Promise.all(threads.splice(0).map((t) => t.terminate()));
    },
  };
}
