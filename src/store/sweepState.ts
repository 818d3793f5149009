import { DEFAULT_NUM_VAL } from '../data/split.ts';
import type { SweepJobOutcome } from '../worker/sweepScheduler.ts';
import type { Message } from '../core/message.ts';
import type { SweepJobResult, SweepJobStatus, SweepState } from './savedRecords.ts';
import { settingsProblemMessages, type RunSettings } from './settingsSchema.ts';
import { sweepGridJobs, type SweepAxis, type SweepCellJob } from './sweepGrid.ts';

/** A sweep as it runs, as pure steps: made from its grid, each job started and ended, finished or stopped. */

const TERMINAL: SweepJobStatus[] = ['finished', 'diverged', 'failed', 'stopped'];
export const isJobEnded = (j: SweepJobResult) => TERMINAL.includes(j.status);
export const endedJobs = (s: SweepState) =>
  s.jobs.filter((j) => j.status !== 'queued' && j.status !== 'running' && j.status !== 'stopped').length;

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
  sweepId: string,
  settings: RunSettings,
  datasetName: string,
  grid: SweepGrid,
  workers: number,
  startedAt: number,
  numVal = DEFAULT_NUM_VAL,
): SweepState {
  return {
    sweepId,
    settings,
    scaling: settings.scaling,
    datasetName,
    ...grid,
    status: 'running',
    workers,
    startedAt,
    endedAt: null,
    numVal,
    jobs: sweepJobs(grid, settings).map((job) => ({ ...job, status: 'queued', figures: null, message: null })),
  };
}

/** Every distinct problem of the runs of a grid: each run is the experiment's settings with its own p, hidden size and data size. */
export function sweepSettingsProblems(settings: RunSettings, jobs: SweepCellJob[]): Message[] {
  const problems = new Map<string, Message>();
  for (const job of jobs) {
    const runSettings = { ...settings, keepProb: job.keepProb, hiddenSize: job.hiddenSize, numTrain: job.numTrain };
    for (const m of Object.values(settingsProblemMessages(runSettings)))
      if (!problems.has(m.text)) problems.set(m.text, m);
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
  return {
    ...s,
    status: 'stopped',
    endedAt: now,
    jobs: s.jobs.map((j) => (isJobEnded(j) ? j : { ...j, status: 'stopped' })),
  };
}
