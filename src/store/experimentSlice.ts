import type { StateCreator } from 'zustand';
import { MNIST_URL } from '../data/mnist.ts';
import type { RawDataset } from '../data/types.ts';
import type { TrainingRunHandle } from '../worker/trainClient.ts';
import type { FromTrainWorker, MaskFrame } from '../worker/trainProtocol.ts';
import { createFrameQueue } from './frameQueue.ts';
import type { LabState } from './labState.ts';
import { applyTrainMessages, isActive, newRun, runConfigs, stopRun, type RunState } from './runState.ts';
import { services } from './services.ts';
import { checkSetting, defaultSettings, settingsProblems, type RunSettings } from './settingsSchema.ts';

export interface DatasetState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  mnist: RawDataset | null;
  cifar: RawDataset | null;
  /** What is being loaded, for the status text. */
  loading: string | null;
  /** The last load's problem, naming the file; the previous dataset stays usable. */
  error: string | null;
}

export interface ExperimentSlice {
  settings: RunSettings;
  dataset: DatasetState;
  run: RunState | null;
  /** The newest dropout mask that arrived (one per display frame at most). */
  mask: MaskFrame | null;
  /** A message about the last Train click that could not start a run. */
  runError: string | null;
  /** Sets one setting; returns a message (and changes nothing) when the value is not allowed. */
  setSetting<K extends keyof RunSettings>(key: K, value: RunSettings[K]): string | null;
  loadMnist(): Promise<void>;
  loadCifarFiles(files: File[]): Promise<void>;
  startRun(): Promise<void>;
  stopRun(): void;
  pauseRun(): void;
  resumeRun(): void;
  stepRun(): void;
  /** The example (row of the minibatch) and hidden layer the mask panel shows. */
  maskView: { example: number; layer: number };
  inspectMask(view: Partial<{ example: number; layer: number }>): void;
}

export function activeDataset(s: Pick<LabState, 'settings' | 'dataset'>): RawDataset | null {
  return s.settings.dataset === 'mnist' ? s.dataset.mnist : s.dataset.cifar;
}

/** Loads the built-in digits when they are chosen and not loaded yet; then the active dataset, if any. */
export async function loadedActiveDataset(get: () => LabState): Promise<RawDataset | null> {
  if (get().settings.dataset === 'mnist' && !get().dataset.mnist) await get().loadMnist();
  return activeDataset(get());
}

/** Streamed metrics reach the store (and the screen) at most this often. */
const STORE_UPDATE_INTERVAL_MS = 200;

export const createExperimentSlice: StateCreator<LabState, [], [], ExperimentSlice> = (set, get) => {
  // Per store, not per module: the workers of the current run and the bookkeeping around starting one.
  let handle: TrainingRunHandle | null = null;
  /** Bumped by every Train and Stop: a Train still waiting for its data gives up when it is no longer the latest click. */
  let startToken = 0;
  let runCounter = 0;
  let mnistLoading: Promise<void> | null = null;

  const queue = createFrameQueue<FromTrainWorker>((messages) => {
    const { run } = get();
    if (!run) return;
    let mask: MaskFrame | null = null;
    for (const m of messages) if (m.type === 'mask' && m.runId === run.runId) mask = m.frame;
    const next = applyTrainMessages(run, messages, Date.now());
    set(mask ? { run: next, mask } : { run: next });
    if (!isActive(next) && handle) {
      handle.stop();
      handle = null;
    }
  }, STORE_UPDATE_INTERVAL_MS);

  const setDataset = (patch: Partial<DatasetState>) => set({ dataset: { ...get().dataset, ...patch } });

  return {
    settings: defaultSettings(),
    dataset: { status: 'idle', mnist: null, cifar: null, loading: null, error: null },
    run: null,
    mask: null,
    maskView: { example: 0, layer: 0 },
    runError: null,

    setSetting(key, value) {
      const problem = checkSetting(key, value);
      if (problem) return problem;
      set({ settings: { ...get().settings, [key]: value }, runError: null });
      return null;
    },

    loadMnist() {
      if (get().dataset.mnist) return Promise.resolve();
      mnistLoading ??= (async () => {
        setDataset({ status: 'loading', loading: 'MNIST', error: null });
        try {
          const mnist = await services.dataClient().loadMnist(MNIST_URL);
          setDataset({ status: 'ready', mnist, loading: null });
        } catch (error) {
          setDataset({ status: 'error', loading: null, error: `Could not load the built-in MNIST digits: ${messageOf(error)}` });
        } finally {
          mnistLoading = null;
        }
      })();
      return mnistLoading;
    },

    async loadCifarFiles(files) {
      if (files.length === 0) return;
      setDataset({ status: 'loading', loading: files.map((f) => f.name).join(', '), error: null });
      try {
        const cifar = await services.dataClient().loadCifar(files);
        setDataset({ status: 'ready', cifar, loading: null });
        set({ settings: { ...get().settings, dataset: 'cifar10' } });
      } catch (error) {
        // The previous dataset stays: only the message changes.
        setDataset({ status: 'error', loading: null, error: messageOf(error) });
      }
    },

    async startRun() {
      const { settings } = get();
      const problems = Object.values(settingsProblems(settings));
      if (problems.length) {
        set({ runError: problems.join('. ') });
        return;
      }
      const token = ++startToken;
      const dataset = await loadedActiveDataset(get);
      if (token !== startToken) return;
      if (!dataset) {
        set({ runError: settings.dataset === 'cifar10' ? 'Load CIFAR-10 files first (data_batch_1.bin … or cifar-10-binary.tar.gz).' : 'The dataset is not loaded.' });
        return;
      }
      get().stopRun();
      const runId = `run-${Date.now().toString(36)}-${++runCounter}`;
      queue.clear();
      set({ run: newRun(runId, settings, dataset.name, Date.now()), mask: null, maskView: { example: 0, layer: 0 }, runError: null });
      handle = services.startTrainingRun({
        runId,
        settings,
        dataset,
        configs: runConfigs(settings).map(({ configId, keepProb, scaling }) => ({ configId, keepProb, scaling })),
        onMessage: (m) => queue.push(m),
      });
    },

    stopRun() {
      startToken++;
      handle?.stop();
      handle = null;
      const { run } = get();
      if (!run || !isActive(run)) return;
      queue.flushNow();
      set({ run: stopRun(get().run!, Date.now()) });
    },

    pauseRun() {
      const { run } = get();
      if (!handle || run?.status !== 'training') return;
      handle.pause();
      set({ run: { ...run, status: 'paused' } });
    },

    resumeRun() {
      const { run } = get();
      if (!handle || run?.status !== 'paused') return;
      handle.resume();
      set({ run: { ...run, status: 'training' } });
    },

    stepRun() {
      if (!handle || get().run?.status !== 'paused') return;
      handle.step();
    },

    inspectMask(view) {
      const maskView = { ...get().maskView, ...view };
      set({ maskView });
      handle?.inspect(maskView.example, maskView.layer);
    },
  };
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
