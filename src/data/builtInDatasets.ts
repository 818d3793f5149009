import { CIFAR_SAMPLE_FILE_NAME, CIFAR_SAMPLE_NAME, CIFAR_SAMPLE_TRAIN, CIFAR_SAMPLE_URL } from './cifarSample.ts';
import { MNIST_FILE_NAME, MNIST_NAME, MNIST_URL } from './mnist.ts';
import { DEFAULT_NUM_VAL } from './split.ts';

/** The datasets the app carries, as assets of its own origin, fetched only when chosen. */
export const BUILT_IN_DATASET_IDS = ['cifar-sample', 'mnist'] as const;
export type BuiltInDatasetId = (typeof BUILT_IN_DATASET_IDS)[number];

export interface BuiltInDataset {
  id: BuiltInDatasetId;
  /** As the UI names it, and as RawDataset.name once loaded. */
  name: string;
  fileName: string;
  /** Relative to the page. */
  url: string;
  /** The most training examples a split can take (validation comes from the test images or the rest of the pool). */
  maxTrain: number;
}

export const BUILT_IN_DATASETS: Record<BuiltInDatasetId, BuiltInDataset> = {
  'cifar-sample': { id: 'cifar-sample', name: CIFAR_SAMPLE_NAME, fileName: CIFAR_SAMPLE_FILE_NAME, url: CIFAR_SAMPLE_URL, maxTrain: CIFAR_SAMPLE_TRAIN },
  // 10,000 digits, of which validation takes DEFAULT_NUM_VAL.
  mnist: { id: 'mnist', name: MNIST_NAME, fileName: MNIST_FILE_NAME, url: MNIST_URL, maxTrain: 10_000 - DEFAULT_NUM_VAL },
};

export function isBuiltInDataset(id: string): id is BuiltInDatasetId {
  return (BUILT_IN_DATASET_IDS as readonly string[]).includes(id);
}
