import { describe, expect, it } from 'vitest';
import { loadCifarFiles, type CifarFileSource, type LoadProgress } from './loadCifar.ts';
import { buildTar } from './tarWriter.ts';
import { fileSource, gzipBytes, makeRecords } from './testing/byteFixtures.ts';
import { rejection } from './testing/datasetRejection.ts';
import type { RawDataset } from './types.ts';

/** Batch n holds labels n, n+1, n+2 (mod 10) so the order of batches shows in the labels. */
const batch = (n: number, count = 3): Uint8Array =>
  makeRecords(
    Array.from({ length: count }, (_, i) => (n + i) % 10),
    3072,
    (i, j) => (n * 50 + i * 3 + j) % 256,
  );
const TEST_BATCH = makeRecords([9, 8, 7, 6]);

const labels = (dataset: RawDataset, split: 'train' | 'test' = 'train'): number[] => [
  ...(dataset[split]?.labels ?? []),
];

function officialArchive(
  order: number[],
  extra: { name: string; data?: Uint8Array; type?: '0' | '5' }[] = [],
): Uint8Array {
  return buildTar([
    { name: 'cifar-10-batches-bin/', type: '5' },
    ...order.map((n) => ({ name: `cifar-10-batches-bin/data_batch_${n}.bin`, data: batch(n) })),
    { name: 'cifar-10-batches-bin/batches.meta.txt', data: new TextEncoder().encode('airplane\nautomobile\n') },
    { name: 'cifar-10-batches-bin/test_batch.bin', data: TEST_BATCH },
    ...extra,
  ]);
}

