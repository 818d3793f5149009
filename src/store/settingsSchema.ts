import type { DropoutScaling } from '../core/layers.ts';
import type { KernelChoice } from '../core/kernels/types.ts';
import { message, type Message } from '../core/message.ts';
import type { TrainingSettings } from '../worker/trainProtocol.ts';
import { BUILT_IN_DATASETS, isBuiltInDataset, type BuiltInDatasetId } from '../data/builtInDatasets.ts';

/**
 * Every experiment setting in one table: its URL key, type, range, default and
 * label. Inputs, validation and the URL format are all driven by it.
 */
export const SETTINGS_VERSION = 1;
/** The URL key that carries SETTINGS_VERSION in a shared link (no setting may use it). */
export const SETTINGS_VERSION_URL_KEY = 'v';

/** A dataset the app carries, or 'cifar10': the user's own CIFAR-10 files. */
export type DatasetChoice = BuiltInDatasetId | 'cifar10';

/** The experiment's settings: what the workers train with, and the person's keep probability, scaling and dataset. */
export interface RunSettings extends TrainingSettings {
  keepProb: number;
  dataset: DatasetChoice;
  scaling: DropoutScaling;
}

export type { KernelChoice };

interface NumberSpec {
  kind: 'number' | 'integer';
  urlKey: string;
  label: string;
  min: number;
  max: number;
  step?: number;
  default: number;
  /** Smallest value accepted is exclusive (e.g. a learning rate must be > 0). */
  minExclusive?: boolean;
}

interface ChoiceSpec<T extends string> {
  kind: 'choice';
  urlKey: string;
  label: string;
  options: readonly { value: T; label: string }[];
  default: T;
}

type SpecFor<V> = [V] extends [number] ? NumberSpec : [V] extends [string] ? ChoiceSpec<V> : never;
export type SettingsSchema = { [K in keyof RunSettings]: SpecFor<RunSettings[K]> };

export const MAX_HIDDEN_SIZE = 4096;
export const MAX_HIDDEN_LAYERS = 4;
export const MAX_EPOCHS = 500;
export const MAX_TRAIN = 50_000;
/** Keeps every history (one loss per iteration) small enough to hold, draw and save. */
export const MAX_ITERATIONS = 100_000;

export const SETTINGS_SCHEMA: SettingsSchema = {
  keepProb: { kind: 'number', urlKey: 'p', label: 'Keep probability', min: 0.05, max: 1, step: 0.05, default: 0.25 },
  hiddenSize: { kind: 'integer', urlKey: 'hidden', label: 'Hidden size', min: 1, max: MAX_HIDDEN_SIZE, default: 500 },
  hiddenLayers: {
    kind: 'integer',
    urlKey: 'layers',
    label: 'Hidden layers',
    min: 1,
    max: MAX_HIDDEN_LAYERS,
    default: 1,
  },
  numTrain: { kind: 'integer', urlKey: 'train', label: 'Training examples', min: 1, max: MAX_TRAIN, default: 500 },
  epochs: { kind: 'integer', urlKey: 'epochs', label: 'Epochs', min: 1, max: MAX_EPOCHS, default: 25 },
  batchSize: { kind: 'integer', urlKey: 'batch', label: 'Batch size', min: 1, max: MAX_TRAIN, default: 100 },
  learningRate: {
    kind: 'number',
    urlKey: 'lr',
    label: 'Learning rate',
    min: 0,
    max: 100,
    default: 5e-4,
    minExclusive: true,
  },
  weightScale: {
    kind: 'number',
    urlKey: 'ws',
    label: 'Weight scale',
    min: 0,
    max: 10,
    default: 1e-2,
    minExclusive: true,
  },
  seed: { kind: 'integer', urlKey: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, default: 231 },
  updateRule: {
    kind: 'choice',
    urlKey: 'rule',
    label: 'Update rule',
    default: 'adam',
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD' },
      { value: 'sgdMomentum', label: 'SGD with momentum' },
      { value: 'rmsprop', label: 'RMSProp' },
    ],
  },
  dataset: {
    kind: 'choice',
    urlKey: 'dataset',
    label: 'Dataset',
    default: 'cifar-sample',
    options: [
      { value: 'cifar-sample', label: BUILT_IN_DATASETS['cifar-sample'].name },
      { value: 'mnist', label: BUILT_IN_DATASETS.mnist.name },
      { value: 'cifar10', label: 'CIFAR-10 (your files)' },
    ],
  },
  scaling: {
    kind: 'choice',
    urlKey: 'scaling',
    label: 'Scaling',
    default: 'inverted',
    options: [
      { value: 'inverted', label: 'Inverted dropout (divide by p)' },
      { value: 'none', label: 'No scaling' },
      { value: 'vanilla', label: 'Vanilla dropout' },
      { value: 'gaussian', label: 'Gaussian dropout' },
    ],
  },
  kernels: {
    kind: 'choice',
    urlKey: 'kernels',
    label: 'Matrix kernels',
    default: 'exact',
    options: [
      { value: 'exact', label: 'Exact' },
      { value: 'fast', label: 'Fast (relaxed SIMD)' },
      { value: 'gpu', label: 'GPU (WebGPU)' },
    ],
  },
  // The experiment trains the classifier; "Why it works" trains the paper's autoencoder (its runs carry it).
  model: {
    kind: 'choice',
    urlKey: 'model',
    label: 'Model',
    default: 'classifier',
    options: [
      { value: 'classifier', label: "Classifier (the assignment's)" },
      { value: 'autoencoder', label: "Autoencoder (the dropout paper's)" },
    ],
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as (keyof RunSettings)[];
/** Settings that saved and exported runs of settings version 1 may lack: they read as the default. */
export const SETTINGS_ADDED_LATER: readonly (keyof RunSettings)[] = ['model'];

export function defaultSettings(): RunSettings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS_SCHEMA[k].default])) as unknown as RunSettings;
}

