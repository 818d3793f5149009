import type { AccuracyFigures } from '../worker/trainProtocol.ts';
import { SavedStorage, type KeyValueBackend } from './savedStorage.ts';
import type { Lang } from './languageSlice.ts';
import { csv, fileSlug } from './runExport.ts';
import { DATASET_LABEL } from './savedRuns.ts';
import { Invalid, array, nonFiniteAsText, num, oneOf, record, settingsOf, str } from './recordChecks.ts';
import { SETTINGS_VERSION } from './settingsSchema.ts';
import { DEFAULT_NUM_VAL } from '../data/split.ts';
import { DROPOUT_SCALINGS } from '../core/layers.ts';
import { SWEEP_AXES, type SweepAxis } from './sweepGrid.ts';
import type { SavedSweep, SweepJobResult, SweepState, SweepStatus } from './savedRecords.ts';

export type { SavedSweep } from './savedRecords.ts';

const ENDED_SWEEP_STATUSES = ['done', 'stopped', 'failed'] as const satisfies readonly SweepStatus[];
const JOB_STATUSES = [
  'queued',
  'running',
  'finished',
  'diverged',
  'failed',
  'stopped',
] as const satisfies readonly SweepJobResult['status'][];

const AXIS_NAME: Record<Lang, Record<SweepAxis, string>> = {
  en: { hiddenSize: 'hidden size', numTrain: 'training examples', fixedPn: 'fixed p·n' },
  'zh-CN': { hiddenSize: '隐藏层大小', numTrain: '训练样本数', fixedPn: '固定 p·n' },
};

/** "p × hidden size · 40 runs · seed 231 · CIFAR-10 sample", made once in the page's language when the sweep ends. */
export function defaultSweepName(sweep: SweepState, lang: Lang = 'en'): string {
  const axis = AXIS_NAME[lang][sweep.axis];
  const dataset = DATASET_LABEL[lang][sweep.settings.dataset];
  const runs = sweep.jobs.length;
  return lang === 'zh-CN'
    ? `p × ${axis} · ${runs} 次训练 · 随机种子 ${sweep.settings.seed} · ${dataset}`
    : `p × ${axis} · ${runs} runs · seed ${sweep.settings.seed} · ${dataset}`;
}

export function savedSweepFrom(sweep: SweepState, name: string, savedAt: number): SavedSweep {
  return { ...structuredClone(sweep), id: sweep.sweepId, name, savedAt };
}

/** Whether a sweep measured anything worth keeping. */
export const sweepHasMeasurements = (sweep: SweepState) => sweep.jobs.some((j) => j.figures !== null);

function numbers(v: unknown, path: string): number[] {
  return array(v, path).map((x, i) => num(x, `${path}[${i}]`, { finite: true }));
}

function figuresOf(v: unknown, path: string): AccuracyFigures | null {
  if (v === null) return null;
  const r = record(v, path);
  return {
    finalTrainAcc: num(r.finalTrainAcc, `${path}.finalTrainAcc`),
    finalValAcc: num(r.finalValAcc, `${path}.finalValAcc`),
    bestValAcc: num(r.bestValAcc, `${path}.bestValAcc`),
    bestEpoch: num(r.bestEpoch, `${path}.bestEpoch`, { integer: true, min: 0 }),
  };
}

function jobOf(v: unknown, path: string): SweepJobResult {
  const r = record(v, path);
  const keepProb = num(r.keepProb, `${path}.keepProb`, { finite: true });
  if (!(keepProb > 0 && keepProb <= 1)) throw new Invalid(`${path}.keepProb must be above 0 and at most 1`);
  return {
    jobId: str(r.jobId, `${path}.jobId`),
    row: num(r.row, `${path}.row`, { finite: true }),
    keepProb,
    hiddenSize: num(r.hiddenSize, `${path}.hiddenSize`, { integer: true, min: 1 }),
    numTrain: num(r.numTrain, `${path}.numTrain`, { integer: true, min: 1 }),
    status: oneOf(r.status, JOB_STATUSES, `${path}.status`),
    figures: figuresOf(r.figures, `${path}.figures`),
    message: r.message === null ? null : str(r.message, `${path}.message`),
  };
}

