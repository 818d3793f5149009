import type { StateCreator } from 'zustand';
import { BUILT_IN_DATASETS, isBuiltInDataset, type BuiltInDatasetId } from '../data/builtInDatasets.ts';
import type { DataProgress } from '../worker/dataProtocol.ts';
import { validationCount } from '../data/split.ts';
import { DatasetError, type RawDataset } from '../data/types.ts';
import { isAbortError } from '../worker/dataClient.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { message, plainMessage, type Message } from '../core/message.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { settingsProblemMessages, type DatasetChoice, type RunSettings } from './settingsSchema.ts';

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

export interface DatasetSlice {
  dataset: DatasetState;
  /** Loads one of the app's own datasets unless it is loaded or loading; resolves when it is there (or failed). */
  loadBuiltIn(id: BuiltInDatasetId): Promise<void>;
  /** Reads the user's CIFAR-10 files; the previous dataset stays active until they are read. */
  loadCifarFiles(files: File[]): Promise<void>;
  /** Stops reading the user's files; the previous dataset stays active. */
  cancelCifarLoad(): void;
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
export function currentSettingsProblems(
  s: Pick<LabState, 'settings' | 'dataset'>,
): Partial<Record<keyof RunSettings, Message>> {
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
    ? message(
        'loadCifarFirst',
        {},
        'Load CIFAR-10 files first (data_batch_1.bin … or cifar-10-binary.tar.gz), in the experiment cell.',
      )
    : message(
        'builtInMissing',
        { dataset: choice },
        `${BUILT_IN_DATASETS[choice].name} could not be loaded; see the message in the experiment cell.`,
      );
}

function byteCounts(progress: DataProgress): Pick<DatasetLoad, 'bytesRead' | 'totalBytes'> {
  return { bytesRead: progress.bytesRead, totalBytes: progress.totalBytes };
}

/** The datasets: the built-in ones fetched once each, the user's CIFAR-10 files read (and cancelled) in the data worker. */
export const createDatasetSlice =
  (deps: Pick<LabDeps, 'dataClient'>): StateCreator<LabState, [], [], DatasetSlice> =>
  (set, get) => {
    const builtInLoads = new Map<BuiltInDatasetId, Promise<void>>();
    /** Cancels the user's file load in progress. */
    let cifarLoad: AbortController | null = null;

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

    return {
      dataset: { loaded: {}, loading: {}, error: null, notice: null },

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
              onProgress: (p) =>
                get().dataset.loading[id] && setLoading(id, { ...get().dataset.loading[id]!, ...byteCounts(p) }),
            });
            setLoaded(id, dataset);
          } catch (error) {
            setLoading(id, null);
            const why = whyOf(error);
            setDataset({
              error: message(
                'builtInFailed',
                { ...why.params, dataset: id, problemCode: why.code },
                `${name} could not be loaded. ${why.text}`,
              ),
            });
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
        setLoading('cifar10', {
          label: files.map((f) => f.name).join(', '),
          bytesRead: 0,
          totalBytes: totalBytes || null,
          cancellable: true,
        });
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
                ? message(
                    'loadCancelledKeeps',
                    { datasetLabel: previous.name },
                    `Loading was cancelled; ${previous.name} stays active.`,
                  )
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
    };
  };