describe('loadCifarFiles with .bin files', () => {
  it('uses data_batch_1..N in numeric order whatever order the files come in, and the test batch', async () => {
    const files = [
      fileSource('test_batch.bin', TEST_BATCH),
      fileSource('data_batch_3.bin', batch(3), [1000]),
      fileSource('data_batch_1.bin', batch(1)),
      fileSource('data_batch_2.bin', batch(2), [7]),
    ];
    const dataset = await loadCifarFiles(files);
    expect(dataset.kind).toBe('cifar10');
    expect(dataset.imageShape).toEqual([3, 32, 32]);
    expect(dataset.classNames[0]).toBe('airplane');
    expect(dataset.name).toBe('CIFAR-10 (data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, test_batch.bin)');
    expect(dataset.train.count).toBe(9);
    expect(labels(dataset)).toEqual([1, 2, 3, 2, 3, 4, 3, 4, 5]);
    expect(dataset.train.images.subarray(3 * 3072, 4 * 3072)).toEqual(batch(2).subarray(1, 3073));
    expect(labels(dataset, 'test')).toEqual([9, 8, 7, 6]);
  });

  it('caps the training pool at maxTrain, keeping the first batches', async () => {
    const files = [3, 2, 1].map((n) => fileSource(`data_batch_${n}.bin`, batch(n)));
    const dataset = await loadCifarFiles(files, { maxTrain: 4, maxTest: 2 });
    expect(labels(dataset)).toEqual([1, 2, 3, 2]);
    expect(dataset.train.images.length).toBe(4 * 3072);
    expect(dataset.test).toBeNull();
  });

  it('accepts other .bin names: "test"/"val" means the test batch, else training', async () => {
    const dataset = await loadCifarFiles([
      fileSource('val_1000.bin', TEST_BATCH),
      fileSource('train_1000.bin', batch(5)),
    ]);
    expect(labels(dataset)).toEqual([5, 6, 7]);
    expect(labels(dataset, 'test')).toEqual([9, 8, 7, 6]);
  });

  it('ignores batches.meta.txt and readme.html from the same download', async () => {
    const meta = fileSource('batches.meta.txt', new TextEncoder().encode('airplane\n'));
    const dataset = await loadCifarFiles([meta, fileSource('data_batch_1.bin', batch(1))]);
    expect(dataset.name).toBe('CIFAR-10 (data_batch_1.bin)');
  });

  it('reports progress, ending at each file size', async () => {
    const seen: LoadProgress[] = [];
    await loadCifarFiles([fileSource('data_batch_1.bin', batch(1, 400))], { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ fileName: 'data_batch_1.bin', bytesRead: 400 * 3073, totalBytes: 400 * 3073 });
  });

  it('refuses a test batch alone', async () => {
    const error = await rejection(loadCifarFiles([fileSource('test_batch.bin', TEST_BATCH)]));
    expect(error.message).toMatch(
      /^Only a test batch was given: test_batch\.bin\. Training needs at least one training batch/,
    );
  });

  it('refuses files that are not CIFAR-10 batches, saying why', async () => {
    expect((await rejection(loadCifarFiles([fileSource('cat.png', new Uint8Array(8))]))).message).toMatch(
      /^cat\.png is not a CIFAR-10 file/,
    );
    expect((await rejection(loadCifarFiles([fileSource('data_batch_1', new Uint8Array(8))]))).message).toContain(
      'python version',
    );
    const png = batch(1);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await rejection(loadCifarFiles([fileSource('data_batch_1.bin', png)]))).message).toContain(
      'looks like a PNG image',
    );
    expect((await rejection(loadCifarFiles([fileSource('data_batch_1.bin', new Uint8Array(0))]))).message).toBe(
      'data_batch_1.bin is empty (0 bytes).',
    );
    expect((await rejection(loadCifarFiles([]))).message).toMatch(/^No files were chosen/);
  });

  it('refuses the same batch twice', async () => {
    const error = await rejection(
      loadCifarFiles([fileSource('data_batch_1.bin', batch(1)), fileSource('data_batch_1.bin', batch(1))]),
    );
    expect(error.message).toContain('data_batch_1.bin was given twice');
  });

  it('refuses a single .bin over the size limit without reading it', async () => {
    let opened = false;
    const huge: CifarFileSource = {
      name: 'data_batch_1.bin',
      size: 300 * 1024 * 1024,
      stream: () => {
        opened = true;
        return new ReadableStream();
      },
    };
    const error = await rejection(loadCifarFiles([huge]));
    expect(error.message).toBe(
      'data_batch_1.bin is 300.0 MB; a single .bin file may be at most 200 MB (a CIFAR-10 batch is about 29 MB).',
    );
    expect(opened).toBe(false);
  });

  it('refuses bad limits', async () => {
    await expect(loadCifarFiles([fileSource('data_batch_1.bin', batch(1))], { maxTrain: 0 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('loadCifarFiles with the archive', () => {
  const expected = async (): Promise<RawDataset> =>
    loadCifarFiles(
      [1, 2, 3, 4, 5]
        .map((n) => fileSource(`data_batch_${n}.bin`, batch(n)))
        .concat(fileSource('test_batch.bin', TEST_BATCH)),
    );

  it('reads cifar-10-binary.tar.gz, batches in numeric order though the archive is not sorted', async () => {
    const gz = await gzipBytes(
      officialArchive([1, 3, 4, 5, 2], [{ name: 'cifar-10-batches-bin/readme.html', data: new Uint8Array(10) }]),
    );
    const dataset = await loadCifarFiles([fileSource('cifar-10-binary.tar.gz', gz, [333, 4096])]);
    const reference = await expected();
    expect(dataset.name).toBe('CIFAR-10 (cifar-10-binary.tar.gz)');
    expect(dataset.train).toEqual(reference.train);
    expect(dataset.test).toEqual(reference.test);
  });

  it('caps an unsorted archive at maxTrain from data_batch_1 on', async () => {
    const gz = await gzipBytes(officialArchive([5, 3, 2, 1, 4]));
    const dataset = await loadCifarFiles([fileSource('cifar-10-binary.tar.gz', gz)], { maxTrain: 5 });
    expect(labels(dataset)).toEqual([1, 2, 3, 2, 3]);
    expect(dataset.train.images.length).toBe(5 * 3072);
  });

  it('also reads an uncompressed .tar (some browsers unpack downloads)', async () => {
    const dataset = await loadCifarFiles([fileSource('cifar-10-binary.tar', officialArchive([1, 2, 3, 4, 5]))]);
    expect(dataset.train).toEqual((await expected()).train);
  });

  it('refuses an archive with none of the batch files', async () => {
    const gz = await gzipBytes(buildTar([{ name: 'photos/cat.png', data: new Uint8Array(100) }]));
    const error = await rejection(loadCifarFiles([fileSource('photos.tar.gz', gz)]));
    expect(error.fileName).toBe('photos.tar.gz');
    expect(error.message).toBe(
      'photos.tar.gz contains none of the CIFAR-10 batch files (data_batch_1.bin … data_batch_5.bin, test_batch.bin).',
    );
  });

  it('recognises the python version of the archive', async () => {
    const gz = await gzipBytes(
      buildTar([{ name: 'cifar-10-batches-py/data_batch_1', data: new Uint8Array([0x80, 2]) }]),
    );
    expect((await rejection(loadCifarFiles([fileSource('cifar-10-python.tar.gz', gz)]))).message).toContain(
      'python version',
    );
  });

  it('refuses a truncated or corrupted archive', async () => {
    const gz = await gzipBytes(officialArchive([1, 2, 3, 4, 5]));
    const cut = await rejection(
      loadCifarFiles([fileSource('cifar-10-binary.tar.gz', gz.subarray(0, Math.floor(gz.length * 0.6)))]),
    );
    expect(cut.fileName).toBe('cifar-10-binary.tar.gz');
    const corrupt = gz.slice();
    corrupt[Math.floor(gz.length / 2)] ^= 0x55;
    expect((await rejection(loadCifarFiles([fileSource('cifar-10-binary.tar.gz', corrupt)]))).fileName).toBe(
      'cifar-10-binary.tar.gz',
    );
  });

  it('names the archive member when a batch inside is bad', async () => {
    const bad = batch(1);
    bad[3073] = 42;
    const gz = await gzipBytes(buildTar([{ name: 'cifar-10-batches-bin/data_batch_1.bin', data: bad }]));
    const error = await rejection(loadCifarFiles([fileSource('cifar-10-binary.tar.gz', gz)]));
    expect(error.message).toContain(
      'cifar-10-batches-bin/data_batch_1.bin (in cifar-10-binary.tar.gz): the label byte of record 2',
    );
  });

  it('refuses a file named .tar.gz that is neither gzip nor tar', async () => {
    const error = await rejection(
      loadCifarFiles([fileSource('cifar-10-binary.tar.gz', new TextEncoder().encode('<html>404</html>'))]),
    );
    expect(error.message).toContain(
      'cifar-10-binary.tar.gz is not a gzip-compressed tar archive: it looks like an HTML page',
    );
  });
});
