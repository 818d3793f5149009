import type { StateCreator } from 'zustand';
import { validationCount } from '../data/split.ts';
import {
  startSweep as startSweepJobs,
  sweepWorkerBytes,
  sweepWorkerCount,
  type SweepHandle,
} from '../worker/sweepScheduler.ts';
import { message, type Message } from '../core/message.ts';
import { loadedActiveDataset, missingDatasetMessage } from './datasetSlice.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { trainConfig } from './runState.ts';
import type { SavedSweep, SweepState } from './savedRecords.ts';
import { defaultSweepName, savedSweepFrom, sweepHasMeasurements } from './savedSweeps.ts';
import { createStartUp } from './startUp.ts';
import {
  AXIS_LIST,
  DEFAULT_SWEEP_LISTS,
  parseSweepList,
  sweepGridProblem,
  type SweepAxis,
  type SweepList,
} from './sweepGrid.ts';
import {
  newSweep,
  sweepFinished,
  sweepJobEnded,
  sweepJobStarted,
  sweepJobs,
  sweepSettingsProblems,
  sweepStopped,
  type SweepGrid,
} from './sweepState.ts';

// Where the UI reads them since the sweep's records and steps were part of the slice.
export type { SweepJobResult, SweepState } from './savedRecords.ts';
export { endedJobs } from './sweepState.ts';

export interface SweepSlice {
  /** The lists the next sweep's grid is made of (always valid: the setter refuses bad lists), and its axis. */
  sweepLists: Record<SweepList, number[]>;
  sweepAxis: SweepAxis;
  setSweepAxis(axis: SweepAxis): void;
  /** The latest sweep, held in memory only. */
  sweep: SweepState | null;
  /** Why the last Start could not start, or why every run failed. */
  sweepError: readonly Message[] | null;
  /** Sets a list from its text; returns a message (and changes nothing) when the text is not a valid list. */
  setSweepList(list: SweepList, text: string): Message | null;
  startSweep(): Promise<void>;
  stopSweep(): void;
  /** Ended sweeps saved in this browser, newest first. */
  savedSweeps: SavedSweep[];
  /** The browser storage's problem with sweeps, or null; sweeps stay in memory regardless. */
  sweepStorageProblem: Message | null;
  loadSavedSweeps(): Promise<void>;
  /** Shows a saved sweep in the Sweep cell (not while one is running). */
  openSavedSweep(id: string): void;
  deleteSavedSweep(id: string): Promise<void>;
}

