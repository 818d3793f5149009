import type { StateCreator } from 'zustand';
import type { LabState } from './labState.ts';
import { parseRunsJson } from './runExport.ts';
import { isActive, stopRun, type RunState } from './runState.ts';
import { message, type Message } from '../core/message.ts';
import type { LabDeps, StoragePersistence } from './labDeps.ts';
import {
  defaultRunName,
  hasMeasurements,
  nextNameOrdinal,
  runStateOf,
  savedRunFrom,
  type SavedRun,
} from './savedRuns.ts';

/** What an import did: runs in the file, how many were not saved here before, and whether the first is now shown. */
export interface ImportOutcome {
  runs: number;
  added: number;
  shown: boolean;
}

export interface SavedRunsSlice {
  /** Saved runs, newest first. */
  savedRuns: SavedRun[];
  savedRunsLoaded: boolean;
  /** The browser storage's problem (unavailable, full), or null; runs stay in memory regardless. */
  storageProblem: Message | null;
  /** Runs picked to overlay their validation curves, in the order they were picked. */
  compareIds: string[];
  /** What the browser said when asked to keep the saved runs (null until asked, when the runs are first read). */
  storagePersistence: StoragePersistence | null;
  /** Why the last import changed nothing, or null. */
  importError: Message | null;
  loadSavedRuns(): Promise<void>;
  /** Keeps an ended run. */
  saveRun(run: RunState): Promise<void>;
  /** Called by the store whenever the run on screen changes: saves it once, when it first ends with figures. */
  saveEndedRun(run: RunState): void;
  /**
   * While a run goes, a stopped copy of it is written now and then (and when it pauses) under its own id, so a reload,
   * a closed tab or a crash keeps what it measured: listed as stopped on the next visit. Its end writes the real one.
   */
  saveActiveRun(run: RunState): void;
  /** Shows a saved run in the experiment cell (charts, results) and takes its settings; starts no workers. */
  openSavedRun(id: string): void;
  /** Returns a message (and changes nothing) when the name is not allowed. */
  renameSavedRun(id: string, name: string): Promise<Message | null>;
  deleteSavedRun(id: string): Promise<void>;
  toggleCompare(id: string): void;
  /** Saves a run file's runs and shows the first (unless a run is going); what it did, or null (see importError). */
  importRunFile(text: string, fileName: string): Promise<ImportOutcome | null>;
  dismissImportError(): void;
}

export const MAX_RUN_NAME_LENGTH = 120;
/** How often a going run's stopped copy is written (see saveActiveRun). */
export const ACTIVE_COPY_INTERVAL_MS = 3000;

