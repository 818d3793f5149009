import { existsSync } from 'node:fs';
import { acquireGpuDevice } from './gpuDevice.ts';

/** Debian's Chromium ships SwiftShader's Vulkan driver: a GPU made of CPU cores, correct and slow. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let instance: GPU | null = null;

export type NodeGpu = { device: GPUDevice; adapter: string } | { device: null; reason: string };

/**
 * A WebGPU device in Node through Dawn's bindings (the `webgpu` package), on the machine's Vulkan driver; where none
 * is set, SwiftShader's from Debian's Chromium. Null with the reason where there is no adapter at all.
 */
export async function nodeGpu(): Promise<NodeGpu> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  let create: (options: string[]) => GPU;
  try {
    ({ create } = await import('webgpu'));
  } catch (error) {
    return { device: null, reason: `the webgpu package could not be loaded (${String(error)})` };
  }
  // Dawn ends the process when its instance is collected while a device lives: keep it for the process's life.
  instance ??= create([]);
  const acquired = await acquireGpuDevice(instance);
  if (!acquired.device)
    return {
      device: null,
      reason: `${acquired.problem} (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}; libvulkan1 installed?)`,
    };
  return acquired;
}
