import type { StateCreator } from 'zustand';
import { BUILT_IN_DATASETS, isBuiltInDataset, type BuiltInDatasetId } from '../data/builtInDatasets.ts';
import { isAbortError } from '../worker/dataClient.ts';
import type { DataProgress } from '../worker/dataProtocol.ts';
import { DatasetError, type RawDataset } from '../data/types.ts';
import { validationCount } from '../data/split.ts';
import type { TrainingRunHandle } from '../worker/trainClient.ts';
import type { TileOrder } from '../core/insight/featureTiles.ts';
import type { GpuUnavailable } from '../core/gpu/gpuDevice.ts';
import type { ConfigId, ConfigInsight, FeatureFrame, FeatureView as WorkerFeatureView, FromTrainWorker, MaskFrame } from '../worker/trainProtocol.ts';
import { frameShowing } from '../worker/trainProtocol.ts';
import { createFrameQueue } from './frameQueue.ts';
import { applyInsightMessages } from './runInsight.ts';
import type { LabState } from './labState.ts';
import { applyTrainMessages, isActive, newRun, runTrainConfigs, stopRun, type RunState } from './runState.ts';
import type { LabDeps } from './labDeps.ts';
import { defaultSettings, SETTINGS_SCHEMA, settingProblem, settingsProblemMessages, type DatasetChoice, type RunSettings } from './settingsSchema.ts';
import { message, plainMessage, type Message } from '../core/message.ts';
import { errorMessage } from '../core/errorMessage.ts';

/** A load in progress: what is read, and how far along. */
export interface DatasetLoad {
  /** The dataset's or the files' names, for the status text. */
  label: string;
  bytesRead: number;
  /** null while unknown. */
  totalBytes: number | null;
  /** The user's files can be cancelled; the built-in datasets load once and are small. */
  cancellable: boolean;
}

export interface DatasetState {
  /** What has been loaded, by choice; the active dataset is the one settings.dataset names. */
  loaded: Partial<Record<DatasetChoice, RawDataset>>;
  /** Loads in progress, by choice. */
  loading: Partial<Record<DatasetChoice, DatasetLoad>>;
  /** The last load's problem, naming the file; the previous dataset stays usable. */
  error: Message | null;
  /** Said after a load was cancelled. */
  notice: Message | null;
}

/** What the "Why it works" cells show of the current run: its configurations' newest weight tiles and, once each has trained to its end, its insight. */
export interface RunInsight {
  runId: string;
  features: Partial<Record<ConfigId, FeatureFrame>>;
  configs: Partial<Record<ConfigId, ConfigInsight>>;
  /** Why a configuration's figures could not be computed (its run is not affected). */
  problems: Partial<Record<ConfigId, string>>;
}

export const FEATURE_COUNTS = [16, 36, 64, 100, 144, 256] as const;
export type FeatureOrder = TileOrder;
export interface FeatureView extends WorkerFeatureView {
  count: (typeof FEATURE_COUNTS)[number];
}

/** Whether this page can train on the GPU: found while the page opens. */
export type GpuAvailability =
  | { status: 'checking' }
  | { status: 'available'; adapter: string }
  | { status: 'unavailable'; reason: GpuUnavailable; detail: string };

export interface ExperimentSlice {
  settings: RunSettings;
  dataset: DatasetState;
  run: RunState | null;
  /** The newest dropout mask that arrived (the store takes at most one per update). */
  mask: MaskFrame | null;
  /** Null for a run that was not trained in this session (saved or imported runs keep their numbers, not these figures). */
  insight: RunInsight | null;
  /** How many first-layer units the features cell shows, and in which order. */
  featureView: FeatureView;
  setFeatureView(view: Partial<FeatureView>): void;
  /** A message about the last Train click that could not start a run. */
  runError: readonly Message[] | null;
  /** Sets one setting; returns a message (and changes nothing) when the value is not allowed. */
  setSetting<K extends keyof RunSettings>(key: K, value: RunSettings[K]): Message | null;
  /** Loads one of the app's own datasets unless it is loaded or loading; resolves when it is there (or failed). */
  loadBuiltIn(id: BuiltInDatasetId): Promise<void>;
  /** Reads the user's CIFAR-10 files; the previous dataset stays active until they are read. */
  loadCifarFiles(files: File[]): Promise<void>;
  /** Stops reading the user's files; the previous dataset stays active. */
  cancelCifarLoad(): void;
  startRun(): Promise<void>;
  stopRun(): void;
  pauseRun(): void;
  resumeRun(): void;
  stepRun(): void;
  /** The example (row of the minibatch) and hidden layer the mask panel shows. */
  maskView: { example: number; layer: number };
  inspectMask(view: Partial<{ example: number; layer: number }>): void;
  /** Shows a run that is not training (a saved or imported one): its charts, results and settings. */
  showRun(run: RunState): void;
  gpu: GpuAvailability;
  /** Whether the compute choice was made (by the person or the link): else the GPU becomes the default when found. */
  kernelsChosen: boolean;
  /** Looks for a WebGPU adapter once. */
  detectGpu(): Promise<void>;
}

