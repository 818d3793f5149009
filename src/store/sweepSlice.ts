import type { StateCreator } from 'zustand';
import type { DropoutScaling } from '../core/layers.ts';
import type { AccuracyFigures } from '../worker/trainProtocol.ts';
import { DEFAULT_NUM_VAL, validationCount } from '../data/split.ts';
import {
  startSweep as startSweepJobs, sweepWorkerBytes, sweepWorkerCount, type SweepHandle, type SweepJobOutcome,
} from '../worker/sweepScheduler.ts';
import { loadedActiveDataset, missingDatasetMessage } from './experimentSlice.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { trainConfig } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import { settingsProblemMessages } from './settingsSchema.ts';
import { message, type Message } from '../core/message.ts';
import { defaultSweepName, savedSweepFrom, sweepHasMeasurements, type SavedSweep } from './savedSweeps.ts';
import {
  AXIS_LIST, DEFAULT_SWEEP_LISTS, parseSweepList, sweepGridJobs, sweepGridProblem, type SweepAxis, type SweepCellJob, type SweepList,
} from './sweepGrid.ts';

export type SweepJobStatus = 'queued' | 'running' | 'finished' | 'diverged' | 'failed' | 'stopped';
export type SweepStatus = 'running' | 'done' | 'stopped' | 'failed';

/** One cell of the sweep: a full run with this p and row of the axis, and what it reached. */
export interface SweepJobResult extends SweepCellJob {
  status: SweepJobStatus;
  /** What the run reached; null until it ends, and for a run that measured nothing. */
  figures: AccuracyFigures | null;
  message: string | null;
}

export interface SweepState {
  sweepId: string;
  /** The experiment's settings when the sweep started; each job replaces keepProb, hiddenSize and numTrain. */
  settings: RunSettings;
  scaling: DropoutScaling;
  datasetName: string;
  /** What the rows vary: hidden size, training examples, or the expected kept units p·n. */
  axis: SweepAxis;
  keepProbs: number[];
  /** The axis's values, ascending. */
  rows: number[];
  status: SweepStatus;
  workers: number;
  startedAt: number;
  endedAt: number | null;
  /** Row-major: rows, then keep probabilities. */
  jobs: SweepJobResult[];
  /** How many examples each run validated on: the size of an accuracy's noise (its standard error) follows from it. */
  numVal: number;
}

export interface SweepSlice {
  /** The lists the next sweep's grid is made of (always valid: the setter refuses bad lists), and its axis. */
  sweepLists: Record<SweepList, number[]>;
  sweepAxis: SweepAxis;
  setSweepAxis(axis: SweepAxis): void;
  /** The latest sweep, kept in memory only. */
  sweep: SweepState | null;
  /** Why the last Start could not start, or why every run failed. */
  sweepError: readonly Message[] | null;
  /** Sets a list from its text; returns a message (and changes nothing) when the text is not a valid list. */
  setSweepList(list: SweepList, text: string): Message | null;
  startSweep(): Promise<void>;
  stopSweep(): void;
  /** Ended sweeps kept in this browser, newest first. */
  savedSweeps: SavedSweep[];
  /** The browser storage's problem with sweeps, or null; sweeps are kept in memory regardless. */
  sweepStorageProblem: Message | null;
  loadSavedSweeps(): Promise<void>;
  /** Shows a saved sweep in the Sweep cell (not while one is running). */
  openSavedSweep(id: string): void;
  deleteSavedSweep(id: string): Promise<void>;
}


const TERMINAL: SweepJobStatus[] = ['finished', 'diverged', 'failed', 'stopped'];
export const isJobEnded = (j: SweepJobResult) => TERMINAL.includes(j.status);
export const endedJobs = (s: SweepState) => s.jobs.filter((j) => j.status !== 'queued' && j.status !== 'running' && j.status !== 'stopped').length;

/** The grid a sweep runs: its axis, keep probabilities and row values. */
export interface SweepGrid {
  axis: SweepAxis;
  keepProbs: number[];
  rows: number[];
}

/** The jobs of a grid with these settings, row-major. Pure. */
export function sweepJobs(grid: SweepGrid, settings: Pick<RunSettings, 'hiddenSize' | 'numTrain'>): SweepCellJob[] {
  return sweepGridJobs(grid.axis, grid.keepProbs, grid.rows, settings);
}

export function newSweep(
  sweepId: string, settings: RunSettings, datasetName: string, grid: SweepGrid, workers: number, startedAt: number,
  numVal = DEFAULT_NUM_VAL,
): SweepState {
  return {
    sweepId, settings, scaling: settings.scaling, datasetName, ...grid, status: 'running', workers, startedAt, endedAt: null, numVal,
    jobs: sweepJobs(grid, settings).map((job) => ({ ...job, status: 'queued', figures: null, message: null })),
  };
}

/** Every distinct problem of the runs of a grid: each run is the experiment's settings with its own p, hidden size and data size. */
export function sweepSettingsProblems(settings: RunSettings, jobs: SweepCellJob[]): Message[] {
  const problems = new Map<string, Message>();
  for (const job of jobs) {
    const runSettings = { ...settings, keepProb: job.keepProb, hiddenSize: job.hiddenSize, numTrain: job.numTrain };
    for (const m of Object.values(settingsProblemMessages(runSettings))) if (!problems.has(m.text)) problems.set(m.text, m);
  }
  return [...problems.values()];
}

const patchJob = (s: SweepState, jobId: string, patch: Partial<SweepJobResult>): SweepState => ({
  ...s,
  jobs: s.jobs.map((j) => (j.jobId === jobId && !isJobEnded(j) ? { ...j, ...patch } : j)),
});

