import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import { errorMessage } from '../core/errorMessage.ts';
import { message, type Message } from '../core/message.ts';

/** Anything saved in the browser: saved runs and saved sweeps. */
export interface SavedRecord {
  id: string;
  savedAt: number;
}

/** What is saved, for the messages: 'runs' or 'sweeps'. */
export type SavedKind = 'runs' | 'sweeps';

export const newestFirst = (a: SavedRecord, b: SavedRecord) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1);

/** The few key-value operations the storage needs: IndexedDB in the browser, fakes in tests. */
export interface KeyValueBackend {
  values(): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export const DB_NAME = 'dropout-lab';
export const DB_STORE = 'saved-runs';
/** A database of its own: idb-keyval keeps one object store per database. */
export const SWEEP_DB_NAME = 'dropout-lab-sweeps';
export const SWEEP_DB_STORE = 'saved-sweeps';

/** IndexedDB through idb-keyval, or null where the browser (or Node) has none. */
export function indexedDbBackend(dbName = DB_NAME, storeName = DB_STORE): KeyValueBackend | null {
  if (typeof indexedDB === 'undefined') return null;
  let store: UseStore;
  try {
    store = createStore(dbName, storeName);
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
  if (error instanceof DOMException && error.name === 'QuotaExceededError')
    return { text: 'the browser storage is full', params: { full: 'yes', reason: '' } };
  const reason = errorMessage(error);
  return { text: `the browser storage refused it (${reason})`, params: { full: 'no', reason } };
}

export interface StorageResult {
  /** What went wrong with the browser storage, or null; the record stays in memory either way. */
  problem: string | null;
}

/**
 * Saved records: in memory for this page (always) and in IndexedDB (when it works). A failed write leaves the record
 * in memory and says so; later writes retry it. Records read back are checked by `validate`.
 */
export class SavedStorage<T extends SavedRecord> {
  private readonly runs = new Map<string, T>();
  /** Runs in memory that the browser storage does not have yet. */
  private readonly unsaved = new Set<string>();
  private backend: KeyValueBackend | null;
  private lastProblem: Message | null = null;

  constructor(
    backend: KeyValueBackend | null,
    private readonly validate: (value: unknown) => T | string,
    private readonly kind: SavedKind,
  ) {
    this.backend = backend;
    if (!backend)
      this.lastProblem = message(
        'storageNone',
        { kind },
        `This browser offers no storage (IndexedDB): saved ${kind} are kept only until the page is reloaded.`,
      );
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

  /** Newest first; `hidden`: one not to list (the copy of a run or sweep that is still going). */
  list(hidden: string | null = null): T[] {
    return [...this.runs.values()].filter((r) => r.id !== hidden).sort(newestFirst);
  }

  get(id: string): T | undefined {
    return this.runs.get(id);
  }

  /** Reads what the browser saved; records that do not validate are skipped and counted in the problem. */
  async load(): Promise<StorageResult> {
    if (!this.backend) return { problem: this.problem };
    let stored: unknown[];
    try {
      stored = await this.backend.values();
    } catch (error) {
      this.backend = null;
      const why = reasonOf(error);
      this.lastProblem = message(
        'storageUnreadable',
        { ...why.params, kind: this.kind },
        `Saved ${this.kind} cannot be read: ${why.text}. New ${this.kind} are kept only until the page is reloaded.`,
      );
      return { problem: this.problem };
    }
    let unreadable = 0;
    for (const value of stored) {
      const checked = this.validate(value);
      if (typeof checked === 'string') unreadable++;
      else if (!this.runs.has(checked.id)) this.runs.set(checked.id, checked);
    }
    this.lastProblem = unreadable
      ? message(
          'storageSkipped',
          { count: unreadable, kind: this.kind },
          `${unreadable} saved ${this.kind.slice(0, -1)}${unreadable === 1 ? ' was' : 's were'} unreadable and left out.`,
        )
      : null;
    return { problem: this.problem };
  }

  async put(run: T): Promise<StorageResult> {
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
      this.lastProblem = message(
        'storageRemoveFailed',
        { ...why.params, kind: this.kind },
        `The ${this.kind.slice(0, -1)} was removed from this page, but ${why.text}: it may come back after a reload.`,
      );
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
          'storageSaveFailed',
          { ...why.params, count, kind: this.kind },
          `Could not save ${count === 1 ? `a ${this.kind.slice(0, -1)}` : `${count} ${this.kind}`} in the browser: ${why.text}. ` +
            'It stays in this page until you reload; delete old runs or export it to keep it.',
        );
        return { problem: this.problem };
      }
    }
    this.lastProblem = null;
    return { problem: null };
  }
}