/** What went wrong with a load, as a message: a reader's DatasetError says it in its own words. */
function whyOf(error: unknown): Message {
  return error instanceof DatasetError ? error.detail : plainMessage(errorMessage(error));
}

export function activeDataset(s: Pick<LabState, 'settings' | 'dataset'>): RawDataset | null {
  return s.dataset.loaded[s.settings.dataset] ?? null;
}

/** How many images the user's loaded CIFAR-10 files can train on (validation takes the last ones without a test batch); null for the others. */
export function loadedTrainPool(s: Pick<LabState, 'dataset'>): number | null {
  const own = s.dataset.loaded.cifar10;
  if (!own) return null;
  return own.test ? own.train.count : own.train.count - validationCount(own);
}

/** Every problem of the settings as they stand, with the active dataset's limits: what the fields show as typed and what Train refuses. */
export function currentSettingsProblems(s: Pick<LabState, 'settings' | 'dataset'>): Partial<Record<keyof RunSettings, Message>> {
  return settingsProblemMessages(s.settings, loadedTrainPool(s));
}

/** The active dataset's load in progress, if any. */
export function activeDatasetLoad(s: Pick<LabState, 'settings' | 'dataset'>): DatasetLoad | null {
  return s.dataset.loading[s.settings.dataset] ?? null;
}

/** Loads a built-in dataset when it is chosen and not loaded yet; then the active dataset, if any. */
export async function loadedActiveDataset(get: () => LabState): Promise<RawDataset | null> {
  const choice = get().settings.dataset;
  if (isBuiltInDataset(choice) && !get().dataset.loaded[choice]) await get().loadBuiltIn(choice);
  return activeDataset(get());
}

/** What to say when Train (or a sweep) finds no dataset to use. */
export function missingDatasetMessage(choice: DatasetChoice): Message {
  return choice === 'cifar10'
    ? message('loadCifarFirst', {}, 'Load CIFAR-10 files first (data_batch_1.bin … or cifar-10-binary.tar.gz), in the experiment cell.')
    : message('builtInMissing', { dataset: choice }, `${BUILT_IN_DATASETS[choice].name} could not be loaded; see the message in the experiment cell.`);
}


/** Streamed metrics reach the store (and the screen) at most this often. */
const STORE_UPDATE_INTERVAL_MS = 200;

