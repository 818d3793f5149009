import { createDataClient, type DataClient } from '../worker/dataClient.ts';
import { createCheckClient, type CheckClient } from '../worker/checkClient.ts';
import { createBrowserTrainWorker } from '../worker/sweepScheduler.ts';
import { startTrainingRun, type StartTrainingRun, type TrainingRunHandle } from '../worker/trainClient.ts';
import { SWEEP_DB_NAME, SWEEP_DB_STORE } from './savedStorage.ts';
import { probeGpuAdapter, type GpuProbe } from '../core/gpu/gpuDevice.ts';
import { SavedRunStorage, indexedDbBackend } from './savedRuns.ts';
import { SavedSweepStorage } from './savedSweeps.ts';

/** What the browser said when asked to keep the saved runs: granted, denied, or it cannot be asked. */
export type StoragePersistence = 'granted' | 'denied' | 'unsupported';

/** Everything the store reaches outside itself: workers, storage and the clock. One object, given to createLabStore. */
export interface LabDeps {
  /** The check worker's client (cells 1-3), made on first use. */
  checkClient(): CheckClient;
  /** The data worker's client (datasets), made on first use. */
  dataClient(): DataClient;
  /** Starts the experiment's training workers. */
  startTrainingRun(options: StartTrainingRun): TrainingRunHandle;
  /** A training worker for the sweep's scheduler. */
  createSweepWorker(): Worker;
  hardwareConcurrency(): number | undefined;
  /** Where ended runs are saved (IndexedDB in the app). */
  savedRunStorage(): SavedRunStorage;
  /** Where ended sweeps are saved (IndexedDB in the app). */
  savedSweepStorage(): SavedSweepStorage;
  /** Asks the browser to keep this site's storage (saved runs and sweeps) under storage pressure; what it said. */
  persistStorage(): Promise<StoragePersistence>;
  /** Whether WebGPU offers an adapter (the GPU compute choice), and its name. */
  probeGpu(): Promise<GpuProbe>;
  /** Wall-clock milliseconds. */
  now(): number;
}

/** The browser's: workers made on first use, IndexedDB, Date.now. */
export function browserLabDeps(): LabDeps {
  let checkClient: CheckClient | null = null;
  let dataClient: DataClient | null = null;
  return {
    checkClient: () => (checkClient ??= createCheckClient()),
    dataClient: () => (dataClient ??= createDataClient()),
    startTrainingRun,
    createSweepWorker: createBrowserTrainWorker,
    hardwareConcurrency: () => globalThis.navigator?.hardwareConcurrency,
    savedRunStorage: () => new SavedRunStorage(indexedDbBackend()),
    savedSweepStorage: () => new SavedSweepStorage(indexedDbBackend(SWEEP_DB_NAME, SWEEP_DB_STORE)),
    probeGpu: () => probeGpuAdapter(globalThis.navigator?.gpu),
    persistStorage: async () => {
      const storage = globalThis.navigator?.storage;
      if (!storage?.persist) return 'unsupported';
      try {
        return (await storage.persisted()) || (await storage.persist()) ? 'granted' : 'denied';
      } catch {
        return 'unsupported';
      }
    },
    now: () => Date.now(),
  };
}
