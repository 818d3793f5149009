import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import { validateSavedRun } from './runExport.ts';
import { configFigures, type ConfigFigures, type ConfigRun, type RunState, type RunStatus } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import { errorMessage } from '../core/errorMessage.ts';
import type { Lang } from './languageSlice.ts';
import { message, type Message } from '../core/message.ts';


/** A finished, stopped or failed run as it is kept in the browser and exported. */
export interface SavedRun {
  id: string;
  name: string;
  /** When it was saved (ms since 1970). */
  savedAt: number;
  settings: RunSettings;
  /** The same as settings.seed; repeated because it is what people look for. */
  seed: number;
  datasetName: string;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  /** Full histories: lossHistory per iteration and every accuracy check. */
  configs: ConfigRun[];
  /** One per configuration with at least one check. */
  figures: ConfigFigures[];
}


const DATASET_LABEL: Record<Lang, Record<RunSettings['dataset'], string>> = {
  en: { 'cifar-sample': 'CIFAR-10 sample', mnist: 'MNIST', cifar10: 'CIFAR-10' },
  'zh-CN': { 'cifar-sample': 'CIFAR-10 样本', mnist: 'MNIST', cifar10: 'CIFAR-10' },
};

/**
 * "p = 0.5 vs 1 · seed 7 · MNIST": what a person needs to tell runs apart before renaming one. A name is the run's
 * own (it is saved and exported), so it is made once, in the language of the page when the run ends.
 */
export function defaultRunName(settings: RunSettings, lang: Lang = 'en'): string {
  const dataset = DATASET_LABEL[lang][settings.dataset];
  return lang === 'zh-CN'
    ? `p = ${settings.keepProb} 对比 1 · 随机种子 ${settings.seed} · ${dataset}`
    : `p = ${settings.keepProb} vs 1 · seed ${settings.seed} · ${dataset}`;
}

export function savedRunFrom(run: RunState, name: string, savedAt: number): SavedRun {
  return {
    id: run.runId,
    name,
    savedAt,
    settings: { ...run.settings },
    seed: run.settings.seed,
    datasetName: run.datasetName,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    configs: run.configs.map((c) => ({ ...c, lossHistory: [...c.lossHistory], checks: c.checks.map((k) => ({ ...k })) })),
    figures: run.configs.map(configFigures).filter((f): f is ConfigFigures => f !== null),
  };
}

/** The run as the experiment cell shows it (its charts, results and status). */
export function runStateOf(saved: SavedRun): RunState {
  return {
    runId: saved.id,
    settings: { ...saved.settings },
    datasetName: saved.datasetName,
    status: saved.status,
    startedAt: saved.startedAt,
    endedAt: saved.endedAt,
    configs: saved.configs,
  };
}

/** Whether a run measured anything worth keeping (a run that failed at start did not). */
export function hasMeasurements(run: RunState): boolean {
  return run.configs.some((c) => c.lossHistory.length > 0 || c.checks.length > 0);
}

export const newestFirst = (a: SavedRun, b: SavedRun) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1);

