import {
  LabeledRecordCollector,
  parseLabeledRecords,
  recordBytes,
  type CollectorOptions,
  type RecordFormat,
} from './labeledRecords.ts';
import type { ImageRecords } from './types.ts';

/** Class names in label order, as in the dataset's batches.meta.txt. */
export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

export const CIFAR10_FORMAT: RecordFormat = { datasetName: 'CIFAR-10', imageShape: [3, 32, 32], numClasses: 10 };

/** 3073: a label byte, then 1024 red, 1024 green and 1024 blue bytes (each 32x32, row-major). */
export const CIFAR10_RECORD_BYTES = recordBytes(CIFAR10_FORMAT);

/** Parses a whole CIFAR-10 binary batch held in memory; throws DatasetError on a bad file. */
export function parseCifarBatch(bytes: Uint8Array, fileName: string): ImageRecords {
  return parseLabeledRecords(bytes, fileName, CIFAR10_FORMAT);
}

/** Streams a CIFAR-10 batch in chunks of any size, keeping at most `maxRecords` images. */
export class CifarRecordCollector extends LabeledRecordCollector {
  constructor(fileName: string, options: CollectorOptions = {}) {
    super(CIFAR10_FORMAT, fileName, options);
  }
}
