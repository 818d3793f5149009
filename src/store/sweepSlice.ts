import type { StateCreator } from 'zustand';
import type { DropoutScaling } from '../core/layers.ts';
import type { AccuracyFigures } from '../worker/trainProtocol.ts';
import {
  startSweep as startSweepJobs, sweepWorkerCount, type SweepHandle, type SweepJob, type SweepJobOutcome,
} from '../worker/sweepScheduler.ts';
import { loadedActiveDataset, missingDatasetMessage } from './experimentSlice.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { trainConfig } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import { settingsProblemMessages } from './settingsSchema.ts';
import { message, type Message } from '../core/message.ts';
import {
  DEFAULT_SWEEP_HIDDEN_SIZES, DEFAULT_SWEEP_KEEP_PROBS, parseSweepList, sweepGridProblem, type SweepList,
} from './sweepGrid.ts';

export type SweepJobStatus = 'queued' | 'running' | 'finished' | 'diverged' | 'failed' | 'stopped';
export type SweepStatus = 'running' | 'done' | 'stopped' | 'failed';

/** One cell of the sweep: a full run with this p and hidden size, and what it reached. */
export interface SweepJobResult extends SweepJob {
  status: SweepJobStatus;
  /** What the run reached; null until it ends, and for a run that measured nothing. */
  figures: AccuracyFigures | null;
  message: string | null;
}

export interface SweepState {
  sweepId: string;
  /** The experiment's settings when the sweep started; each job replaces keepProb and hiddenSize. */
  settings: RunSettings;
  scaling: DropoutScaling;
  datasetName: string;
  keepProbs: number[];
  hiddenSizes: number[];
  status: SweepStatus;
  workers: number;
  startedAt: number;
  endedAt: number | null;
  /** Row-major: hidden sizes, then keep probabilities. */
  jobs: SweepJobResult[];
}

export interface SweepSlice {
  /** The grid the next sweep runs (always valid: the setter refuses bad lists). */
  sweepKeepProbs: number[];
  sweepHiddenSizes: number[];
  /** The latest sweep, kept in memory only. */
  sweep: SweepState | null;
  /** Why the last Start could not start, or why every run failed. */
  sweepError: readonly Message[] | null;
  /** Sets a list from its text; returns a message (and changes nothing) when the text is not a valid list. */
  setSweepList(list: SweepList, text: string): Message | null;
  startSweep(): Promise<void>;
  stopSweep(): void;
}


const TERMINAL: SweepJobStatus[] = ['finished', 'diverged', 'failed', 'stopped'];
export const isJobEnded = (j: SweepJobResult) => TERMINAL.includes(j.status);
export const endedJobs = (s: SweepState) => s.jobs.filter((j) => j.status !== 'queued' && j.status !== 'running' && j.status !== 'stopped').length;

/** The jobs of a grid, row-major by hidden size. Pure. */
export function sweepJobs(keepProbs: number[], hiddenSizes: number[]): SweepJob[] {
  return hiddenSizes.flatMap((hiddenSize) => keepProbs.map((keepProb) => ({ jobId: `h${hiddenSize}-p${keepProb}`, keepProb, hiddenSize })));
}

export function newSweep(
  sweepId: string, settings: RunSettings, datasetName: string, keepProbs: number[], hiddenSizes: number[], workers: number, startedAt: number,
): SweepState {
  return {
    sweepId, settings, scaling: settings.scaling, datasetName, keepProbs, hiddenSizes, status: 'running', workers, startedAt, endedAt: null,
    jobs: sweepJobs(keepProbs, hiddenSizes).map((job) => ({
      ...job, status: 'queued', figures: null, message: null,
    })),
  };
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

export function createSweepSlice(deps: Pick<LabDeps, 'createSweepWorker' | 'hardwareConcurrency' | 'now'>): StateCreator<LabState, [], [], SweepSlice> {
  return (set, get) => {
    let handle: SweepHandle | null = null;
    let sweepCounter = 0;
    /** Bumped by every Start and Stop: a Start still waiting for its data gives up when it is no longer the latest click. */
    let startToken = 0;

    const update = (sweepId: string, change: (s: SweepState) => SweepState) => {
      const { sweep } = get();
      if (sweep?.sweepId === sweepId) set({ sweep: change(sweep) });
    };

    return {
      sweepKeepProbs: DEFAULT_SWEEP_KEEP_PROBS,
      sweepHiddenSizes: DEFAULT_SWEEP_HIDDEN_SIZES,
      sweep: null,
      sweepError: null,

      setSweepList(list, text) {
        const parsed = parseSweepList(list, text);
        if (parsed.problem !== null) return parsed.problem;
        const keepProbs = list === 'keepProbs' ? parsed.values : get().sweepKeepProbs;
        const hiddenSizes = list === 'hiddenSizes' ? parsed.values : get().sweepHiddenSizes;
        const gridProblem = sweepGridProblem(keepProbs, hiddenSizes);
        if (gridProblem) return gridProblem;
        set({ sweepKeepProbs: keepProbs, sweepHiddenSizes: hiddenSizes, sweepError: null });
        return null;
      },

      async startSweep() {
        const { settings, sweepKeepProbs: keepProbs, sweepHiddenSizes: hiddenSizes } = get();
        // p and the hidden size come from the grid; every other setting must be valid as it is.
        const problems = Object.entries(settingsProblemMessages(settings)).filter(([key]) => key !== 'keepProb' && key !== 'hiddenSize');
        const gridProblem = sweepGridProblem(keepProbs, hiddenSizes);
        if (problems.length || gridProblem) {
          set({ sweepError: [...problems.map(([, m]) => m), ...(gridProblem ? [gridProblem] : [])] });
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
        const jobs = sweepJobs(keepProbs, hiddenSizes);
        const workers = Math.min(sweepWorkerCount(deps.hardwareConcurrency()), jobs.length);
        set({ sweep: newSweep(sweepId, settings, dataset.name, keepProbs, hiddenSizes, workers, deps.now()), sweepError: null });
        handle = startSweepJobs({
          sweepId, jobs, config: trainConfig(settings, settings, { streamMasks: false, insight: false }), dataset, workers,
          createWorker: deps.createSweepWorker,
          onJobStart: (job) => update(sweepId, (s) => sweepJobStarted(s, job.jobId)),
          onJobEnd: (job, outcome) => update(sweepId, (s) => sweepJobEnded(s, job.jobId, outcome)),
          onFinished: () => {
            handle = null;
            update(sweepId, (s) => sweepFinished(s, deps.now()));
            const { sweep } = get();
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
        if (sweep) set({ sweep: sweepStopped(sweep, deps.now()) });
      },
    };
  };
}