export function sweepJobStarted(s: SweepState, jobId: string): SweepState {
  return patchJob(s, jobId, { status: 'running' });
}

export function sweepJobEnded(s: SweepState, jobId: string, outcome: SweepJobOutcome): SweepState {
  if (outcome.kind === 'failed') return patchJob(s, jobId, { status: 'failed', message: outcome.message });
  const { outcome: status, message, finalTrainAcc, finalValAcc, bestValAcc, bestEpoch } = outcome.summary;
  // A run that diverged before its first check has no best validation accuracy.
  const figures = Number.isFinite(bestValAcc) ? { finalTrainAcc, finalValAcc, bestValAcc, bestEpoch } : null;
  return patchJob(s, jobId, { status, figures, message });
}

/** Every job has ended: done, or failed when not one run measured anything. */
export function sweepFinished(s: SweepState, now: number): SweepState {
  const anyMeasured = s.jobs.some((j) => j.figures !== null);
  return { ...s, status: anyMeasured ? 'done' : 'failed', endedAt: now };
}

/** Stop: what ended keeps its figures; the rest is marked stopped. */
export function sweepStopped(s: SweepState, now: number): SweepState {
  if (s.status !== 'running') return s;
  return { ...s, status: 'stopped', endedAt: now, jobs: s.jobs.map((j) => (isJobEnded(j) ? j : { ...j, status: 'stopped' })) };
}

export function createSweepSlice(
  deps: Pick<LabDeps, 'createSweepWorker' | 'hardwareConcurrency' | 'now' | 'savedSweepStorage'>,
): StateCreator<LabState, [], [], SweepSlice> {
  return (set, get) => {
    let handle: SweepHandle | null = null;
    const storage = deps.savedSweepStorage();
    let loading: Promise<void> | null = null;
    /** Sweeps already kept (or shown from storage): each sweep is saved once, when it ends. */
    const kept = new Set<string>();
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
    const keepCopy = (sweep: SweepState) => {
      if (sweep.status !== 'running' || kept.has(sweep.sweepId) || !sweepHasMeasurements(sweep)) return;
      const now = deps.now();
      void storage.put(savedSweepFrom(sweepStopped(sweep, now), defaultSweepName(sweep, get().lang), now)).then(sync);
    };
    /** Keeps a sweep that has ended with figures. */
    const keep = async (sweep: SweepState) => {
      if (sweep.status === 'running' || kept.has(sweep.sweepId) || !sweepHasMeasurements(sweep)) return;
      kept.add(sweep.sweepId);
      await storage.put(savedSweepFrom(sweep, defaultSweepName(sweep, get().lang), sweep.endedAt ?? deps.now()));
      sync();
    };
    let sweepCounter = 0;
    /** Bumped by every Start and Stop: a Start still waiting for its data gives up when it is no longer the latest click. */
    let startToken = 0;

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
        if (problems.length) {
          set({ sweepError: problems });
          return;
        }
        const token = ++startToken;
        const dataset = await loadedActiveDataset(get);
        if (token !== startToken) return;
        if (!dataset) {
          set({ sweepError: [missingDatasetMessage(settings.dataset)] });
          return;
        }
        get().stopSweep();
        const sweepId = `sweep-${deps.now().toString(36)}-${++sweepCounter}`;
        const workers = Math.min(sweepWorkerCount(deps.hardwareConcurrency(), sweepWorkerBytes(dataset, settings, jobs)), jobs.length);
        set({ sweep: newSweep(sweepId, settings, dataset.name, grid, workers, deps.now(), validationCount(dataset)), sweepError: null });
        handle = startSweepJobs({
          sweepId, jobs, config: trainConfig(settings, settings, { streamMasks: false, insight: false }), dataset, workers,
          createWorker: deps.createSweepWorker,
          onJobStart: (job) => update(sweepId, (s) => sweepJobStarted(s, job.jobId)),
          onJobEnd: (job, outcome) => {
            update(sweepId, (s) => sweepJobEnded(s, job.jobId, outcome));
            const { sweep } = get();
            if (sweep?.sweepId === sweepId) keepCopy(sweep);
          },
          onFinished: () => {
            handle = null;
            update(sweepId, (s) => sweepFinished(s, deps.now()));
            const { sweep } = get();
            if (sweep?.sweepId === sweepId) void keep(sweep);
            if (sweep?.sweepId === sweepId && sweep.status === 'failed') {
              const why = sweep.jobs.find((j) => j.message)?.message ?? 'no figures came back';
              set({ sweepError: [message('sweepAllFailed', { reason: why }, `Every run of the sweep failed: ${why}`)] });
            }
          },
        });
      },

      stopSweep() {
        startToken++;
        handle?.stop();
        handle = null;
        const { sweep } = get();
        if (!sweep) return;
        const stopped = sweepStopped(sweep, deps.now());
        set({ sweep: stopped });
        void keep(stopped);
      },

      savedSweeps: [],
      sweepStorageProblem: storage.problemMessage,

      loadSavedSweeps() {
        loading ??= storage.load().then(() => {
          for (const saved of storage.list()) kept.add(saved.id);
          sync();
        });
        return loading;
      },

      openSavedSweep(id) {
        const saved = storage.get(id);
        if (!saved || get().sweep?.status === 'running') return;
        const { id: _id, name: _name, savedAt: _savedAt, ...sweep } = structuredClone(saved);
        kept.add(sweep.sweepId);
        set({ sweep, sweepError: null });
      },

      async deleteSavedSweep(id) {
        await storage.remove(id);
        sync();
      },
    };
  };
}

