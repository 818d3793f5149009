import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCifarSampleTar, sha256Hex } from '../build/cifarSampleBuild.ts';
import { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES } from './cifar10.ts';
import { CIFAR_SAMPLE_NAME, CIFAR_SAMPLE_URL } from './cifarSample.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { loadBuiltInDataset } from './loadBuiltIn.ts';
import { parseCifarSample } from './loadCifarSample.ts';
import type { ImageRecords } from './types.ts';

const ASSET = new Uint8Array(readFileSync(new URL(`../../public/${CIFAR_SAMPLE_URL}`, import.meta.url)));
const SHARED = new URL('../../../shared/data/cifar10/', import.meta.url);
const haveShared = existsSync(new URL('train_1000.bin', SHARED)) && existsSync(new URL('val_1000.bin', SHARED));
const shared = (name: string) => new Uint8Array(readFileSync(new URL(name, SHARED)));
if (!haveShared) console.log(`${SHARED.pathname} is absent: the sample is not compared with the shared CIFAR-10 files.`);

/** The records as the official file lays them out: a label byte, then the 3,072 pixel bytes. */
function asRecordFile(records: ImageRecords): Uint8Array {
  const out = new Uint8Array(records.count * CIFAR10_RECORD_BYTES);
  for (let i = 0; i < records.count; i++) {
    out[i * CIFAR10_RECORD_BYTES] = records.labels[i];
    out.set(records.images.subarray(i * 3072, (i + 1) * 3072), i * CIFAR10_RECORD_BYTES + 1);
  }
  return out;
}

afterEach(() => vi.unstubAllGlobals());

