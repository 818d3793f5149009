import { ComputeUnavailable, runNodeWorkload, type BenchDataSpec } from './nodeBench.ts';
import type { ConfigTiming } from './coreRun.ts';
import type { Workload } from './workload.ts';

export interface GpuRun {
  /** From "go" to the last configuration's 'done': the configurations train at once, each in its own thread and device. */
  wallSeconds: number;
  adapter: string;
  configs: ConfigTiming[];
}

/**
 * W on WebGPU in Node (Dawn's bindings, the `webgpu` package), through the app's own TrainingSession with Compute =
 * GPU: the same split, seeds, masks and checks as the CPU runs, one thread and one device per configuration as the
 * browser's training workers have. Where there is no adapter, says why instead.
 */
export async function runGpuWorkload(data: BenchDataSpec, w: Workload): Promise<GpuRun | { skipped: string }> {
  try {
    const run = await runNodeWorkload(data, w, 'webgpu');
    return {
      wallSeconds: run.wallSeconds,
      adapter: run.kernel.replace(/^webgpu \((.*)\)$/, '$1'),
      configs: run.configs,
    };
  } catch (error) {
    if (error instanceof ComputeUnavailable) return { skipped: error.message };
    throw error;
  }
}
