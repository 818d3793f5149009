import { KeptStorage, type KeyValueBackend } from './keptStorage.ts';
import { validateSavedRun } from './runExport.ts';
import { configFigures, type ConfigFigures, type ConfigRun, type RunState, type RunStatus } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import type { Lang } from './languageSlice.ts';

export { DB_NAME, DB_STORE, indexedDbBackend, newestFirst, type KeyValueBackend, type StorageResult } from './keptStorage.ts';


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


/** Short dataset names for the default names of saved runs and sweeps, in the page's language. */
export const DATASET_LABEL: Record<Lang, Record<RunSettings['dataset'], string>> = {
  en: { 'cifar-sample': 'CIFAR-10 sample', mnist: 'MNIST', cifar10: 'CIFAR-10' },
  'zh-CN': { 'cifar-sample': 'CIFAR-10 样本', mnist: 'MNIST', cifar10: 'CIFAR-10' },
};

/**
 * "p = 0.5 vs 1 · seed 7 · MNIST": what a person needs to tell runs apart before renaming one. A name is the run's
 * own (it is saved and exported), so it is made once, in the language of the page when the run ends.
 */
export function defaultRunName(settings: RunSettings, lang: Lang = 'en'): string {
  const dataset = DATASET_LABEL[lang][settings.dataset];
  const autoencoder = settings.model === 'autoencoder';
  return lang === 'zh-CN'
    ? `${autoencoder ? '论文的自编码器 · ' : ''}p = ${settings.keepProb} 对比 1 · 随机种子 ${settings.seed} · ${dataset}`
    : `${autoencoder ? 'Paper’s autoencoder · ' : ''}p = ${settings.keepProb} vs 1 · seed ${settings.seed} · ${dataset}`;
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

/** Saved runs: in memory for this page and in IndexedDB where it works (keptStorage.ts). */
export class SavedRunStorage extends KeptStorage<SavedRun> {
  constructor(backend: KeyValueBackend | null) {
    super(backend, validateSavedRun, 'runs');
  }
}

