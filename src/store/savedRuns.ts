import { SavedStorage, type KeyValueBackend } from './savedStorage.ts';
import { validateSavedRun } from './runExport.ts';
import { configFigures, type ConfigFigures, type RunState } from './runState.ts';
import type { SavedRun } from './savedRecords.ts';
import { defaultSettings, SETTING_KEYS, type RunSettings } from './settingsSchema.ts';
import { LANGS, type Lang } from './languageSlice.ts';

export {
  DB_NAME,
  DB_STORE,
  indexedDbBackend,
  newestFirst,
  type KeyValueBackend,
  type StorageResult,
} from './savedStorage.ts';
export type { SavedRun } from './savedRecords.ts';

/** Short dataset names for the default names of saved runs and sweeps, in the page's language. */
export const DATASET_LABEL: Record<Lang, Record<RunSettings['dataset'], string>> = {
  en: { 'cifar-sample': 'CIFAR-10 sample', mnist: 'MNIST', cifar10: 'CIFAR-10' },
  'zh-CN': { 'cifar-sample': 'CIFAR-10 样本', mnist: 'MNIST', cifar10: 'CIFAR-10' },
};

type SettingWords = { [K in keyof RunSettings]?: (value: RunSettings[K]) => string };

/** How a name says a setting that differs from its default, in each language (p, the seed and the dataset are always said). */
const SETTING_WORDS: Record<Lang, SettingWords> = {
  en: {
    hiddenSize: (v) => `${v} hidden`,
    hiddenLayers: (v) => `${v} ${v === 1 ? 'layer' : 'layers'}`,
    numTrain: (v) => `${v.toLocaleString('en')} ${v === 1 ? 'example' : 'examples'}`,
    epochs: (v) => `${v} ${v === 1 ? 'epoch' : 'epochs'}`,
    batchSize: (v) => `batch ${v}`,
    learningRate: (v) => `lr ${v}`,
    weightScale: (v) => `weight scale ${v}`,
    updateRule: (v) => ({ adam: 'Adam', sgd: 'SGD', sgdMomentum: 'SGD with momentum', rmsprop: 'RMSProp' })[v],
    scaling: (v) =>
      ({ inverted: 'inverted', none: 'no scaling', vanilla: 'vanilla dropout', gaussian: 'Gaussian dropout' })[v],
    kernels: (v) => ({ exact: 'Exact', fast: 'Fast', gpu: 'GPU' })[v],
  },
  'zh-CN': {
    hiddenSize: (v) => `${v} 个隐藏神经元`,
    hiddenLayers: (v) => `${v} 个隐藏层`,
    numTrain: (v) => `${v} 个训练样本`,
    epochs: (v) => `${v} 轮`,
    batchSize: (v) => `批大小 ${v}`,
    learningRate: (v) => `学习率 ${v}`,
    weightScale: (v) => `权重尺度 ${v}`,
    updateRule: (v) => ({ adam: 'Adam', sgd: 'SGD', sgdMomentum: '带动量的 SGD', rmsprop: 'RMSProp' })[v],
    scaling: (v) =>
      ({ inverted: '反向 Dropout', none: '不缩放', vanilla: '普通 Dropout', gaussian: '高斯 Dropout' })[v],
    kernels: (v) => ({ exact: '精确', fast: '快速', gpu: 'GPU' })[v],
  },
};

/**
 * "p = 0.5 vs 1 · 10 epochs · seed 7 · MNIST": what a person needs to tell runs apart before renaming one: p, every
 * setting that differs from its default, the seed and the dataset, and "run 2" for the second run with the same
 * settings (`ordinal`).
 */
