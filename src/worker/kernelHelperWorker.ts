import { helperLoop, runKernelTask, type KernelHelperInit } from '../core/kernels/index.ts';

/** A helper thread of a training worker's kernels (WebAssembly threads): runs its tasks until told to quit. */
self.addEventListener('message', (event: MessageEvent<KernelHelperInit>) => helperLoop(event.data, runKernelTask), {
  once: true,
});
