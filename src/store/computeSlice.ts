import type { StateCreator } from 'zustand';
import type { GpuUnavailable } from '../core/gpu/gpuDevice.ts';
import { message, type Message } from '../core/message.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { isActive } from './runState.ts';

/** Whether this page can train on the GPU: found while the page opens. */
export type GpuAvailability =
  | { status: 'checking' }
  | { status: 'available'; adapter: string }
  | { status: 'unavailable'; reason: GpuUnavailable; detail: string };

export interface ComputeSlice {
  gpu: GpuAvailability;
  /** Whether the compute choice was made (by the person or the link): else the GPU becomes the default when found. */
  kernelsChosen: boolean;
  /** Looks for a WebGPU adapter once. */
  detectGpu(): Promise<void>;
}

/** Why the GPU cannot be used now, or null when it can. */
export function gpuUnavailableMessage(gpu: GpuAvailability): Message | null {
  if (gpu.status === 'available') return null;
  if (gpu.status === 'checking')
    return message('gpuChecking', {}, 'GPU (WebGPU): still looking for an adapter; try again in a moment');
  const why = {
    noApi: 'this browser has no WebGPU',
    noAdapter: 'no WebGPU adapter was found (no GPU, or WebGPU is turned off)',
    refused: `the browser refused an adapter (${gpu.detail})`,
  }[gpu.reason];
  return message(
    'gpuUnavailable',
    { reason: gpu.reason, detail: gpu.detail },
    `GPU (WebGPU) is not available here: ${why}. Choose Exact or Fast`,
  );
}

/** The compute choice's side: whether WebGPU is there, and the GPU as the default where it is (unless a choice was made). */
export const createComputeSlice =
  (deps: Pick<LabDeps, 'probeGpu'>): StateCreator<LabState, [], [], ComputeSlice> =>
  (set, get) => ({
    gpu: { status: 'checking' },
    kernelsChosen: false,

    async detectGpu() {
      if (get().gpu.status !== 'checking') return;
      const probe = await deps.probeGpu();
      if ('adapter' in probe) {
        set({ gpu: { status: 'available', adapter: probe.adapter } });
        if (!get().kernelsChosen && !isActive(get().run)) set({ settings: { ...get().settings, kernels: 'gpu' } });
      } else set({ gpu: { status: 'unavailable', reason: probe.unavailable, detail: probe.detail } });
    },
  });