export function defaultRunName(settings: RunSettings, lang: Lang = 'en', ordinal = 1): string {
  const defaults = defaultSettings();
  const words = SETTING_WORDS[lang] as Record<string, ((v: unknown) => string) | undefined>;
  const differing = SETTING_KEYS.flatMap((k) => {
    const say = words[k];
    return say && settings[k] !== defaults[k] ? [say(settings[k])] : [];
  });
  const dataset = DATASET_LABEL[lang][settings.dataset];
  // The paper's autoencoder runs one preset: its name says so, with what a person may vary (epochs, seed).
  if (settings.model === 'autoencoder') {
    const parts =
      lang === 'zh-CN'
        ? [
            '论文的自编码器',
            `p = ${settings.keepProb} 对比 1`,
            `${settings.epochs} 轮`,
            `随机种子 ${settings.seed}`,
            dataset,
            ...(ordinal > 1 ? [`第 ${ordinal} 次`] : []),
          ]
        : [
            'Paper’s autoencoder',
            `p = ${settings.keepProb} vs 1`,
            `${settings.epochs} epochs`,
            `seed ${settings.seed}`,
            dataset,
            ...(ordinal > 1 ? [`run ${ordinal}`] : []),
          ];
    return parts.join(' · ');
  }
  const parts =
    lang === 'zh-CN'
      ? [
          `p = ${settings.keepProb} 对比 1`,
          ...differing,
          `随机种子 ${settings.seed}`,
          dataset,
          ...(ordinal > 1 ? [`第 ${ordinal} 次`] : []),
        ]
      : [
          `p = ${settings.keepProb} vs 1`,
          ...differing,
          `seed ${settings.seed}`,
          dataset,
          ...(ordinal > 1 ? [`run ${ordinal}`] : []),
        ];
  return parts.join(' · ');
}

/** The name earlier versions made ("p = 0.5 vs 1 · seed 7 · MNIST", in the page's language when the run ended). */
function earlierMadeName(settings: RunSettings, lang: Lang): string {
  const dataset = DATASET_LABEL[lang][settings.dataset];
  return lang === 'zh-CN'
    ? `p = ${settings.keepProb} 对比 1 · 随机种子 ${settings.seed} · ${dataset}`
    : `p = ${settings.keepProb} vs 1 · seed ${settings.seed} · ${dataset}`;
}

/**
 * The name a saved run goes by on this page: its own when it was renamed, else its made name in this language. A run
 * saved by an earlier version has no autoName: its name, when it is the one that version made, is said in this
 * language the same way; a name its owner gave stays as it is.
 */
export function savedRunName(run: Pick<SavedRun, 'name' | 'settings' | 'autoName'>, lang: Lang): string {
  if (run.autoName) return defaultRunName(run.settings, lang, run.autoName.ordinal);
  return LANGS.some((l) => run.name === earlierMadeName(run.settings, l))
    ? earlierMadeName(run.settings, lang)
    : run.name;
}

/**
 * The number a new run's made name takes: one more than the runs already saved whose made name (in either language)
 * it would repeat, so two runs never share a made name.
 */
export function nextNameOrdinal(
  settings: RunSettings,
  saved: readonly Pick<SavedRun, 'name' | 'settings' | 'autoName'>[],
): number {
  const base = defaultRunName(settings);
  const names = new Set(LANGS.map((lang) => defaultRunName(settings, lang)));
  const ordinals = saved.flatMap((r) => {
    if (r.autoName) return defaultRunName(r.settings) === base ? [r.autoName.ordinal] : [];
    return names.has(r.name) ? [1] : [];
  });
  return ordinals.length ? Math.max(...ordinals) + 1 : 1;
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
    configs: run.configs.map((c) => ({
      ...c,
      lossHistory: [...c.lossHistory],
      checks: c.checks.map((k) => ({ ...k })),
    })),
    figures: run.configs.map(configFigures).filter((f): f is ConfigFigures => f !== null),
    ...(run.replaced ? { replaced: true } : {}),
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
    ...(saved.replaced ? { replaced: true } : {}),
  };
}

/** Whether a run measured anything worth keeping (a run that failed at start did not). */
export function hasMeasurements(run: RunState): boolean {
  return run.configs.some((c) => c.lossHistory.length > 0 || c.checks.length > 0);
}

/** Saved runs: in memory for this page and in IndexedDB where it works (savedStorage.ts). */
export class SavedRunStorage extends SavedStorage<SavedRun> {
  constructor(backend: KeyValueBackend | null) {
    super(backend, validateSavedRun, 'runs');
  }
}