/** The slice, bound to one storage (IndexedDB in the app, a fake in tests). */
export function createSavedRunsSlice(
  deps: Pick<LabDeps, 'savedRunStorage' | 'now' | 'persistStorage'>,
): StateCreator<LabState, [], [], SavedRunsSlice> {
  return (set, get) => {
    const storage = deps.savedRunStorage();
    let loading: Promise<void> | null = null;
    /** Runs already saved or shown from storage: each run is saved once, when it first ends. */
    const handled = new Set<string>();

    /** The copy of the run that is going is not listed until it ends. */
    const listed = () => {
      const { run } = get();
      return storage.list(isActive(run) ? run!.runId : null);
    };
    const sync = (_result: { problem: string | null }) =>
      set({ savedRuns: listed(), storageProblem: storage.problemMessage });
    let activeCopyAt = -Infinity;
    let activeCopyStatus: RunState['status'] | null = null;

    /**
     * The run's name: the one it already has (a renamed run keeps its own), else a made one, numbered after the saved
     * runs with the same settings; `name` holds it in the page's language of the day, for files.
     */
    const named = (saved: SavedRun): SavedRun => {
      const existing = storage.get(saved.id);
      if (existing)
        return { ...saved, name: existing.name, ...(existing.autoName ? { autoName: existing.autoName } : {}) };
      const ordinal = nextNameOrdinal(saved.settings, storage.list(saved.id));
      return { ...saved, name: defaultRunName(saved.settings, get().lang, ordinal), autoName: { ordinal } };
    };

    /** Whether the place a saved run opens in (the paper's panel for an autoencoder, else the experiment) has a run going. */
    const slotBusy = (saved: SavedRun) => isActive(saved.settings.model === 'autoencoder' ? get().paperRun : get().run);
    const show = (saved: SavedRun) => {
      handled.add(saved.id);
      // The paper's autoencoder opens where it was trained, in "Why it works"; a classifier in the experiment cell.
      if (saved.settings.model === 'autoencoder') get().showPaperRun(runStateOf(saved));
      else get().showRun(runStateOf(saved));
    };

    return {
      savedRuns: [],
      savedRunsLoaded: false,
      storageProblem: storage.problemMessage,
      compareIds: [],
      importError: null,
      storagePersistence: null,

      loadSavedRuns() {
        loading ??= storage.load().then(async (result) => {
          for (const saved of storage.list()) handled.add(saved.id);
          sync(result);
          set({ savedRunsLoaded: true });
          // Only worth asking where runs are stored at all.
          if (storage.persistent) set({ storagePersistence: await deps.persistStorage() });
        });
        return loading;
      },

      saveEndedRun(run) {
        if (isActive(run) || handled.has(run.runId)) return;
        handled.add(run.runId);
        if (hasMeasurements(run)) void get().saveRun(run);
      },

      saveActiveRun(run) {
        if (!isActive(run) || !hasMeasurements(run)) return;
        const now = deps.now();
        if (run.status === activeCopyStatus && now - activeCopyAt < ACTIVE_COPY_INTERVAL_MS) return;
        [activeCopyAt, activeCopyStatus] = [now, run.status];
        void storage.put(named(savedRunFrom(stopRun(run, now), '', storage.get(run.runId)?.savedAt ?? now))).then(sync);
      },

      async saveRun(run) {
        handled.add(run.runId);
        sync(
          await storage.put(named(savedRunFrom(run, '', storage.get(run.runId)?.savedAt ?? run.endedAt ?? deps.now()))),
        );
      },

      openSavedRun(id) {
        const saved = storage.get(id);
        if (!saved || slotBusy(saved)) return;
        show(saved);
      },

      async renameSavedRun(id, name) {
        const saved = storage.get(id);
        if (!saved) return message('runGone', {}, 'This run is no longer saved.');
        const trimmed = name.trim();
        if (trimmed === '') return message('runNeedsName', {}, 'A run needs a name.');
        if (trimmed.length > MAX_RUN_NAME_LENGTH)
          return message(
            'runNameTooLong',
            { max: String(MAX_RUN_NAME_LENGTH) },
            `A run name can have at most ${MAX_RUN_NAME_LENGTH} characters.`,
          );
        const { autoName: _made, ...rest } = saved;
        sync(await storage.put({ ...rest, name: trimmed }));
        return null;
      },

      async deleteSavedRun(id) {
        set({ compareIds: get().compareIds.filter((c) => c !== id) });
        sync(await storage.remove(id));
      },

      toggleCompare(id) {
        const { compareIds } = get();
        set({ compareIds: compareIds.includes(id) ? compareIds.filter((c) => c !== id) : [...compareIds, id] });
      },

      async importRunFile(text, fileName) {
        const parsed = parseRunsJson(text);
        if (parsed.error !== null) {
          set({
            importError: message(
              'importRefused',
              { ...parsed.error.params, file: fileName, problemCode: parsed.error.code },
              `${fileName}: ${parsed.error.text} Nothing was imported.`,
            ),
          });
          return null;
        }
        set({ importError: null });
        let result = { problem: storage.problem };
        let added = 0;
        for (const saved of parsed.runs) {
          if (!storage.get(saved.id)) added++;
          handled.add(saved.id);
          result = await storage.put(saved);
        }
        sync(result);
        const first = storage.get(parsed.runs[0].id)!;
        const shown = !slotBusy(first);
        if (shown) show(first);
        return { runs: parsed.runs.length, added, shown };
      },

      dismissImportError() {
        set({ importError: null });
      },
    };
  };
}
