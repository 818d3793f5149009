import type { TrainingRunHandle } from '../../worker/trainClient.ts';
import type { LabDeps } from '../labDeps.ts';
import { SavedRunStorage, type KeyValueBackend } from '../savedRuns.ts';
import { SavedSweepStorage } from '../savedSweeps.ts';

/** A key-value store in memory that can be told to fail like a full or missing IndexedDB. */
export function memoryBackend() {
  const data = new Map<string, unknown>();
  const backend = {
    data,
    fail: null as null | 'quota' | 'broken',
    failure(): Error {
      return backend.fail === 'quota'
        ? new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        : new Error('the database connection is closing');
    },
    async values() {
      if (backend.fail) throw backend.failure();
      return [...data.values()].map((v) => structuredClone(v));
    },
    async set(key: string, value: unknown) {
      if (backend.fail) throw backend.failure();
      data.set(key, structuredClone(value));
    },
    async del(key: string) {
      if (backend.fail) throw backend.failure();
      data.delete(key);
    },
  };
  return backend satisfies KeyValueBackend;
}

const notGiven = (what: string) => () => {
  throw new Error(`This test gave the store no ${what}.`);
};

/** A handle that does nothing, for tests that only look at what a run was started with. */
export const idleRunHandle = (): TrainingRunHandle => ({
  pause() {},
  resume() {},
  step() {},
  inspect() {},
  showFeatures() {},
  stop() {},
  liveWorkers: () => 0,
});

/** Deps for a store in a test: memory storage, a clock at 1,000 ms, and no workers unless the test gives them. */
export function testLabDeps(overrides: Partial<LabDeps> = {}): LabDeps {
  return {
    checkClient: notGiven('check client'),
    dataClient: notGiven('data client'),
    startTrainingRun: notGiven('training workers'),
    createSweepWorker: notGiven('sweep workers'),
    hardwareConcurrency: () => 2,
    savedRunStorage: () => new SavedRunStorage(memoryBackend()),
    savedSweepStorage: () => new SavedSweepStorage(memoryBackend()),
    probeGpu: async () => ({ unavailable: 'noApi', detail: '' }),
    persistStorage: async () => 'unsupported',
    now: () => 1_000,
    ...overrides,
  };
}
