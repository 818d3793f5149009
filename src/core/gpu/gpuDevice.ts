/** A WebGPU device for training, or why there is none. `gpu` is navigator.gpu in a browser (or Dawn's, in Node). */
export type GpuAcquisition = { device: GPUDevice; adapter: string } | { device: null; problem: string };

export async function acquireGpuDevice(gpu: GPU | undefined): Promise<GpuAcquisition> {
  if (!gpu) return { device: null, problem: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return {
      device: null,
      problem: `the browser refused a WebGPU adapter (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (!adapter)
    return { device: null, problem: 'the browser found no WebGPU adapter (no GPU, or WebGPU is turned off)' };
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
    },
  });
  return { device, adapter: adapterName(adapter) };
}

/** "NVIDIA H100", "SwiftShader driver 5.0.0", or the vendor. */
export function adapterName(adapter: GPUAdapter): string {
  const { description, vendor, architecture } = adapter.info;
  return description || [vendor, architecture].filter(Boolean).join(' ') || 'a WebGPU adapter';
}

/** Why a page cannot offer the GPU path. */
export type GpuUnavailable = 'noApi' | 'noAdapter' | 'refused';
export type GpuProbe = { adapter: string } | { unavailable: GpuUnavailable; detail: string };

/** Whether WebGPU offers an adapter here (no device is created), and its name. */
export async function probeGpuAdapter(gpu: GPU | undefined): Promise<GpuProbe> {
  if (!gpu) return { unavailable: 'noApi', detail: '' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? { adapter: adapterName(adapter) } : { unavailable: 'noAdapter', detail: '' };
  } catch (error) {
    return { unavailable: 'refused', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Refuses, naming the limit, data or weights larger than one buffer of this device may be. */
export function checkDeviceLimits(device: GPUDevice, buffers: [string, number][]): void {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  for (const [what, bytes] of buffers) {
    if (bytes > limit) {
      throw new RangeError(
        `${what} take ${(bytes / 1e6).toFixed(0)} MB, more than this GPU's largest buffer (${(limit / 1e6).toFixed(0)} MB, maxStorageBufferBindingSize): ` +
          'use fewer training examples, a smaller net, or Exact or Fast on the CPU',
      );
    }
  }
}
