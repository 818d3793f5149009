import type { RawDataset } from '../data/types.ts';
import type { ConfigId, FromTrainWorker, ToTrainWorker, TrainConfig } from './trainProtocol.ts';

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
  /** Ends every worker of the run at once. */
  stop(): void;
  /** Workers still alive (for tests and the no-worker-left-behind check). */
  liveWorkers(): number;
}

export interface StartTrainingRun {
  runId: string;
  dataset: RawDataset;
  configs: ConfigSpec[];
  onMessage(message: FromTrainWorker): void;
  /** A worker that has said nothing for this long while running is ended as failed. */
  stallTimeoutMs?: number;
  createWorker?: (configId: ConfigId) => Worker;
}

export const DEFAULT_STALL_TIMEOUT_MS = 120_000;

const defaultCreateWorker = (configId: ConfigId) =>
  new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module', name: `train-${configId}` });

/** One worker per configuration, so both train in parallel on two cores. */
export function startTrainingRun(options: StartTrainingRun): TrainingRunHandle {
  const { runId, dataset, configs, onMessage } = options;
  const create = options.createWorker ?? defaultCreateWorker;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const live = new Map<ConfigId, { worker: Worker; lastHeardAt: number }>();
  let paused = false;

  const end = (configId: ConfigId) => {
    live.get(configId)?.worker.terminate();
    live.delete(configId);
    if (live.size === 0) clearInterval(watchdog);
  };
  const fail = (configId: ConfigId, message: string) => {
    if (!live.has(configId)) return;
    end(configId);
    onMessage({ type: 'error', runId, configId, message });
  };

  for (const { configId, config } of configs) {
    const worker = create(configId);
    live.set(configId, { worker, lastHeardAt: performance.now() });
    worker.addEventListener('message', (event: MessageEvent<FromTrainWorker>) => {
      const entry = live.get(configId);
      if (!entry) return;
      entry.lastHeardAt = performance.now();
      const message = event.data;
      if (message.type === 'done' || message.type === 'error') end(configId);
      onMessage(message);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(configId, `The training worker failed: ${event.message || 'it could not be started'}`);
    });
    worker.addEventListener('messageerror', () => fail(configId, 'The training worker sent a message that could not be read'));
    const start: ToTrainWorker = { type: 'start', runId, configId, config, dataset };
    worker.postMessage(start);
  }

  const watchdog = setInterval(() => {
    if (paused) return;
    const now = performance.now();
    for (const [configId, entry] of live) {
      if (now - entry.lastHeardAt > stallTimeoutMs) {
        fail(configId, `The training worker stopped answering for ${Math.round(stallTimeoutMs / 1000)} s and was ended`);
      }
    }
  }, Math.min(5000, stallTimeoutMs / 2));

  const broadcast = (message: ToTrainWorker) => {
    for (const { worker } of live.values()) worker.postMessage(message);
  };
  const touchAll = () => {
    const now = performance.now();
    for (const entry of live.values()) entry.lastHeardAt = now;
  };

  return {
    pause() {
      paused = true;
      broadcast({ type: 'pause', runId });
    },
    resume() {
      paused = false;
      touchAll();
      broadcast({ type: 'resume', runId });
    },
    step() {
      touchAll();
      broadcast({ type: 'step', runId });
    },
    inspect(example, layer) {
      live.get('dropout')?.worker.postMessage({ type: 'inspect', runId, example, layer } satisfies ToTrainWorker);
    },
    stop() {
      for (const configId of [...live.keys()]) end(configId);
      clearInterval(watchdog);
    },
    liveWorkers: () => live.size,
  };
}
