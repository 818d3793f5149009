import {
  CIFAR_SAMPLE_FILES,
  CIFAR_SAMPLE_NAME,
  CIFAR_SAMPLE_PARTS,
  CIFAR_SAMPLE_TRAIN,
  cifarSampleUrl,
} from './cifarSample.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { MNIST_FILE_NAME, MNIST_NAME, MNIST_URL } from './mnist.ts';
import { DEFAULT_NUM_VAL } from './split.ts';

/** The datasets the app carries, as assets of its own origin, fetched only when chosen. */
export const BUILT_IN_DATASET_IDS = ['cifar-sample', 'mnist'] as const;
export type BuiltInDatasetId = (typeof BUILT_IN_DATASET_IDS)[number];

export interface BuiltInDataset {
  id: BuiltInDatasetId;
  /** As the UI names it, and as RawDataset.name once loaded. */
  name: string;
  /** Its files, fetched together; `url` is relative to the page, `expectedBytes` shown until the server says. */
  files: readonly { fileName: string; url: string; expectedBytes?: number }[];
  /** The most training examples a split can take (validation comes from the test images or the rest of the pool). */
  maxTrain: number;
}

export const BUILT_IN_DATASETS: Record<BuiltInDatasetId, BuiltInDataset> = {
  'cifar-sample': {
    id: 'cifar-sample',
    name: CIFAR_SAMPLE_NAME,
    maxTrain: CIFAR_SAMPLE_TRAIN,
    files: CIFAR_SAMPLE_PARTS.map((part) => ({
      fileName: CIFAR_SAMPLE_FILES[part],
      url: cifarSampleUrl(part),
      expectedBytes: CIFAR_SAMPLE_DIGESTS[part].archive.bytes,
    })),
  },
  // 10,000 digits, of which validation takes DEFAULT_NUM_VAL.
  mnist: {
    id: 'mnist',
    name: MNIST_NAME,
    maxTrain: 10_000 - DEFAULT_NUM_VAL,
    files: [{ fileName: MNIST_FILE_NAME, url: MNIST_URL }],
  },
};

export function isBuiltInDataset(id: string): id is BuiltInDatasetId {
  return (BUILT_IN_DATASET_IDS as readonly string[]).includes(id);
}
