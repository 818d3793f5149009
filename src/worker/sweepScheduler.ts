import type { RawDataset } from '../data/types.ts';
import type { ConfigSummary, FromTrainWorker, ToTrainWorker, TrainConfig } from './trainProtocol.ts';
import { superviseWorker, type SupervisedWorker } from './workerSupervisor.ts';

/** One run of a sweep: the experiment's settings with this keep probability, hidden size and number of training examples. */
export interface SweepJob {
  jobId: string;
  keepProb: number;
  hiddenSize: number;
  numTrain: number;
}

export type SweepJobOutcome =
  /** The worker's summary; its outcome may be 'diverged'. */
  { kind: 'finished'; summary: ConfigSummary } | { kind: 'failed'; message: string };

export interface StartSweep {
  sweepId: string;
  jobs: SweepJob[];
  /** Shared by every job; each job replaces keepProb, hiddenSize and numTrain, and no job streams masks. */
  config: TrainConfig;
  dataset: RawDataset;
  /** How many workers at most (never more than there are jobs). */
  workers: number;
  /** Injected: the browser's training worker, or a fake in tests. */
  createWorker(): Worker;
  onJobStart?(job: SweepJob): void;
  /** Called exactly once per job, unless Stop came first. */
  onJobEnd(job: SweepJob, outcome: SweepJobOutcome): void;
  /** Every job has ended (not called after Stop). */
  onFinished?(): void;
  /** A worker that has said nothing for this long during a job is ended, and its job failed. */
  stallTimeoutMs?: number;
}

export interface SweepHandle {
  /** Ends every worker at once; no callback follows. */
  stop(): void;
  liveWorkers(): number;
}

export const DEFAULT_SWEEP_STALL_TIMEOUT_MS = 120_000;
/** What a sweep's workers may take together (see sweepWorkerBytes): 2 GiB. */
export const SWEEP_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;
/** The kernels' WebAssembly memory at most (operands are chunked to 32 MB) and the worker itself. */
const WORKER_BASE_BYTES = 96 * 1024 ** 2;
/** Validation examples a job holds besides its training examples (trainingSession.ts's VALIDATION_SIZE). */
const VALIDATION_EXAMPLES = 1000;

/**
 * One sweep worker's memory for its largest job: its copy of the dataset, the split as float32, the net's
 * parameters four times over (gradients, Adam's two moments) and once more (the best), and the kernels.
 */
export function sweepWorkerBytes(
  dataset: RawDataset,
  config: Pick<TrainConfig, 'hiddenLayers'>,
  jobs: readonly SweepJob[],
): number {
  const inputDim = dataset.imageShape.reduce((a, b) => a * b, 1);
  const classes = dataset.classNames.length;
  const datasetBytes = dataset.train.images.byteLength + (dataset.test?.images.byteLength ?? 0);
  const examples = Math.max(0, ...jobs.map((j) => j.numTrain)) + VALIDATION_EXAMPLES;
  const hidden = Math.max(0, ...jobs.map((j) => j.hiddenSize));
  const params =
    inputDim * hidden +
    (config.hiddenLayers - 1) * hidden * hidden +
    hidden * classes +
    config.hiddenLayers * hidden +
    classes;
  return datasetBytes + examples * inputDim * 4 + params * 4 * 5 + WORKER_BASE_BYTES;
}

/**
 * One worker per core (navigator.hardwareConcurrency), at least 1, and no more than SWEEP_MEMORY_BUDGET_BYTES
 * holds when each takes `workerBytes` (see sweepWorkerBytes; 0: not limited by memory).
 */
export function sweepWorkerCount(hardwareConcurrency: number | undefined, workerBytes = 0): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency!) : 1;
  const byMemory = workerBytes > 0 ? Math.floor(SWEEP_MEMORY_BUDGET_BYTES / workerBytes) : Infinity;
  return Math.max(1, Math.min(cores, byMemory));
}

/** The same training worker the experiment uses; a sweep posts it one `start` per job. */
export const createBrowserTrainWorker = (): Worker =>
  new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module', name: 'sweep' });

interface Slot {
  worker: SupervisedWorker<ToTrainWorker>;
  job: SweepJob | null;
}

/**
 * Runs N jobs over at most K workers: each worker takes the next queued job when its last one ends, a worker that
 * crashes or falls silent is ended and replaced, and a worker with nothing left to do is ended at once. Pure apart
 * from the injected worker factory and the watchdog timer.
 */
export function startSweep(options: StartSweep): SweepHandle {
  const { sweepId, config, dataset, onJobEnd } = options;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_SWEEP_STALL_TIMEOUT_MS;
  const queue = [...options.jobs];
  const slots = new Set<Slot>();
  let remaining = options.jobs.length;
  let stopped = false;
  const runIdOf = (job: SweepJob) => `${sweepId}:${job.jobId}`;

  const dispatch = (slot: Slot) => {
    const job = queue.shift();
    if (!job) {
      retire(slot);
      return;
    }
    slot.job = job;
    slot.worker.watch(true);
    // The same seed gives the same weights, batches and mask stream, so a cell of the sweep is the very run the
    // experiment trains for that p and hidden size.
    slot.worker.post({
      type: 'start',
      runId: runIdOf(job),
      configId: 'dropout',
      config: {
        ...config,
        keepProb: job.keepProb,
        hiddenSize: job.hiddenSize,
        numTrain: job.numTrain,
        streamMasks: false,
        insight: false,
      },
      dataset,
    });
    options.onJobStart?.(job);
  };

  const retire = (slot: Slot) => {
    slot.worker.terminate();
    slots.delete(slot);
  };

  const end = (slot: Slot, outcome: SweepJobOutcome) => {
    const job = slot.job;
    if (!job || stopped) return;
    slot.job = null;
    slot.worker.watch(false);
    remaining--;
    onJobEnd(job, outcome);
    if (stopped) return;
    if (remaining === 0) {
      finishAll();
      options.onFinished?.();
      return;
    }
    if (slots.has(slot)) dispatch(slot);
  };

  /** The worker cannot be trusted with another job (it is already ended): fail its job, and put a fresh worker in its place. */
  const crash = (slot: Slot, message: string) => {
    if (stopped || !slots.has(slot)) return;
    slots.delete(slot);
    const hadJob = slot.job !== null;
    end(slot, { kind: 'failed', message });
    if (!stopped && hadJob && queue.length > 0) dispatch(spawn());
  };

  const spawn = (): Slot => {
    const slot: Slot = {
      job: null,
      worker: superviseWorker<ToTrainWorker, FromTrainWorker>(options.createWorker(), {
        role: 'training',
        stallTimeoutMs,
        onMessage: (message) => {
          // A message of an earlier job of this worker, or after Stop: not this job's.
          if (stopped || !slot.job || message.runId !== runIdOf(slot.job)) return;
          if (message.type === 'done') end(slot, { kind: 'finished', summary: message.summary });
          else if (message.type === 'error') end(slot, { kind: 'failed', message: message.message });
        },
        onFailure: (message) => crash(slot, message),
      }),
    };
    // Silence counts only while it has a job.
    slot.worker.watch(false);
    slots.add(slot);
    return slot;
  };

  const finishAll = () => {
    for (const slot of [...slots]) retire(slot);
  };

  if (remaining === 0) {
    finishAll();
    queueMicrotask(() => options.onFinished?.());
  } else {
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let i = 0; i < count; i++) dispatch(spawn());
  }

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      finishAll();
    },
    liveWorkers: () => slots.size,
  };
}
