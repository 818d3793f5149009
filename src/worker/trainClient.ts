import type { RawDataset } from '../data/types.ts';
import type { ConfigId, FeatureView, FromTrainWorker, ToTrainWorker, TrainConfig } from './trainProtocol.ts';
import { MAX_THREADS_PER_CONFIGURATION, pageComputeThreads } from './computeThreads.ts';
import { superviseWorker, type SupervisedWorker } from './workerSupervisor.ts';

export interface ConfigSpec {
  configId: ConfigId;
  config: TrainConfig;
}

export interface TrainingRunHandle {
  pause(): void;
  resume(): void;
  step(): void;
  /** Which example's activations, and which hidden layer's mask, the dropout configuration sends. */
  inspect(example: number, layer: number): void;
  /** Which first-layer tiles the configurations' live frames carry. */
  showFeatures(view: FeatureView): void;
  /** Ends every worker of the run at once. */
  stop(): void;
  /** Workers still alive (for tests and the no-worker-left-behind check). */
  liveWorkers(): number;
}

export interface StartTrainingRun {
  runId: string;
  dataset: RawDataset;
  configs: ConfigSpec[];
  /** The tiles live feature frames carry at first. */
  featureView?: FeatureView;
  onMessage(message: FromTrainWorker): void;
  /** A worker that has said nothing for this long while running is ended as failed. */
  stallTimeoutMs?: number;
  createWorker?: (configId: ConfigId) => Worker;
  /**
   * Threads per configuration: by default every core shared out among the configurations still training, where the
   * page can use WebAssembly threads (each may start a helper per core and uses as many as its share allows).
   */
  threads?: number;
}

export const DEFAULT_STALL_TIMEOUT_MS = 120_000;
/**
 * After the last configuration's 'done', the figures wait this long: longer than the store's update interval, so Done
 * is on screen before they take the cores (and none is computed while another configuration still trains).
 */
export const FIGURES_DELAY_MS = 300;

const defaultCreateWorker = (configId: ConfigId) =>
  new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module', name: `train-${configId}` });

/** One worker per configuration, so both train in parallel on two cores. */
export function startTrainingRun(options: StartTrainingRun): TrainingRunHandle {
  const { runId, dataset, configs, onMessage } = options;
  const create = options.createWorker ?? defaultCreateWorker;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const live = new Map<ConfigId, SupervisedWorker<ToTrainWorker>>();
  const share = pageComputeThreads(configs.length);
  // The cores are shared out again as configurations end: the last one training gets them all.
  const budget =
    options.threads === undefined && share.isolated && share.cores > 1
      ? new Int32Array(new SharedArrayBuffer(4))
      : null;
  if (budget) budget[0] = share.threads - 1;
  const threads = options.threads ?? (budget ? Math.min(share.cores, MAX_THREADS_PER_CONFIGURATION) : share.threads);
  const ended = new Set<ConfigId>();
  let figuresTimer: ReturnType<typeof setTimeout> | null = null;
  /** Once every configuration has ended (done, failed), the ones still alive compute their figures. */
  const ending = (configId: ConfigId) => {
    ended.add(configId);
    const training = configs.length - ended.size;
    if (budget && training > 0) Atomics.store(budget, 0, Math.max(0, Math.floor(share.cores / training) - 1));
    if (ended.size < configs.length || figuresTimer !== null) return;
    figuresTimer = setTimeout(() => {
      for (const worker of live.values()) worker.post({ type: 'figures', runId });
    }, FIGURES_DELAY_MS);
  };

  const end = (configId: ConfigId) => {
    live.get(configId)?.terminate();
    live.delete(configId);
  };

  for (const { configId, config } of configs) {
    const supervised = superviseWorker<ToTrainWorker, FromTrainWorker>(create(configId), {
      role: 'training',
      stallTimeoutMs,
      onMessage: (message) => {
        // A configuration that trained to its end with `insight` sends its figures after 'done', as its last message.
        const last =
          message.type === 'error' ||
          message.type === 'insight' ||
          (message.type === 'done' && !(config.insight && message.summary.outcome === 'finished'));
        if (last) end(configId);
        onMessage(message);
        if (message.type === 'done' || message.type === 'error') ending(configId);
      },
      onFailure: (message) => {
        live.delete(configId);
        onMessage({ type: 'error', runId, configId, message });
        ending(configId);
      },
    });
    live.set(configId, supervised);
    supervised.post({
      type: 'start',
      runId,
      configId,
      config,
      dataset,
      featureView: options.featureView,
      threads,
      helperBudget: budget?.buffer,
      figuresWhenAsked: true,
    });
  }

  const broadcast = (message: ToTrainWorker) => {
    for (const worker of live.values()) worker.post(message);
  };

  return {
    pause() {
      // A paused worker is silent on purpose: the watchdog waits.
      for (const worker of live.values()) worker.watch(false);
      broadcast({ type: 'pause', runId });
    },
    resume() {
      for (const worker of live.values()) worker.watch(true);
      broadcast({ type: 'resume', runId });
    },
    step() {
      for (const worker of live.values()) worker.touch();
      broadcast({ type: 'step', runId });
    },
    inspect(example, layer) {
      live.get('dropout')?.post({ type: 'inspect', runId, example, layer });
    },
    showFeatures(view) {
      broadcast({ type: 'features', runId, view });
    },
    stop() {
      if (figuresTimer !== null) clearTimeout(figuresTimer);
      for (const configId of [...live.keys()]) end(configId);
    },
    liveWorkers: () => live.size,
  };
}