export const createExperimentSlice = (deps: Pick<LabDeps, 'dataClient' | 'startTrainingRun' | 'now' | 'probeGpu'>): StateCreator<LabState, [], [], ExperimentSlice> => (set, get) => {
  // Per store, not per module: the workers of the current run and the bookkeeping around starting one.
  let handle: TrainingRunHandle | null = null;
  /** Bumped by every Train and Stop: a Train still waiting for its data gives up when it is no longer the latest click. */
  let startToken = 0;
  let runCounter = 0;
  const builtInLoads = new Map<BuiltInDatasetId, Promise<void>>();
  /** Cancels the user's file load in progress. */
  let cifarLoad: AbortController | null = null;

  const queue = createFrameQueue<FromTrainWorker>((messages) => {
    const { run } = get();
    if (!run) return;
    let mask: MaskFrame | null = null;
    for (const m of messages) {
      // The example the panel asks for, also where the worker has not had that request yet.
      if (m.runId === run.runId && m.type === 'mask') mask = frameShowing(m.frame, get().maskView.example);
    }
    const insight = applyInsightMessages(get().insight, messages);
    const next = applyTrainMessages(run, messages, deps.now());
    set(mask ? { run: next, mask, insight } : { run: next, insight });
    // An ended run's workers end themselves (after their figures); the next Train or Stop ends any still at it.
  }, STORE_UPDATE_INTERVAL_MS);

  const setDataset = (patch: Partial<DatasetState>) => set({ dataset: { ...get().dataset, ...patch } });
  const setLoading = (choice: DatasetChoice, load: DatasetLoad | null) => {
    const loading = { ...get().dataset.loading };
    if (load) loading[choice] = load;
    else delete loading[choice];
    setDataset({ loading });
  };
  const setLoaded = (choice: DatasetChoice, dataset: RawDataset) => {
    const loading = { ...get().dataset.loading };
    delete loading[choice];
    setDataset({ loaded: { ...get().dataset.loaded, [choice]: dataset }, loading });
  };
  /** Stops the run that is going, if one is: kept as stopped, and marked as replaced when a new run takes its place. */
  const endRun = (replaced: boolean) => {
    startToken++;
    handle?.stop();
    handle = null;
    const { run } = get();
    if (!run || !isActive(run)) return;
    queue.flushNow();
    set({ run: { ...stopRun(get().run!, deps.now()), ...(replaced ? { replaced: true } : {}) } });
  };

  return {
    settings: defaultSettings(),
    dataset: { loaded: {}, loading: {}, error: null, notice: null },
    run: null,
    mask: null,
    insight: null,
    featureView: { count: 64, order: 'norm' },
    maskView: { example: 0, layer: 0 },
    runError: null,

    setSetting(key, value) {
      if (get().view.fixed.includes(key)) return message('settingFixed', { setting: key }, `${SETTINGS_SCHEMA[key].label} is fixed by the link`);
      const problem = settingProblem(key, value) ?? (key === 'kernels' && value === 'gpu' ? gpuUnavailableMessage(get().gpu) : null);
      if (problem) return problem;
      set({ settings: { ...get().settings, [key]: value }, runError: null, ...(key === 'kernels' ? { kernelsChosen: true } : {}) });
      return null;
    },

    gpu: { status: 'checking' },
    kernelsChosen: false,

    async detectGpu() {
      if (get().gpu.status !== 'checking') return;
      const probe = await deps.probeGpu();
      if ('adapter' in probe) {
        set({ gpu: { status: 'available', adapter: probe.adapter } });
        if (!get().kernelsChosen && !isActive(get().run)) set({ settings: { ...get().settings, kernels: 'gpu' } });
      } else set({ gpu: { status: 'unavailable', reason: probe.unavailable, detail: probe.detail } });
    },

    loadBuiltIn(id) {
      if (get().dataset.loaded[id]) return Promise.resolve();
      const pending = builtInLoads.get(id);
      if (pending) return pending;
      const { name } = BUILT_IN_DATASETS[id];
      const load = (async () => {
        setLoading(id, { label: name, bytesRead: 0, totalBytes: null, cancellable: false });
        setDataset({ error: null });
        try {
          const dataset = await deps.dataClient().loadBuiltIn(id, {
            onProgress: (p) => get().dataset.loading[id] && setLoading(id, { ...get().dataset.loading[id]!, ...byteCounts(p) }),
          });
          setLoaded(id, dataset);
        } catch (error) {
          setLoading(id, null);
          const why = whyOf(error);
          setDataset({ error: message('builtInFailed', { ...why.params, dataset: id, problemCode: why.code }, `${name} could not be loaded. ${why.text}`) });
        } finally {
          builtInLoads.delete(id);
        }
      })();
      builtInLoads.set(id, load);
      return load;
    },

    async loadCifarFiles(files) {
      if (files.length === 0) return;
      cifarLoad?.abort();
      const controller = new AbortController();
      cifarLoad = controller;
      const totalBytes = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
      /** Bytes read of each file, as the reader reports them (one file after another). */
      const readPerFile = new Map<string, number>();
      setLoading('cifar10', { label: files.map((f) => f.name).join(', '), bytesRead: 0, totalBytes: totalBytes || null, cancellable: true });
      setDataset({ error: null, notice: null });
      try {
        const cifar = await deps.dataClient().loadCifar(files, {
          signal: controller.signal,
          onProgress: (p) => {
            readPerFile.set(p.fileName, p.bytesRead);
            const current = get().dataset.loading.cifar10;
            if (cifarLoad !== controller || !current) return;
            let bytesRead = 0;
            for (const n of readPerFile.values()) bytesRead += n;
            setLoading('cifar10', { ...current, bytesRead });
          },
        });
        if (cifarLoad !== controller) return;
        setLoaded('cifar10', cifar);
        set({ settings: { ...get().settings, dataset: 'cifar10' } });
      } catch (error) {
        if (cifarLoad !== controller) return;
        setLoading('cifar10', null);
        // The previous dataset stays: only the message changes.
        if (isAbortError(error)) {
          const previous = activeDataset(get());
          setDataset({
            notice: previous
              ? message('loadCancelledKeeps', { datasetLabel: previous.name }, `Loading was cancelled; ${previous.name} stays active.`)
              : message('loadCancelled', {}, 'Loading was cancelled.'),
          });
        } else setDataset({ error: whyOf(error) });
      } finally {
        if (cifarLoad === controller) cifarLoad = null;
      }
    },

    cancelCifarLoad() {
      cifarLoad?.abort();
    },

    async startRun() {
      const { settings } = get();
      const gpuProblem = settings.kernels === 'gpu' ? gpuUnavailableMessage(get().gpu) : null;
      const problems = [...Object.values(currentSettingsProblems(get())), ...(gpuProblem ? [gpuProblem] : [])];
      if (problems.length) {
        set({ runError: problems });
        return;
      }
      const token = ++startToken;
      const dataset = await loadedActiveDataset(get);
      if (token !== startToken) return;
      if (!dataset) {
        set({ runError: [missingDatasetMessage(settings.dataset)] });
        return;
      }
      // A run still going is thrown away (the UI asks first): it is kept as stopped, marked as replaced.
      endRun(true);
      const runId = `run-${deps.now().toString(36)}-${++runCounter}`;
      queue.clear();
      // The experiment trains the assignment's classifier; the model setting says what "Why it works" shows.
      const runSettings: RunSettings = { ...settings, model: 'classifier' };
      set({
        run: newRun(runId, runSettings, dataset.name, deps.now()), mask: null, maskView: { example: 0, layer: 0 }, runError: null,
        insight: { runId, features: {}, configs: {}, problems: {} },
      });
      handle = deps.startTrainingRun({
        runId,
        dataset,
        configs: runTrainConfigs(runSettings),
        featureView: get().featureView,
        onMessage: (m) => queue.push(m),
      });
    },

    stopRun() {
      endRun(false);
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

    showRun(run) {
      if (isActive(get().run)) return;
      // A run trained in this session keeps its figures when it is opened again from the Runs panel.
      const insight = get().insight?.runId === run.runId ? get().insight : null;
      // Settings the link fixes stay as it says; the others show the run's, but not its model: the experiment's runs are
      // classifiers, and which model "Why it works" shows stays.
      const fixed = Object.fromEntries(get().view.fixed.map((k) => [k, get().settings[k]]));
      set({ run, mask: null, insight, settings: { ...run.settings, model: get().settings.model, ...fixed }, runError: null });
    },

    setFeatureView(view) {
      const featureView = { ...get().featureView, ...view };
      set({ featureView });
      if (isActive(get().run)) handle?.showFeatures(featureView);
      get().showPaperFeatures(featureView);
    },

    inspectMask(view) {
      const maskView = { ...get().maskView, ...view };
      // Another example shows at once from the frame's rows, also after the run's workers have ended; another layer
      // comes with the worker's next frame.
      const { mask } = get();
      set({ maskView, mask: mask && maskView.layer === mask.layer ? frameShowing(mask, maskView.example) : mask });
      handle?.inspect(maskView.example, maskView.layer);
    },
  };
};

/** Why the GPU cannot be used now, or null when it can. */
export function gpuUnavailableMessage(gpu: GpuAvailability): Message | null {
  if (gpu.status === 'available') return null;
  if (gpu.status === 'checking') return message('gpuChecking', {}, 'GPU (WebGPU): still looking for an adapter; try again in a moment');
  const why = { 'noApi': 'this browser has no WebGPU', 'noAdapter': 'no WebGPU adapter was found (no GPU, or WebGPU is turned off)', refused: `the browser refused an adapter (${gpu.detail})` }[gpu.reason];
  return message('gpuUnavailable', { reason: gpu.reason, detail: gpu.detail }, `GPU (WebGPU) is not available here: ${why}. Choose Exact or Fast`);
}

function byteCounts(progress: DataProgress): Pick<DatasetLoad, 'bytesRead' | 'totalBytes'> {
  return { bytesRead: progress.bytesRead, totalBytes: progress.totalBytes };
}

