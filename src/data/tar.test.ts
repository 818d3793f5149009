import { describe, expect, it } from 'vitest';
import { gunzip } from './gzip.ts';
import { readTarEntries, type TarEntry } from './tar.ts';
import { buildTar, concatBytes, type TarEntrySpec } from './tarWriter.ts';
import { chunkedStream, collect, gzipBytes } from './testing/byteFixtures.ts';
import { rejection } from './testing/datasetRejection.ts';

const bytesOf = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) % 251);
const LONG_DIR = `${'deeply/nested/'.repeat(6)}cifar-10-batches-bin`;

const SPECS: TarEntrySpec[] = [
  { name: 'cifar-10-batches-bin/', type: '5' },
  { name: 'cifar-10-batches-bin/data_batch_1.bin', data: bytesOf(3073 * 2, 1) },
  { name: 'cifar-10-batches-bin/empty.txt', data: new Uint8Array(0) },
  { name: 'cifar-10-batches-bin/exactly512', data: bytesOf(512, 2) },
  { name: `${LONG_DIR}/ustar_prefix.bin`, data: bytesOf(700, 3), longName: 'ustar' },
  { name: `${LONG_DIR}/${'g'.repeat(120)}.bin`, data: bytesOf(1, 4), longName: 'gnu' },
  { name: `${LONG_DIR}/${'p'.repeat(120)}.bin`, data: bytesOf(1025, 5), longName: 'pax' },
];

interface ReadEntry {
  name: string;
  size: number;
  type: TarEntry['type'];
  data: Uint8Array;
}

async function readAll(stream: ReadableStream<Uint8Array>, name = 'test.tar'): Promise<ReadEntry[]> {
  const out: ReadEntry[] = [];
  for await (const entry of readTarEntries(stream, name)) {
    const parts: Uint8Array[] = [];
    for await (const chunk of entry.chunks) parts.push(chunk.slice());
    out.push({ name: entry.name, size: entry.size, type: entry.type, data: concatBytes(parts) });
  }
  return out;
}

function expectEntriesMatch(entries: ReadEntry[]): void {
  expect(entries.map((e) => e.name)).toEqual(SPECS.map((s) => s.name));
  entries.forEach((entry, i) => {
    expect(entry.type).toBe(SPECS[i].type === '5' ? 'directory' : 'file');
    expect(entry.data).toEqual(SPECS[i].data ?? new Uint8Array(0));
    expect(entry.size).toBe(entry.data.length);
  });
}

describe('readTarEntries', () => {
  const tar = buildTar(SPECS);

  it.each([[[1]], [[7, 3]], [[511]], [[512]], [[513]], [[1000, 1, 4096]], [[1 << 20]]])(
    'reads names (ustar prefix, GNU long name, pax path) and contents with chunks of %j bytes',
    async (sizes) => {
      expectEntriesMatch(await readAll(chunkedStream(tar, sizes)));
    },
  );

  it('skips the contents of entries the caller does not read', async () => {
    const names: string[] = [];
    for await (const entry of readTarEntries(chunkedStream(tar, [100]), 't.tar')) names.push(entry.name);
    expect(names).toEqual(SPECS.map((s) => s.name));
  });

  it('ignores an entry read part-way and goes on', async () => {
    const seen: [string, number][] = [];
    for await (const entry of readTarEntries(chunkedStream(tar, [300]), 't.tar')) {
      for await (const chunk of entry.chunks) {
        seen.push([entry.name, chunk.length]);
        break;
      }
    }
    expect(seen.map(([name]) => name)).toEqual(SPECS.filter((s) => (s.data?.length ?? 0) > 0).map((s) => s.name));
  });

  it('cancels the source when the caller stops early', async () => {
    let cancelled = false;
    for await (const entry of readTarEntries(
      chunkedStream(tar, [512], () => (cancelled = true)),
      't.tar',
    )) {
      if (entry.type === 'file') break;
    }
    expect(cancelled).toBe(true);
  });

  it('accepts a single end-of-archive zero block', async () => {
    expectEntriesMatch(await readAll(chunkedStream(buildTar(SPECS, 1))));
  });

  it('reports an archive cut inside an entry', async () => {
    const error = await rejection(readAll(chunkedStream(tar.subarray(0, 2000), [333]), 'cut.tar'));
    expect(error.fileName).toBe('cut.tar');
    expect(error.message).toMatch(/^cut\.tar is incomplete: it ends inside cifar-10-batches-bin\/data_batch_1\.bin/);
  });

  it('reports an archive cut inside a header or missing its end marker', async () => {
    expect((await rejection(readAll(chunkedStream(tar.subarray(0, 700))))).message).toContain(
      'in the middle of a header',
    );
    expect(await rejection(readAll(chunkedStream(buildTar(SPECS, 0))))).toHaveProperty(
      'message',
      expect.stringContaining('without the end-of-archive marker'),
    );
  });

  it('reports a corrupted header by its checksum', async () => {
    const corrupt = tar.slice();
    corrupt[512 + 10] ^= 0x20; // a letter in data_batch_1.bin's header
    expect((await rejection(readAll(chunkedStream(corrupt), 'bad.tar'))).message).toBe(
      'bad.tar is corrupted: the tar header at byte 512 fails its checksum.',
    );
  });

  it('says when the data is not a tar archive at all', async () => {
    expect((await rejection(readAll(chunkedStream(bytesOf(4096, 9)), 'x.tar'))).message).toContain(
      'does not contain a tar archive',
    );
  });
});

describe('gunzip', () => {
  const tar = buildTar(SPECS);

  it('decompresses a tar.gz that the tar reader then reads, with awkward chunk sizes', async () => {
    const gz = await gzipBytes(tar);
    expect(await collect(gunzip(chunkedStream(gz, [1, 5]), 'a.tar.gz'))).toEqual(tar);
    expectEntriesMatch(await readAll(gunzip(chunkedStream(gz, [3, 700]), 'a.tar.gz')));
  });

  it('turns a truncated gzip into a DatasetError', async () => {
    const gz = await gzipBytes(tar);
    for (const cut of [gz.length - 4, Math.floor(gz.length / 2), 20]) {
      const error = await rejection(
        readAll(gunzip(chunkedStream(gz.subarray(0, cut), [64]), 'cut.tar.gz'), 'cut.tar.gz'),
      );
      expect(error.fileName).toBe('cut.tar.gz');
      expect(error.message).toMatch(/cut\.tar\.gz (could not be decompressed|is incomplete)/);
    }
  });

  it('turns a corrupted byte into a DatasetError', async () => {
    const gz = await gzipBytes(tar);
    for (const at of [20, Math.floor(gz.length / 2), gz.length - 6]) {
      const corrupt = gz.slice();
      corrupt[at] ^= 0xff;
      const error = await rejection(readAll(gunzip(chunkedStream(corrupt, [50]), 'bad.tar.gz'), 'bad.tar.gz'));
      expect(error.fileName).toBe('bad.tar.gz');
    }
  });

  it('says when the input is not gzip, and what it looks like', async () => {
    const error = await rejection(collect(gunzip(chunkedStream(tar, [1]), 'plain.tar.gz')));
    expect(error.message).toContain('plain.tar.gz is not gzip-compressed: it looks like an uncompressed tar archive');
    const empty = await rejection(collect(gunzip(chunkedStream(new Uint8Array(0)), 'empty.tar.gz')));
    expect(empty.message).toContain('empty.tar.gz is not gzip-compressed');
  });
});
