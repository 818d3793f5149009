import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCifarSampleTars, sha256Hex } from '../build/cifarSampleBuild.ts';
import { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES } from './cifar10.ts';
import {
  CIFAR_SAMPLE_MEMBERS,
  CIFAR_SAMPLE_NAME,
  CIFAR_SAMPLE_PARTS,
  cifarSampleUrl,
  type CifarSamplePart,
} from './cifarSample.ts';
import { buildTar } from './tarWriter.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { loadBuiltInDataset } from './loadBuiltIn.ts';
import { parseCifarSample } from './loadCifarSample.ts';
import type { ImageRecords } from './types.ts';

const read = (part: CifarSamplePart) =>
  new Uint8Array(readFileSync(new URL(`../../public/${cifarSampleUrl(part)}`, import.meta.url)));
/** The two committed archives, as the app fetches them. */
const ASSET = { train: read('train'), test: read('test') };
const gunzipped = () => ({
  train: new Uint8Array(gunzipSync(ASSET.train)),
  test: new Uint8Array(gunzipSync(ASSET.test)),
});
const SHARED = new URL('../../../shared/data/cifar10/', import.meta.url);
const haveShared = existsSync(new URL('train_1000.bin', SHARED)) && existsSync(new URL('val_1000.bin', SHARED));
const shared = (name: string) => new Uint8Array(readFileSync(new URL(name, SHARED)));
if (!haveShared)
  console.log(`${SHARED.pathname} is absent: the sample is not compared with the shared CIFAR-10 files.`);

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
  it('is the two files the app was built to check: size and SHA-256, each under 4 MB', () => {
    for (const part of CIFAR_SAMPLE_PARTS) {
      expect(ASSET[part].length).toBe(CIFAR_SAMPLE_DIGESTS[part].archive.bytes);
      expect(ASSET[part].length).toBeLessThan(4e6);
      expect(sha256Hex(ASSET[part])).toBe(CIFAR_SAMPLE_DIGESTS[part].archive.sha256);
      const tar = gunzipSync(ASSET[part]);
      expect(tar.length).toBe(CIFAR_SAMPLE_DIGESTS[part].tar.bytes);
      expect(sha256Hex(tar)).toBe(CIFAR_SAMPLE_DIGESTS[part].tar.sha256);
    }
  });

  it("decodes to 1,000 training and 1,000 test images with labels 0-9, through the reader of the user's archives", async () => {
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

  it.skipIf(!haveShared)(
    'holds exactly the bytes of the shared train_1000.bin and val_1000.bin, and rebuilds the same archive',
    async () => {
      const dataset = await parseCifarSample(ASSET);
      const [train, val] = [shared('train_1000.bin'), shared('val_1000.bin')];
      expect(Buffer.from(asRecordFile(dataset.train)).equals(train)).toBe(true);
      expect(Buffer.from(asRecordFile(dataset.test!)).equals(val)).toBe(true);
      const tars = buildCifarSampleTars(train, val);
      for (const part of CIFAR_SAMPLE_PARTS) expect(Buffer.from(tars[part]).equals(gunzipSync(ASSET[part]))).toBe(true);
    },
  );

  it('is also accepted when a server decompressed it on the way (Content-Encoding: gzip)', async () => {
    const dataset = await parseCifarSample(gunzipped());
    expect(dataset.train.count + dataset.test!.count).toBe(2000);
  });

  it('a damaged copy is refused with a message that names the archive at fault', async () => {
    const flipped = ASSET.test.slice();
    flipped[2_000_000] ^= 0x40;
    await expect(parseCifarSample({ ...ASSET, test: flipped })).rejects.toThrow(
      'The built-in CIFAR-10 sample (data/cifar-10-sample-test.tgz) is damaged: its SHA-256 checksum does not match the one the app was built with.',
    );
    await expect(parseCifarSample({ ...ASSET, train: ASSET.train.subarray(0, 1_000_000) })).rejects.toThrow(
      /\(data\/cifar-10-sample-train\.tgz\) is damaged: it is 1,000,000 bytes instead of 2,862,153/,
    );
    await expect(
      parseCifarSample({ ...ASSET, train: new TextEncoder().encode('<!doctype html><html></html>') }),
    ).rejects.toThrow(/is damaged: it is 28 bytes/);
  });

  it("without SubtleCrypto (a page served over plain http), gzip's checksum still catches a damaged copy", async () => {
    vi.stubGlobal('crypto', {});
    const flipped = ASSET.train.slice();
    flipped[2_000_000] ^= 0x40;
    await expect(parseCifarSample({ ...ASSET, train: flipped })).rejects.toThrow(
      /is damaged: .*(could not be decompressed|label byte)/,
    );
    expect((await parseCifarSample(ASSET)).train.count).toBe(1000);
  });

  it('a copy with the right checksum but the wrong number of images is refused (checked after reading)', async () => {
    const tars = buildCifarSampleTars(shared0(1000), shared0(1000));
    // Digests of these very tars, so only the record count check can refuse them: a test batch one image short.
    const test = buildTar([{ name: CIFAR_SAMPLE_MEMBERS.test, data: shared0(999) }]);
    const digest = (bytes: Uint8Array) => ({
      archive: CIFAR_SAMPLE_DIGESTS.test.archive,
      tar: { bytes: bytes.length, sha256: sha256Hex(bytes) },
    });
    const digests = { train: digest(tars.train), test: digest(test) };
    await expect(parseCifarSample({ train: tars.train, test }, digests)).rejects.toThrow(
      /is damaged: it holds 1,000 training and 999 test images instead of 1,000 and 1,000/,
    );
  });

  it('is fetched as the built-in dataset "cifar-sample", both archives at once; a failed download names the file and the reason', async () => {
    const served = new Map(CIFAR_SAMPLE_PARTS.map((part) => [`http://x/${cifarSampleUrl(part)}`, ASSET[part]]));
    const fetchImpl = (async (url: string) =>
      served.has(url)
        ? new Response(served.get(url) as Uint8Array<ArrayBuffer>)
        : new Response('no', { status: 404, statusText: 'Not Found' })) as unknown as typeof fetch;
    const progress: [number, number | null][] = [];
    const dataset = await loadBuiltInDataset('cifar-sample', [...served.keys()], {
      fetchImpl,
      onProgress: (p) => progress.push([p.bytesRead, p.totalBytes]),
    });
    expect(dataset.train.count).toBe(1000);
    const total = ASSET.train.length + ASSET.test.length;
    expect(progress.at(-1)).toEqual([total, total]);
    await expect(
      loadBuiltInDataset('cifar-sample', [`http://x/${cifarSampleUrl('train')}`, 'http://x/elsewhere'], { fetchImpl }),
    ).rejects.toThrow(
      'Could not download cifar-10-sample-test.tgz from http://x/elsewhere: the server answered 404 Not Found.',
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
