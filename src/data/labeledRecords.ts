import { message } from '../core/message.ts';
import { looksLike, looksLikeParams } from './fileSniff.ts';
import { DatasetError, type ImageRecords } from './types.ts';

/**
 * The record layout CIFAR-10's binary version uses, shared by our built-in MNIST file:
 * one label byte, then the image's C*H*W pixel bytes, channel-major. No header.
 */
export interface RecordFormat {
  /** Used in messages, e.g. 'CIFAR-10'. */
  datasetName: string;
  imageShape: [number, number, number];
  numClasses: number;
}

export function pixelsPerImage(format: RecordFormat): number {
  const [c, h, w] = format.imageShape;
  return c * h * w;
}

export function recordBytes(format: RecordFormat): number {
  return 1 + pixelsPerImage(format);
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export interface CollectorOptions {
  /** Records beyond this many are validated but not stored, so a huge file never sits in memory. */
  maxRecords?: number;
  /** The file's size when known up front: lets a wrong size fail on the first chunk. */
  expectedBytes?: number;
  /** How messages name the data, e.g. an archive member 'x/data_batch_1.bin (in a.tar.gz)'; default fileName. */
  displayName?: string;
}

const HEAD_BYTES = 512;
const INITIAL_CAPACITY = 1024;

/** Accepts a file's bytes in chunks of any size and keeps up to `maxRecords` validated records. */
export class LabeledRecordCollector {
  readonly format: RecordFormat;
  /** The file the user gave, reported as DatasetError.fileName. */
  readonly fileName: string;
  readonly displayName: string;
  readonly maxRecords: number;
  private readonly expectedBytes: number | undefined;
  private readonly recordSize: number;
  private readonly pixelCount: number;
  private readonly head = new Uint8Array(HEAD_BYTES);
  private headFill = 0;
  private readonly pending: Uint8Array;
  private pendingFill = 0;
  private images: Uint8Array;
  private labels: Uint8Array;
  private stored = 0;
  /** Records validated so far, stored or not. */
  recordsSeen = 0;
  bytesSeen = 0;

  constructor(format: RecordFormat, fileName: string, options: CollectorOptions = {}) {
    this.format = format;
    this.fileName = fileName;
    this.displayName = options.displayName ?? fileName;
    this.maxRecords = options.maxRecords ?? Infinity;
    this.expectedBytes = options.expectedBytes;
    this.recordSize = recordBytes(format);
    this.pixelCount = pixelsPerImage(format);
    this.pending = new Uint8Array(this.recordSize);
    const hinted =
      this.expectedBytes !== undefined ? Math.floor(this.expectedBytes / this.recordSize) : INITIAL_CAPACITY;
    const capacity = Math.max(0, Math.min(this.maxRecords, hinted));
    this.images = new Uint8Array(capacity * this.pixelCount);
    this.labels = new Uint8Array(capacity);
  }

  get storedCount(): number {
    return this.stored;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const first = this.bytesSeen === 0;
    this.captureHead(chunk);
    this.bytesSeen += chunk.length;
    if (first && this.expectedBytes !== undefined) this.checkSize(this.expectedBytes);
    let pos = 0;
    if (this.pendingFill > 0) {
      const take = Math.min(this.recordSize - this.pendingFill, chunk.length);
      this.pending.set(chunk.subarray(0, take), this.pendingFill);
      this.pendingFill += take;
      pos = take;
      if (this.pendingFill < this.recordSize) return;
      this.acceptRecord(this.pending, 0);
      this.pendingFill = 0;
    }
    for (; pos + this.recordSize <= chunk.length; pos += this.recordSize) this.acceptRecord(chunk, pos);
    if (pos < chunk.length) {
      this.pending.set(chunk.subarray(pos));
      this.pendingFill = chunk.length - pos;
    }
  }

  finish(): ImageRecords {
    if (this.bytesSeen === 0) throw this.empty();
    this.checkSize(this.bytesSeen);
    return this.trimmed();
  }

  /** The stored records when the caller stopped reading on purpose after `maxRecords` (no end-of-file size check). */
  finishEarly(): ImageRecords {
    if (this.bytesSeen === 0) throw this.empty();
    return this.trimmed();
  }

  private empty(): DatasetError {
    return new DatasetError(
      this.fileName,
      message('fileEmpty', { name: this.displayName }, `${this.displayName} is empty (0 bytes).`),
    );
  }

  private trimmed(): ImageRecords {
    const count = this.stored;
    // Exact-size buffers, so the caller can transfer them without dragging spare capacity along.
    const images =
      this.images.length === count * this.pixelCount ? this.images : this.images.slice(0, count * this.pixelCount);
    const labels = this.labels.length === count ? this.labels : this.labels.slice(0, count);
    return { images, labels, count };
  }

  private captureHead(chunk: Uint8Array): void {
    if (this.headFill >= HEAD_BYTES) return;
    const take = Math.min(HEAD_BYTES - this.headFill, chunk.length);
    this.head.set(chunk.subarray(0, take), this.headFill);
    this.headFill += take;
  }

  private checkSize(size: number): void {
    if (size % this.recordSize === 0) return;
    const { datasetName } = this.format;
    this.fail(
      'recordsSize',
      { size: formatCount(size), recordSize: formatCount(this.recordSize), pixels: formatCount(this.pixelCount) },
      `its size, ${formatCount(size)} bytes, is not a whole number of ${formatCount(this.recordSize)}-byte ${datasetName} records ` +
        `(1 label byte + ${formatCount(this.pixelCount)} pixel bytes each)`,
      'recordsSizeCause',
      'it may be truncated, or not a ' + datasetName + ' binary file',
    );
  }

  private acceptRecord(buf: Uint8Array, at: number): void {
    const label = buf[at];
    if (label >= this.format.numClasses) this.badLabel(label);
    if (this.stored < this.maxRecords) {
      this.ensureCapacity(this.stored + 1);
      this.labels[this.stored] = label;
      this.images.set(buf.subarray(at + 1, at + this.recordSize), this.stored * this.pixelCount);
      this.stored++;
    }
    this.recordsSeen++;
  }

  private badLabel(label: number): never {
    const { datasetName, numClasses } = this.format;
    const index = this.recordsSeen;
    const where =
      index === 0
        ? 'the first record'
        : `record ${formatCount(index + 1)} (at byte ${formatCount(index * this.recordSize)})`;
    return this.fail(
      'recordsLabel',
      {
        first: index === 0 ? 'yes' : 'no',
        record: formatCount(index + 1),
        byte: formatCount(index * this.recordSize),
        label: String(label),
        maxLabel: String(numClasses - 1),
      },
      `the label byte of ${where} is ${label}, but ${datasetName} labels are 0-${numClasses - 1}`,
      'recordsLabelCause',
      `the file is corrupted or not a ${datasetName} binary file`,
    );
  }

  /** Throws a message that says what the file looks like when we can tell, else the likely cause. */
  private fail(
    problemCode: string,
    problemParams: Record<string, string>,
    problem: string,
    causeCode: string,
    likelyCause: string,
  ): never {
    const guess = looksLike(this.head.subarray(0, this.headFill));
    const text = guess
      ? `${this.displayName} is not a ${this.format.datasetName} binary file: it looks like ${guess.text} (${problem}).`
      : `${this.displayName}: ${problem}; ${likelyCause}.`;
    const params = {
      ...problemParams,
      name: this.displayName,
      format: this.format.datasetName,
      problemCode,
      causeCode,
      ...looksLikeParams(guess),
    };
    throw new DatasetError(this.fileName, message('badRecords', params, text));
  }

  private ensureCapacity(records: number): void {
    if (records <= this.labels.length) return;
    const capacity = Math.min(this.maxRecords, Math.max(records, this.labels.length * 2, INITIAL_CAPACITY));
    const images = new Uint8Array(capacity * this.pixelCount);
    images.set(this.images);
    const labels = new Uint8Array(capacity);
    labels.set(this.labels);
    this.images = images;
    this.labels = labels;
  }
}

/** Validates and splits a whole file held in memory. */
export function parseLabeledRecords(bytes: Uint8Array, fileName: string, format: RecordFormat): ImageRecords {
  const collector = new LabeledRecordCollector(format, fileName, { expectedBytes: bytes.length });
  collector.push(bytes);
  return collector.finish();
}
