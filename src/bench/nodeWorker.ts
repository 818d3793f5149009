import { parentPort, workerData } from 'node:worker_threads';
import { installFastKernels } from '../core/kernels/index.ts';
import { generatedDataset, loadBenchDataset } from './benchData.ts';
import { prepareConfiguration } from './coreRun.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './nodeBench.ts';
import { runSettingsOf } from './workload.ts';

/** One configuration in one thread, as a training worker does in the browser: prepare, say ready, train on "go". */
async function main(): Promise<void> {
  const port = parentPort!;
  const { data, workload, plan } = workerData as NodeWorkerData;
  // As the training worker does for the "Matrix kernels" setting.
  const kernel = await installFastKernels({ relaxed: workload.kernels === 'fast' });
  const dataset = data.kind === 'files' ? await loadBenchDataset({ dir: data.dir, source: 'cifar10', cleanup: () => {} }) : await generatedDataset(data.numTrain, data.numVal);
  const run = prepareConfiguration(dataset, runSettingsOf(workload), plan, kernel);
  port.once('message', () => {
    run().then(
      (timing) => port.postMessage({ type: 'done', timing, kernel } satisfies NodeWorkerMessage),
      (error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies NodeWorkerMessage),
    );
  });
  port.postMessage({ type: 'ready' } satisfies NodeWorkerMessage);
}

main().catch((error: unknown) => {
  parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies NodeWorkerMessage);
});