/** A saved sweep checked field by field (from the browser's storage): the sweep, or a message naming the first problem. */
export function validateSavedSweep(value: unknown): SavedSweep | string {
  try {
    const r = record(value, 'the sweep');
    const id = str(r.id, 'id');
    if (id.trim() === '') throw new Invalid('id is empty');
    const name = str(r.name, 'name');
    if (name.trim() === '') throw new Invalid('name is empty');
    const jobs = array(r.jobs, 'jobs').map((j, i) => jobOf(j, `jobs[${i}]`));
    const keepProbs = numbers(r.keepProbs, 'keepProbs');
    const rows = numbers(r.rows, 'rows');
    if (jobs.length !== keepProbs.length * rows.length)
      throw new Invalid(`jobs has ${jobs.length} runs, not ${keepProbs.length} x ${rows.length}`);
    return {
      id,
      name,
      sweepId: str(r.sweepId, 'sweepId'),
      savedAt: num(r.savedAt, 'savedAt', { finite: true }),
      settings: settingsOf(r.settings, 'settings'),
      scaling: oneOf(r.scaling, DROPOUT_SCALINGS, 'scaling'),
      datasetName: str(r.datasetName, 'datasetName'),
      axis: oneOf(r.axis, SWEEP_AXES, 'axis'),
      keepProbs,
      rows,
      status: oneOf(r.status, ENDED_SWEEP_STATUSES, 'status'),
      workers: num(r.workers, 'workers', { integer: true, min: 1 }),
      startedAt: num(r.startedAt, 'startedAt', { finite: true }),
      endedAt: r.endedAt === null ? null : num(r.endedAt, 'endedAt', { finite: true }),
      jobs,
      // Sweeps saved before it was recorded validated on DEFAULT_NUM_VAL examples (every dataset then had as many).
      numVal: r.numVal === undefined ? DEFAULT_NUM_VAL : num(r.numVal, 'numVal', { integer: true, min: 1 }),
    };
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

/** Saved sweeps: in memory for this page and in IndexedDB where it works. */
export class SavedSweepStorage extends SavedStorage<SavedSweep> {
  constructor(backend: KeyValueBackend | null) {
    super(backend, validateSavedSweep, 'sweeps');
  }
}

export const SWEEP_FILE_FORMAT = 'dropout-lab-sweeps';
export const SWEEP_FILE_FORMAT_VERSION = 1;

/** Everything saved of these sweeps, as one JSON file. */
export function sweepsToJson(sweeps: SavedSweep[], exportedAt: Date): string {
  const file = {
    format: SWEEP_FILE_FORMAT,
    formatVersion: SWEEP_FILE_FORMAT_VERSION,
    settingsVersion: SETTINGS_VERSION,
    exportedAt: exportedAt.toISOString(),
    sweeps,
  };
  return JSON.stringify(file, nonFiniteAsText, 1);
}

/** One row per run of the sweep: its grid position, what it trained with and what it reached. */
export function sweepCsv(sweep: SavedSweep): string {
  const rows = sweep.jobs.map((j) => {
    const f = j.figures;
    return [
      sweep.id,
      sweep.name,
      sweep.axis,
      j.row,
      j.keepProb,
      j.hiddenSize,
      j.numTrain,
      j.status,
      f?.finalTrainAcc ?? null,
      f?.finalValAcc ?? null,
      f?.bestValAcc ?? null,
      f?.bestEpoch ?? null,
      f ? f.finalTrainAcc - f.finalValAcc : null,
    ];
  });
  return csv(
    [
      'sweep',
      'sweep_name',
      'axis',
      'row',
      'keep_prob',
      'hidden_size',
      'num_train',
      'status',
      'final_train_acc',
      'final_val_acc',
      'best_val_acc',
      'best_epoch',
      'train_val_gap',
    ],
    rows,
  );
}

/** `dropout-lab-sweep-<name>` */
export function sweepFileStem(sweep: SavedSweep): string {
  return `dropout-lab-sweep-${fileSlug(sweep.name) || sweep.id}`;
}
