import { plainMessage, type Message } from '../core/message.ts';

export type DatasetKind = 'mnist' | 'cifar10';

/** Raw images as bytes, one record per image, channel-major (C, H, W), values 0-255. */
export interface ImageRecords {
  /** count * C * H * W bytes. */
  images: Uint8Array;
  /** count class indices. */
  labels: Uint8Array;
  count: number;
}

export interface RawDataset {
  kind: DatasetKind;
  /** For display, e.g. 'MNIST (built-in)', 'CIFAR-10 (data_batch_1.bin, test_batch.bin)'. */
  name: string;
  /** [C, H, W]: [1, 28, 28] or [3, 32, 32]. */
  imageShape: [number, number, number];
  classNames: string[];
  /** MNIST: the whole 10,000-image pool. CIFAR-10: the training batches in order. */
  train: ImageRecords;
  /** CIFAR-10 test batch if given; null for MNIST or when no test batch was given. */
  test: ImageRecords | null;
}

/** A file the user gave (or we fetched) that we cannot use; the message says why in plain words. */
export class DatasetError extends Error {
  readonly fileName: string;
  /** The same, as a code and parameters the UI words in the reader's language. */
  readonly detail: Message;

  constructor(fileName: string, why: string | Message) {
    const detail = typeof why === 'string' ? plainMessage(why) : why;
    super(detail.text);
    this.name = 'DatasetError';
    this.fileName = fileName;
    this.detail = detail;
  }
}
