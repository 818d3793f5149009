import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.ts';
import { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES, CifarRecordCollector, parseCifarBatch } from './cifar10.ts';
import { concatBytes } from './tarWriter.ts';
import { makeRecords } from './testing/byteFixtures.ts';
import { DatasetError, type ImageRecords } from './types.ts';

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

function errorOf(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

/** Feeds `bytes` to a collector in chunks whose sizes cycle through `sizes`. */
function collectInChunks(bytes: Uint8Array, sizes: number[], maxRecords?: number): ImageRecords {
  const collector = new CifarRecordCollector('chunks.bin', { maxRecords });
  for (let at = 0, turn = 0; at < bytes.length; turn++) {
    const size = sizes[turn % sizes.length];
    collector.push(bytes.subarray(at, at + size));
    at += size;
  }
  return collector.finish();
}

describe('parseCifarBatch', () => {
  it('has the ten classes in label order and 3073-byte records', () => {
    expect(CIFAR10_CLASSES).toEqual([
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
    ]);
    expect(CIFAR10_RECORD_BYTES).toBe(3073);
  });

  it('splits valid records into labels and channel-major pixels', () => {
    const bytes = makeRecords([6, 9, 0]);
    const records = parseCifarBatch(bytes, 'data_batch_1.bin');
    expect(records.count).toBe(3);
    expect([...records.labels]).toEqual([6, 9, 0]);
    expect(records.images.length).toBe(3 * 3072);
    expect(records.images[0]).toBe(bytes[1]);
    expect(records.images[3072 + 1024]).toBe(bytes[3073 + 1 + 1024]); // image 1, first green byte
    expect(records.images[2 * 3072 + 3071]).toBe(bytes[3 * 3073 - 1]);
  });

  it('refuses an empty file', () => {
    expect(errorOf(() => parseCifarBatch(new Uint8Array(0), 'data_batch_1.bin')).message).toBe(
      'data_batch_1.bin is empty (0 bytes).',
    );
  });

  it('refuses a size that is not a whole number of records, saying the size and the record size', () => {
    const error = errorOf(() => parseCifarBatch(makeRecords([1, 2]).subarray(0, 6000), 'data_batch_2.bin'));
    expect(error.fileName).toBe('data_batch_2.bin');
    expect(error.message).toContain('6,000 bytes');
    expect(error.message).toContain('3,073-byte CIFAR-10 records');
  });

  it('refuses a label above 9, naming the record', () => {
    const error = errorOf(() => parseCifarBatch(makeRecords([1, 2, 10, 3]), 'test_batch.bin'));
    expect(error.message).toContain('record 3 (at byte 6,146)');
    expect(error.message).toContain('is 10, but CIFAR-10 labels are 0-9');
  });

  it('says a PNG renamed .bin looks like a PNG image', () => {
    const png = new Uint8Array(3073 * 2);
    png.set(PNG_HEADER);
    expect(errorOf(() => parseCifarBatch(png, 'data_batch_1.bin')).message).toMatch(
      /^data_batch_1\.bin is not a CIFAR-10 binary file: it looks like a PNG image/,
    );
    // A short PNG fails on its size first, and still says what it looks like.
    expect(errorOf(() => parseCifarBatch(png.subarray(0, 100), 'x.bin')).message).toContain('looks like a PNG image');
  });

  it('says a text file, an HTML page or a gzip file renamed .bin looks like one', () => {
    const text = new TextEncoder().encode('label,r,g,b\n'.repeat(600));
    expect(errorOf(() => parseCifarBatch(text, 'data_batch_1.bin')).message).toContain('it looks like a text file');
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>');
    expect(errorOf(() => parseCifarBatch(html, 'data_batch_1.bin')).message).toContain('an HTML page');
    const gz = new Uint8Array(3073);
    gz.set([0x1f, 0x8b, 8, 0]);
    expect(errorOf(() => parseCifarBatch(gz, 'data_batch_1.bin')).message).toContain('a gzip-compressed file');
    const pickle = new Uint8Array(3073);
    pickle.set([0x80, 0x02, 0x7d]);
    expect(errorOf(() => parseCifarBatch(pickle, 'data_batch_1.bin')).message).toContain('python version');
  });

  it('does not call a real image "text" even when its pixel bytes are printable', () => {
    const grey = makeRecords([3, 4], 3072, () => 100); // 'd' everywhere
    expect(parseCifarBatch(grey, 'grey.bin').count).toBe(2);
  });
});

describe('CifarRecordCollector', () => {
  const bytes = makeRecords([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  const whole = parseCifarBatch(bytes, 'whole.bin');

  it.each([[[1]], [[7]], [[3072]], [[3073]], [[3074]], [[511, 1, 9000]], [[100000]]])(
    'gives the same records for chunks of sizes %j',
    (sizes) => {
      expect(collectInChunks(bytes, sizes)).toEqual(whole);
    },
  );

  it('gives the same records for seeded random chunk sizes', () => {
    const rng = createRng('chunks');
    const sizes = Array.from({ length: 50 }, () => 1 + rng.randint(5000));
    expect(collectInChunks(bytes, sizes)).toEqual(whole);
  });

  it('keeps only maxRecords but still validates the rest', () => {
    const stored = collectInChunks(bytes, [4000], 5);
    expect(stored.count).toBe(5);
    expect([...stored.labels]).toEqual([0, 1, 2, 3, 4]);
    expect(stored.images).toEqual(whole.images.subarray(0, 5 * 3072));
    const bad = concatBytes([bytes, makeRecords([11])]);
    expect(() => collectInChunks(bad, [4000], 5)).toThrow(/record 13 .* is 11/);
  });

  it('fails on the first chunk when the announced size is wrong', () => {
    const collector = new CifarRecordCollector('big.bin', { expectedBytes: 3073 * 3 + 1 });
    expect(() => collector.push(bytes.subarray(0, 10))).toThrow(/9,220 bytes/);
  });

  it('reports a file cut mid-record when it finishes', () => {
    const collector = new CifarRecordCollector('cut.bin');
    collector.push(bytes.subarray(0, 3073 + 10));
    expect(() => collector.finish()).toThrow(/3,083 bytes, is not a whole number/);
  });
});