/** The few key-value operations the storage needs: IndexedDB in the browser, fakes in tests. */
export interface KeyValueBackend {
  values(): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export const DB_NAME = 'dropout-lab';
export const DB_STORE = 'saved-runs';

/** IndexedDB through idb-keyval, or null where the browser (or Node) has none. */
export function indexedDbBackend(): KeyValueBackend | null {
  if (typeof indexedDB === 'undefined') return null;
  let store: UseStore;
  try {
    store = createStore(DB_NAME, DB_STORE);
  } catch {
    return null;
  }
  return {
    values: () => values(store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

/** Why the browser storage said no, as the parameters of a message: `full` is 'yes' or 'no', `reason` the browser's words. */
function reasonOf(error: unknown): { text: string; params: { full: 'yes' | 'no'; reason: string } } {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return { text: 'the browser storage is full', params: { full: 'yes', reason: '' } };
  const reason = errorMessage(error);
  return { text: `the browser storage refused it (${reason})`, params: { full: 'no', reason } };
}

export interface StorageResult {
  /** What went wrong with the browser storage, or null; the run is kept in memory either way. */
  problem: string | null;
}

/**
 * Saved runs: kept in memory for this page (always) and in IndexedDB (when it works).
 * A failed write leaves the run in memory and says so; later writes retry it.
 */
export class SavedRunStorage {
  private readonly runs = new Map<string, SavedRun>();
  /** Runs in memory that the browser storage does not have yet. */
  private readonly unsaved = new Set<string>();
  private backend: KeyValueBackend | null;
  private lastProblem: Message | null = null;

  constructor(backend: KeyValueBackend | null) {
    this.backend = backend;
    if (!backend) this.lastProblem = message('storageNone', {}, 'This browser offers no storage (IndexedDB): saved runs are kept only until the page is reloaded.');
  }

  get persistent(): boolean {
    return this.backend !== null;
  }

  get problem(): string | null {
    return this.lastProblem?.text ?? null;
  }

  /** The same, as a message the page words in the reader's language. */
  get problemMessage(): Message | null {
    return this.lastProblem;
  }

  list(): SavedRun[] {
    return [...this.runs.values()].sort(newestFirst);
  }

  get(id: string): SavedRun | undefined {
    return this.runs.get(id);
  }

  /** Reads what the browser kept; records that do not validate are skipped and counted in the problem. */
  async load(): Promise<StorageResult> {
    if (!this.backend) return { problem: this.problem };
    let stored: unknown[];
    try {
      stored = await this.backend.values();
    } catch (error) {
      this.backend = null;
      const why = reasonOf(error);
      this.lastProblem = message('storageUnreadable', why.params, `Saved runs cannot be read: ${why.text}. New runs are kept only until the page is reloaded.`);
      return { problem: this.problem };
    }
    let unreadable = 0;
    for (const value of stored) {
      const checked = validateSavedRun(value);
      if (typeof checked === 'string') unreadable++;
      else if (!this.runs.has(checked.id)) this.runs.set(checked.id, checked);
    }
    this.lastProblem = unreadable
      ? message('storageSkipped', { count: unreadable }, `${unreadable} saved run${unreadable === 1 ? ' was' : 's were'} unreadable and left out.`)
      : null;
    return { problem: this.problem };
  }

  async put(run: SavedRun): Promise<StorageResult> {
    this.runs.set(run.id, run);
    this.unsaved.add(run.id);
    return this.writeUnsaved();
  }

  async remove(id: string): Promise<StorageResult> {
    this.runs.delete(id);
    this.unsaved.delete(id);
    if (!this.backend) return { problem: this.problem };
    try {
      await this.backend.del(id);
    } catch (error) {
      const why = reasonOf(error);
      this.lastProblem = message('storageRemoveFailed', why.params, `The run was removed from this page, but ${why.text}: it may come back after a reload.`);
      return { problem: this.problem };
    }
    return this.writeUnsaved();
  }

  private async writeUnsaved(): Promise<StorageResult> {
    if (!this.backend) return { problem: this.problem };
    for (const id of [...this.unsaved]) {
      const run = this.runs.get(id);
      if (!run) {
        this.unsaved.delete(id);
        continue;
      }
      try {
        await this.backend.set(id, run);
        this.unsaved.delete(id);
      } catch (error) {
        const count = this.unsaved.size;
        const why = reasonOf(error);
        this.lastProblem = message(
          'storageSaveFailed', { ...why.params, count },
          `Could not save ${count === 1 ? 'a run' : `${count} runs`} in the browser: ${why.text}. ` +
            'It stays in this page until you reload; delete old runs or export it to keep it.',
        );
        return { problem: this.problem };
      }
    }
    this.lastProblem = null;
    return { problem: null };
  }
}