describe('the built-in CIFAR-10 sample', () => {
  it('is the file the app was built to check: size and SHA-256', () => {
    expect(ASSET.length).toBe(CIFAR_SAMPLE_DIGESTS.archive.bytes);
    expect(sha256Hex(ASSET)).toBe(CIFAR_SAMPLE_DIGESTS.archive.sha256);
    const tar = gunzipSync(ASSET);
    expect(tar.length).toBe(CIFAR_SAMPLE_DIGESTS.tar.bytes);
    expect(sha256Hex(tar)).toBe(CIFAR_SAMPLE_DIGESTS.tar.sha256);
  });

  it('decodes to 1,000 training and 1,000 test images with labels 0-9, through the reader of the user\'s archives', async () => {
    const dataset = await parseCifarSample(ASSET);
    expect(dataset.name).toBe(CIFAR_SAMPLE_NAME);
    expect(dataset.kind).toBe('cifar10');
    expect(dataset.imageShape).toEqual([3, 32, 32]);
    expect(dataset.classNames).toEqual(CIFAR10_CLASSES);
    expect(dataset.train.count).toBe(1000);
    expect(dataset.test?.count).toBe(1000);
    for (const records of [dataset.train, dataset.test!]) {
      const histogram = new Array(10).fill(0);
      for (const label of records.labels) histogram[label]++;
      expect(histogram.every((n) => n > 50)).toBe(true);
      expect(histogram.reduce((a, b) => a + b)).toBe(1000);
    }
    // CIFAR-10's first labels, as its README lists them.
    expect([...dataset.train.labels.subarray(0, 10)]).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect([...dataset.test!.labels.subarray(0, 10)]).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
  });

  it.skipIf(!haveShared)('holds exactly the bytes of the shared train_1000.bin and val_1000.bin, and rebuilds the same archive', async () => {
    const dataset = await parseCifarSample(ASSET);
    const [train, val] = [shared('train_1000.bin'), shared('val_1000.bin')];
    expect(Buffer.from(asRecordFile(dataset.train)).equals(train)).toBe(true);
    expect(Buffer.from(asRecordFile(dataset.test!)).equals(val)).toBe(true);
    expect(Buffer.from(buildCifarSampleTar(train, val)).equals(gunzipSync(ASSET))).toBe(true);
  });

  it('is also accepted when a server decompressed it on the way (Content-Encoding: gzip)', async () => {
    const dataset = await parseCifarSample(new Uint8Array(gunzipSync(ASSET)));
    expect(dataset.train.count + dataset.test!.count).toBe(2000);
  });

  it('a damaged copy is refused with a message that says so', async () => {
    const flipped = ASSET.slice();
    flipped[3_000_000] ^= 0x40;
    await expect(parseCifarSample(flipped)).rejects.toThrow(
      'The built-in CIFAR-10 sample (data/cifar-10-sample.tgz) is damaged: its SHA-256 checksum does not match the one the app was built with.',
    );
    await expect(parseCifarSample(ASSET.subarray(0, 1_000_000))).rejects.toThrow(/is damaged: it is 1,000,000 bytes instead of 5,724,675/);
    await expect(parseCifarSample(new TextEncoder().encode('<!doctype html><html></html>'))).rejects.toThrow(/is damaged: it is 28 bytes/);
  });

  it('without SubtleCrypto (a page served over plain http), gzip\'s checksum still catches a damaged copy', async () => {
    vi.stubGlobal('crypto', {});
    const flipped = ASSET.slice();
    flipped[3_000_000] ^= 0x40;
    await expect(parseCifarSample(flipped)).rejects.toThrow(/is damaged: .*(could not be decompressed|label byte)/);
    expect((await parseCifarSample(ASSET)).train.count).toBe(1000);
  });

  it('a copy with the right checksum but the wrong number of images is refused (checked after reading)', async () => {
    const half = buildCifarSampleTar(shared0(1000), shared0(1000)).slice();
    // Digests of this very tar, so only the record count check can refuse it: drop the test batch by renaming it.
    const renamed = new TextDecoder('latin1').decode(half).replace('test_batch.bin', 'test_batch.txt');
    const bytes = Uint8Array.from(renamed, (c) => c.charCodeAt(0));
    fixTarChecksums(bytes);
    const digests = { archive: CIFAR_SAMPLE_DIGESTS.archive, tar: { bytes: bytes.length, sha256: sha256Hex(bytes) } };
    await expect(parseCifarSample(bytes, digests)).rejects.toThrow(/is damaged: it holds 1,000 training and 0 test images instead of 1,000 and 1,000/);
  });

  it('is fetched as the built-in dataset "cifar-sample"; a failed download names the file and the reason', async () => {
    const fetchImpl = (async (url: string) =>
      url.endsWith(CIFAR_SAMPLE_URL) ? new Response(ASSET as Uint8Array<ArrayBuffer>) : new Response('no', { status: 404, statusText: 'Not Found' })) as unknown as typeof fetch;
    const progress: number[] = [];
    const dataset = await loadBuiltInDataset('cifar-sample', `http://x/${CIFAR_SAMPLE_URL}`, { fetchImpl, onProgress: (p) => progress.push(p.bytesRead) });
    expect(dataset.train.count).toBe(1000);
    expect(progress.at(-1)).toBe(ASSET.length);
    await expect(loadBuiltInDataset('cifar-sample', 'http://x/elsewhere', { fetchImpl })).rejects.toThrow(
      'Could not download cifar-10-sample.tgz from http://x/elsewhere: the server answered 404 Not Found.',
    );
  });
});

/** Records with label (i % 10) and pixels (i + j) mod 256. */
function shared0(count: number): Uint8Array {
  const out = new Uint8Array(count * CIFAR10_RECORD_BYTES);
  for (let i = 0; i < count; i++) {
    out[i * CIFAR10_RECORD_BYTES] = i % 10;
    for (let j = 1; j < CIFAR10_RECORD_BYTES; j++) out[i * CIFAR10_RECORD_BYTES + j] = (i + j) & 255;
  }
  return out;
}

/** Recomputes every ustar header checksum after a header was edited in place. */
function fixTarChecksums(tar: Uint8Array): void {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    const size = parseInt(new TextDecoder().decode(header.subarray(124, 135)), 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}
