import { parentPort, workerData } from 'node:worker_threads';
import { installFastKernels } from '../core/kernels/index.ts';
import { generatedDataset, loadBenchDataset } from './benchData.ts';
import { prepareConfiguration } from './coreRun.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './nodeBench.ts';

/** One configuration in one thread, as a training worker does in the browser: prepare, say ready, train on "go". */
async function main(): Promise<void> {
  const port = parentPort!;
  const { data, workload, configId, keepProb } = workerData as NodeWorkerData;
  const kernel = await installFastKernels();
  const dataset = data.kind === 'files' ? await loadBenchDataset({ dir: data.dir, source: 'cifar10', cleanup: () => {} }) : await generatedDataset(data.numTrain, data.numVal);
  const run = prepareConfiguration(dataset, workload, configId, keepProb);
  port.once('message', () => {
    const timing = run();
    port.postMessage({ type: 'done', timing, kernel } satisfies NodeWorkerMessage);
  });
  port.postMessage({ type: 'ready' } satisfies NodeWorkerMessage);
}

main().catch((error: unknown) => {
  parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies NodeWorkerMessage);
});
