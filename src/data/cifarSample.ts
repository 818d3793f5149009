/**
 * The built-in CIFAR-10 sample: the first 1,000 training and 1,000 test images of CIFAR-10
 * (Krizhevsky, 2009), shipped as two archives in the layout of the official
 * cifar-10-binary.tar.gz (one batch each, so no file is over 3 MB). Built by
 * src/build/cifarSampleBuild.ts. Light on purpose (names and numbers only): the main thread
 * imports it; the reader runs in the data worker.
 */

export const CIFAR_SAMPLE_NAME = 'CIFAR-10 sample (built-in)';
export const CIFAR_SAMPLE_TRAIN = 1000;
export const CIFAR_SAMPLE_TEST = 1000;

export const CIFAR_SAMPLE_PARTS = ['train', 'test'] as const;
export type CifarSamplePart = (typeof CIFAR_SAMPLE_PARTS)[number];

export const CIFAR_SAMPLE_FILES: Record<CifarSamplePart, string> = {
  train: 'cifar-10-sample-train.tgz',
  test: 'cifar-10-sample-test.tgz',
};

/** Relative on purpose, so it works under any base path; resolve it against the page, not a worker script. */
export const cifarSampleUrl = (part: CifarSamplePart): string => `data/${CIFAR_SAMPLE_FILES[part]}`;

/** Archive members, named as in the official archive (README.txt holds the provenance). */
export const CIFAR_SAMPLE_MEMBERS = {
  readme: 'cifar-10-batches-bin/README.txt',
  meta: 'cifar-10-batches-bin/batches.meta.txt',
  train: 'cifar-10-batches-bin/data_batch_1.bin',
  test: 'cifar-10-batches-bin/test_batch.bin',
} as const;

export interface AssetDigest {
  bytes: number;
  sha256: string;
}

/** Per archive: the file as served, and the same after a server decompressed it on the way (Content-Encoding: gzip). */
export type CifarSampleDigests = Record<CifarSamplePart, { archive: AssetDigest; tar: AssetDigest }>;
