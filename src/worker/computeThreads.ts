/**
 * How many threads each configuration's products get: every core, shared out among the configurations that train at
 * once, when WebAssembly threads can work here (SharedArrayBuffer: in a browser only when the page is cross-origin
 * isolated); else one per configuration.
 */
export interface ComputeThreads {
  /** Threads per configuration, this worker's own included. */
  threads: number;
  cores: number;
  /** False where SharedArrayBuffer is missing (a page that is not cross-origin isolated): one thread each. */
  isolated: boolean;
}

export function computeThreads(configurations: number, cores: number | undefined, isolated: boolean): ComputeThreads {
  const c = Number.isFinite(cores) && cores! >= 1 ? Math.floor(cores!) : 1;
  const threads = isolated ? Math.max(1, Math.floor(c / Math.max(1, configurations))) : 1;
  return { threads, cores: c, isolated };
}

/** Helper threads a configuration may start at most (it uses them as the run's budget allows: see trainClient.ts). */
export const MAX_THREADS_PER_CONFIGURATION = 16;

/** This page's: navigator.hardwareConcurrency, and whether SharedArrayBuffer can be used (cross-origin isolation). */
export function pageComputeThreads(configurations: number): ComputeThreads {
  const isolated = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
  return computeThreads(configurations, globalThis.navigator?.hardwareConcurrency, isolated);
}
