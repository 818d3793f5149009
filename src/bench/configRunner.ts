import { nodeGpu } from '../core/gpu/nodeGpu.ts';
import { installFastKernels } from '../core/kernels/index.ts';
import { nodeKernelHelpers } from '../core/kernels/testing/nodeKernelHelpers.ts';
import { generatedDataset, loadBenchDataset } from './benchData.ts';
import { prepareConfiguration } from './coreRun.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './nodeBench.ts';
import { runSettingsOf } from './workload.ts';

/**
 * One configuration, as a training worker runs it in the browser: prepare, say ready, train on "go" (`onGo` calls back
 * once). The same in a worker thread (the core) and in a child process (WebGPU: Dawn's bindings run only on a
 * process's main thread).
 */
export async function runConfiguration(
  { data, workload, plan, compute, threads }: NodeWorkerData,
  send: (m: NodeWorkerMessage) => void,
  onGo: (go: () => void) => void,
): Promise<void> {
  // As the training worker does for the "Matrix kernels" setting (the GPU path computes its figures with the exact ones).
  // Helpers of WebAssembly threads, when asked for: worker threads of their own (ended with this thread).
  const helpers = (threads ?? 1) > 1 ? nodeKernelHelpers() : null;
  let kernel: string = await installFastKernels({
    relaxed: workload.kernels === 'fast',
    threads,
    spawnHelper: helpers?.spawnHelper,
  });
  let device: GPUDevice | null = null;
  if (compute === 'webgpu') {
    const gpu = await nodeGpu();
    if (!gpu.device) {
      send({ type: 'unavailable', reason: gpu.reason });
      return;
    }
    [device, kernel] = [gpu.device, `webgpu (${gpu.adapter})`];
  }
  const dataset =
    data.kind === 'files'
      ? await loadBenchDataset({ dir: data.dir, source: 'cifar10', cleanup: () => {} })
      : await generatedDataset(data.numTrain, data.numVal);
  const settings = runSettingsOf(compute === 'webgpu' ? { ...workload, kernels: 'gpu' } : workload);
  const run = prepareConfiguration(dataset, settings, plan, kernel, device);
  onGo(() => {
    run().then(
      (timing) => send({ type: 'done', timing, kernel }),
      (error: unknown) =>
        send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  send({ type: 'ready' });
}

export const failure = (error: unknown): NodeWorkerMessage => ({
  type: 'error',
  message: error instanceof Error ? (error.stack ?? error.message) : String(error),
});
