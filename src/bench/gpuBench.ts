import { nodeGpu } from '../core/gpu/testing/nodeGpu.ts';
import { installFastKernels } from '../core/kernels/index.ts';
import { generatedDataset, loadBenchDataset } from './benchData.ts';
import { prepareConfiguration, type ConfigTiming } from './coreRun.ts';
import type { BenchDataSpec } from './nodeBench.ts';
import { configsOf, runSettingsOf, withChanges, type Workload } from './workload.ts';

export interface GpuRun {
  /** From the start to the last configuration's 'done': both configurations train at once on the one device. */
  wallSeconds: number;
  adapter: string;
  configs: ConfigTiming[];
}

/**
 * W on WebGPU in Node (Dawn's bindings, the `webgpu` package), through the app's own TrainingSession with Compute =
 * GPU: the same split, seeds, masks and checks as the CPU runs. Where there is no adapter, says why instead.
 */
export async function runGpuWorkload(data: BenchDataSpec, w: Workload): Promise<GpuRun | { skipped: string }> {
  const gpu = await nodeGpu();
  if (!gpu.device) return { skipped: gpu.reason };
  // The figures after the results are computed on the CPU, as in the browser's worker.
  await installFastKernels({ relaxed: false });
  const dataset = data.kind === 'files'
    ? await loadBenchDataset({ dir: data.dir, source: 'cifar10', cleanup: () => {} })
    : await generatedDataset(data.numTrain, data.numVal);
  const onGpu = withChanges(w, { kernels: 'gpu' });
  const runs = configsOf(onGpu).map((plan) => prepareConfiguration(dataset, runSettingsOf(onGpu), plan, `webgpu (${gpu.adapter})`, gpu.device));
  const configs = await Promise.all(runs.map((run) => run()));
  return { wallSeconds: Math.max(...configs.map((c) => c.seconds)), adapter: gpu.adapter, configs };
}
