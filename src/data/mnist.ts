import { parseLabeledRecords, recordBytes, type RecordFormat } from './labeledRecords.ts';
import type { RawDataset } from './types.ts';

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const MNIST_FORMAT: RecordFormat = { datasetName: 'MNIST', imageShape: [1, 28, 28], numClasses: 10 };

/** 785: a label byte, then 28x28 grey pixels, row-major (the CIFAR-10 record layout with one channel). */
export const MNIST_RECORD_BYTES = recordBytes(MNIST_FORMAT);

export const MNIST_FILE_NAME = 'mnist-10k.bin';
export const MNIST_NAME = 'MNIST (built-in)';

/** Relative on purpose, so it works under any base path; resolve it against the page, not a worker script. */
export const MNIST_URL = `data/${MNIST_FILE_NAME}`;

/** Parses the built-in MNIST file (see src/build/mnistBuild.ts); throws DatasetError on a bad file. */
export function parseMnistBinary(bytes: Uint8Array, fileName = MNIST_FILE_NAME): RawDataset {
  return {
    kind: 'mnist',
    name: MNIST_NAME,
    imageShape: [...MNIST_FORMAT.imageShape],
    classNames: [...MNIST_CLASSES],
    train: parseLabeledRecords(bytes, fileName, MNIST_FORMAT),
    test: null,
  };
}