/** Checks one value against its row of the table; returns a message naming the problem, or null. */
export function settingProblem<K extends keyof RunSettings>(key: K, value: unknown): Message | null {
  const spec = SETTINGS_SCHEMA[key] as NumberSpec | ChoiceSpec<string>;
  const setting = key as string;
  if (spec.kind === 'choice') {
    return spec.options.some((o) => o.value === value)
      ? null
      : message(
          'settingChoice',
          { setting, value: String(value) },
          `${spec.label}: "${String(value)}" is not one of ${spec.options.map((o) => o.label).join(', ')}`,
        );
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    return message('settingNotNumber', { setting }, `${spec.label} must be a number`);
  if (spec.kind === 'integer' && !Number.isInteger(value))
    return message('settingNotWhole', { setting }, `${spec.label} must be a whole number`);
  const tooSmall = spec.minExclusive ? value <= spec.min : value < spec.min;
  if (tooSmall || value > spec.max) {
    const range = { setting, min: String(spec.min), max: String(spec.max) };
    return spec.minExclusive
      ? message('settingRangeAbove', range, `${spec.label} must be above ${spec.min} and at most ${spec.max}`)
      : message('settingRange', range, `${spec.label} must be at least ${spec.min} and at most ${spec.max}`);
  }
  return null;
}

/** The same check, as English text (for links, imported files and logs). */
export function checkSetting<K extends keyof RunSettings>(key: K, value: unknown): string | null {
  return settingProblem(key, value)?.text ?? null;
}

/**
 * All problems of a complete settings object, including those between fields. `loadedTrainPool`: how many images the
 * user's loaded CIFAR-10 files can train on (their training images, less the validation set's when no test batch
 * came), checked when the dataset is theirs; the built-in datasets' limits are known here.
 */
export function settingsProblemMessages(
  s: RunSettings,
  loadedTrainPool: number | null = null,
): Partial<Record<keyof RunSettings, Message>> {
  const problems: Partial<Record<keyof RunSettings, Message>> = {};
  for (const key of SETTING_KEYS) {
    const problem = settingProblem(key, s[key]);
    if (problem) problems[key] = problem;
  }
  if (
    !problems.numTrain &&
    !problems.dataset &&
    isBuiltInDataset(s.dataset) &&
    s.numTrain > BUILT_IN_DATASETS[s.dataset].maxTrain
  ) {
    const { name, maxTrain } = BUILT_IN_DATASETS[s.dataset];
    problems.numTrain = message(
      'trainTooLarge',
      { train: s.numTrain.toLocaleString('en'), max: maxTrain.toLocaleString('en'), dataset: s.dataset },
      `Training examples (${s.numTrain.toLocaleString('en')}) must be at most ${maxTrain.toLocaleString('en')} with ${name}`,
    );
  }
  if (
    !problems.numTrain &&
    !problems.dataset &&
    s.dataset === 'cifar10' &&
    loadedTrainPool !== null &&
    s.numTrain > loadedTrainPool
  ) {
    const [train, max] = [s.numTrain.toLocaleString('en'), Math.max(0, loadedTrainPool).toLocaleString('en')];
    problems.numTrain = message(
      'trainTooLargeLoaded',
      { train, max },
      `Training examples (${train}) must be at most ${max} with the CIFAR-10 files loaded`,
    );
  }
  if (!problems.batchSize && !problems.numTrain && s.batchSize > s.numTrain) {
    problems.batchSize = message(
      'batchTooLarge',
      { batch: String(s.batchSize), train: String(s.numTrain) },
      `Batch size (${s.batchSize}) must not be larger than the training set (${s.numTrain})`,
    );
  }
  if (!problems.kernels && !problems.updateRule && s.kernels === 'gpu' && s.updateRule !== 'adam') {
    problems.kernels = message(
      'gpuNeedsAdam',
      {},
      'The GPU path trains with Adam: choose Adam, or Exact or Fast to compute on the CPU',
    );
  }
  const iterations = s.epochs * Math.max(1, Math.floor(s.numTrain / s.batchSize));
  if (!problems.epochs && !problems.batchSize && !problems.numTrain && iterations > MAX_ITERATIONS) {
    problems.epochs = message(
      'tooManyIterations',
      { iterations: iterations.toLocaleString('en'), limit: MAX_ITERATIONS.toLocaleString('en') },
      `This run would take ${iterations.toLocaleString('en')} iterations per configuration; the limit is ${MAX_ITERATIONS.toLocaleString('en')} (fewer epochs or a larger batch)`,
    );
  }
  return problems;
}

/** The same problems, as English text (for links, imported files and logs). */
export function settingsProblems(s: RunSettings): Partial<Record<keyof RunSettings, string>> {
  return Object.fromEntries(Object.entries(settingsProblemMessages(s)).map(([key, m]) => [key, m.text]));
}
