import { acquireGpuDevice, type GpuAcquisition } from '../core/gpu/gpuDevice.ts';
import {
  installFastKernels,
  kernels,
  type KernelHelperInit,
  type KernelPath,
  type WasmKernels,
} from '../core/kernels/index.ts';
import type { FromTrainWorker, ToTrainWorker } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { workerScope } from './workerScope.ts';

const scope = workerScope<ToTrainWorker, FromTrainWorker>();
let session: TrainingSession | null = null;
let runId: string | null = null;
/**
 * WebAssembly SIMD kernels when the engine has them, on `threads` threads (helper workers share their memory);
 * installed again only when a run asks for the other kind or another number of threads.
 */
let installed: { relaxed: boolean; threads: number; path: Promise<KernelPath> } | null = null;

function spawnHelper(init: KernelHelperInit): void {
  new Worker(new URL('./kernelHelperWorker.ts', import.meta.url), {
    type: 'module',
    name: 'kernel-helper',
  }).postMessage(init);
}

function kernelsFor(relaxed: boolean, threads: number): Promise<KernelPath> {
  if (installed?.relaxed !== relaxed || installed.threads !== threads) {
    const previous = installed?.path;
    installed = {
      relaxed,
      threads,
      path: (previous ?? Promise.resolve(null)).then(() => {
        (kernels() as Partial<WasmKernels>).dispose?.();
        return installFastKernels({ relaxed, threads, spawnHelper });
      }),
    };
  }
  return installed.path;
}

/** This worker's WebGPU device, acquired once (a sweep's jobs share it); a lost device is acquired again. */
let gpuDevice: Promise<GpuAcquisition> | null = null;

async function deviceFor(): Promise<{ device: GPUDevice; adapter: string }> {
  gpuDevice ??= acquireGpuDevice(self.navigator.gpu);
  const acquired = await gpuDevice;
  if (!acquired.device) {
    gpuDevice = null;
    throw new Error(`GPU (WebGPU) is not available: ${acquired.problem}`);
  }
  const { device, adapter } = acquired;
  void device.lost.then(() => (gpuDevice = null));
  return { device, adapter };
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'start') {
    runId = message.runId;
    const { configId } = message;
    const fail = (error: unknown) =>
      scope.postMessage({ type: 'error', runId: message.runId, configId, message: errorMessage(error) });
    const post = (m: FromTrainWorker, transfer?: Transferable[]) => scope.postMessage(m, transfer ?? []);
    // The GPU path's figures ("Why it works") are computed on the CPU after the run: it installs the exact kernels too.
    // On the GPU path the CPU kernels serve only the figures: one thread.
    kernelsFor(message.config.kernels === 'fast', message.config.kernels === 'gpu' ? 1 : (message.threads ?? 1))
      .then(async (kernel) => {
        (kernels() as Partial<WasmKernels>).team?.useBudget(message.helperBudget ?? null);
        if (message.config.kernels !== 'gpu') return new TrainingSession(message, post, kernel);
        const { device, adapter } = await deviceFor();
        return new TrainingSession(message, post, `webgpu (${adapter})`, device);
      })
      .then((created) => {
        session = created;
        return created.run();
      })
      .catch(fail);
    return;
  }
  if (!session || message.runId !== runId) return;
  if (message.type === 'pause') session.pause();
  else if (message.type === 'resume') session.resume();
  else if (message.type === 'step') session.step();
  else if (message.type === 'inspect') session.inspect(message.example, message.layer);
  else if (message.type === 'features') session.showFeatures(message.view);
  else if (message.type === 'figures') session.computeFigures();
});