export function createSweepSlice(
  deps: Pick<LabDeps, 'createSweepWorker' | 'hardwareConcurrency' | 'now' | 'savedSweepStorage'>,
): StateCreator<LabState, [], [], SweepSlice> {
  return (set, get) => {
    let handle: SweepHandle | null = null;
    const storage = deps.savedSweepStorage();
    let loading: Promise<void> | null = null;
    /** Sweeps already saved (or shown from storage): each sweep is saved once, when it ends. */
    const savedIds = new Set<string>();
    /** A running sweep's copy is not listed until it ends. */
    const listed = () => {
      const { sweep } = get();
      return storage.list(sweep?.status === 'running' ? sweep.sweepId : null);
    };
    const sync = () => set({ savedSweeps: listed(), sweepStorageProblem: storage.problemMessage });
    /**
     * A running sweep's stopped copy, written as each of its runs ends: a reload, a closed tab or a crash keeps the runs
     * it measured (listed as stopped on the next visit). Its end writes the real one.
     */
    const saveRunningCopy = (sweep: SweepState) => {
      if (sweep.status !== 'running' || savedIds.has(sweep.sweepId) || !sweepHasMeasurements(sweep)) return;
      const now = deps.now();
      void storage.put(savedSweepFrom(sweepStopped(sweep, now), defaultSweepName(sweep, get().lang), now)).then(sync);
    };
    /** Saves a sweep that has ended with figures. */
    const saveEnded = async (sweep: SweepState) => {
      if (sweep.status === 'running' || savedIds.has(sweep.sweepId) || !sweepHasMeasurements(sweep)) return;
      savedIds.add(sweep.sweepId);
      await storage.put(savedSweepFrom(sweep, defaultSweepName(sweep, get().lang), sweep.endedAt ?? deps.now()));
      sync();
    };
    const startUp = createStartUp('sweep', deps.now);

    const update = (sweepId: string, change: (s: SweepState) => SweepState) => {
      const { sweep } = get();
      if (sweep?.sweepId === sweepId) set({ sweep: change(sweep) });
    };

    return {
      sweepLists: DEFAULT_SWEEP_LISTS,
      sweepAxis: 'hiddenSize',
      sweep: null,
      sweepError: null,

      setSweepAxis(axis) {
        set({ sweepAxis: axis, sweepError: null });
      },

      setSweepList(list, text) {
        const parsed = parseSweepList(list, text);
        if (parsed.problem !== null) return parsed.problem;
        const lists = { ...get().sweepLists, [list]: parsed.values };
        // The grid's size is checked for the list being edited against the keep probabilities (and, for those, the axis shown).
        const rows = list === 'keepProbs' ? lists[AXIS_LIST[get().sweepAxis]] : parsed.values;
        const gridProblem = sweepGridProblem(lists.keepProbs, rows);
        if (gridProblem) return gridProblem;
        set({ sweepLists: lists, sweepError: null });
        return null;
      },

      async startSweep() {
        const { settings, sweepLists, sweepAxis: axis } = get();
        const grid: SweepGrid = { axis, keepProbs: sweepLists.keepProbs, rows: sweepLists[AXIS_LIST[axis]] };
        const jobs = sweepJobs(grid, settings);
        // p, the hidden size and the data size come from the grid; every run's settings must be valid.
        const gridProblem = sweepGridProblem(grid.keepProbs, grid.rows);
        const problems = gridProblem ? [gridProblem] : sweepSettingsProblems(settings, jobs);
        const started = await startUp.begin({
          problems,
          dataset: () => loadedActiveDataset(get),
          missing: missingDatasetMessage(settings.dataset),
          refuse: (why) => set({ sweepError: why }),
          stopPrevious: () => get().stopSweep(),
        });
        if (!started) return;
        const { id: sweepId, dataset } = started;
        const workers = Math.min(
          sweepWorkerCount(deps.hardwareConcurrency(), sweepWorkerBytes(dataset, settings, jobs)),
          jobs.length,
        );
        set({
          sweep: newSweep(sweepId, settings, dataset.name, grid, workers, deps.now(), validationCount(dataset)),
          sweepError: null,
        });
        handle = startSweepJobs({
          sweepId,
          jobs,
          config: trainConfig(settings, settings, { streamMasks: false, insight: false }),
          dataset,
          workers,
          createWorker: deps.createSweepWorker,
          onJobStart: (job) => update(sweepId, (s) => sweepJobStarted(s, job.jobId)),
          onJobEnd: (job, outcome) => {
            update(sweepId, (s) => sweepJobEnded(s, job.jobId, outcome));
            const { sweep } = get();
            if (sweep?.sweepId === sweepId) saveRunningCopy(sweep);
          },
          onFinished: () => {
            handle = null;
            update(sweepId, (s) => sweepFinished(s, deps.now()));
            const { sweep } = get();
            if (sweep?.sweepId === sweepId) void saveEnded(sweep);
            if (sweep?.sweepId === sweepId && sweep.status === 'failed') {
              const why = sweep.jobs.find((j) => j.message)?.message ?? 'no figures came back';
              set({
                sweepError: [message('sweepAllFailed', { reason: why }, `Every run of the sweep failed: ${why}`)],
              });
            }
          },
        });
      },

      stopSweep() {
        startUp.cancel();
        handle?.stop();
        handle = null;
        const { sweep } = get();
        if (!sweep) return;
        const stopped = sweepStopped(sweep, deps.now());
        set({ sweep: stopped });
        void saveEnded(stopped);
      },

      savedSweeps: [],
      sweepStorageProblem: storage.problemMessage,

      loadSavedSweeps() {
        loading ??= storage.load().then(() => {
          for (const record of storage.list()) savedIds.add(record.id);
          sync();
        });
        return loading;
      },

      openSavedSweep(id) {
        const saved = storage.get(id);
        if (!saved || get().sweep?.status === 'running') return;
        const { id: _id, name: _name, savedAt: _savedAt, ...sweep } = structuredClone(saved);
        savedIds.add(sweep.sweepId);
        set({ sweep, sweepError: null });
      },

      async deleteSavedSweep(id) {
        await storage.remove(id);
        sync();
      },
    };
  };
}
