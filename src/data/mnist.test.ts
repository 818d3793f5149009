import { describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from './loadBuiltIn.ts';
import { MNIST_CLASSES, MNIST_RECORD_BYTES, MNIST_URL, parseMnistBinary } from './mnist.ts';
import { buildMnistBinary, buildMnistBinaryFromPackage, mnistDigitsDir, readMnistDigits } from '../build/mnistBuild.ts';
import { DatasetError } from './types.ts';

describe('the MNIST build step', () => {
  const digits = readMnistDigits(mnistDigitsDir());
  const binary = buildMnistBinaryFromPackage();

  it('makes 10,000 records of 785 bytes from the mnist package', () => {
    expect(MNIST_RECORD_BYTES).toBe(785);
    expect(binary.length).toBe(10_000 * 785);
  });

  it('has every digit about 1,000 times, interleaved round-robin', () => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[binary[i * 785]]++;
    expect(counts.reduce((a, b) => a + b)).toBe(10_000);
    for (const c of counts) {
      expect(c).toBeGreaterThan(800);
      expect(c).toBeLessThan(1200);
    }
    const first = Array.from({ length: 20 }, (_, i) => binary[i * 785]);
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('scales pixels to bytes with Math.round(v * 255)', () => {
    const values = digits[3];
    // Record 13 is image 1 of digit 3 (second round).
    for (let p = 0; p < 784; p++) expect(binary[13 * 785 + 1 + p]).toBe(Math.round(values[784 + p] * 255));
    let max = 0;
    for (let i = 0; i < 10_000; i++) for (let p = 1; p < 785; p++) max = Math.max(max, binary[i * 785 + p]);
    expect(max).toBe(255);
  });

  it('interleaves digits with unequal counts, skipping digits that ran out', () => {
    const image = (v: number): number[] => new Array<number>(784).fill(v);
    const out = buildMnistBinary([
      [...image(0), ...image(1)],
      [...image(0.5)],
      [...image(1), ...image(0.2), ...image(0.004)],
    ]);
    expect(Array.from({ length: 6 }, (_, i) => [out[i * 785], out[i * 785 + 1]])).toEqual([
      [0, 0],
      [1, 128],
      [2, 255],
      [0, 255],
      [2, 51],
      [2, 1],
    ]);
    expect(() => buildMnistBinary([[...image(0).slice(1)]])).toThrow(/not a whole number/);
    expect(() => buildMnistBinary([[...image(1.5)]])).toThrow(/outside 0\.\.1/);
  });

  it('round-trips through parseMnistBinary', () => {
    const dataset = parseMnistBinary(binary);
    expect(dataset.kind).toBe('mnist');
    expect(dataset.name).toBe('MNIST (built-in)');
    expect(dataset.imageShape).toEqual([1, 28, 28]);
    expect(dataset.classNames).toEqual(MNIST_CLASSES);
    expect(dataset.test).toBeNull();
    expect(dataset.train.count).toBe(10_000);
    expect(dataset.train.labels[12]).toBe(binary[12 * 785]);
    expect(dataset.train.images.subarray(12 * 784, 13 * 784)).toEqual(binary.subarray(12 * 785 + 1, 13 * 785));
  });
});

describe('parseMnistBinary', () => {
  it('validates like the CIFAR parser', () => {
    expect(() => parseMnistBinary(new Uint8Array(0))).toThrow('mnist-10k.bin is empty (0 bytes).');
    expect(() => parseMnistBinary(new Uint8Array(785 * 2 + 1))).toThrow(
      /1,571 bytes, is not a whole number of 785-byte MNIST records/,
    );
    const bad = new Uint8Array(785 * 2);
    bad[785] = 10;
    expect(() => parseMnistBinary(bad)).toThrow(/label byte of record 2 .* is 10, but MNIST labels are 0-9/);
  });
});

describe('loading the built-in MNIST', () => {
  const fetchMnist = (url: string, fetchImpl: typeof fetch) => loadBuiltInDataset('mnist', [url], { fetchImpl });
  const MNIST_BYTES = new Uint8Array(785 * 3);
  const fakeFetch = (response: Response | Error) =>
    (async () => {
      if (response instanceof Error) throw response;
      return response;
    }) as unknown as typeof fetch;

  it('uses a relative URL and parses what it gets', async () => {
    expect(MNIST_URL).toBe('data/mnist-10k.bin');
    const dataset = await fetchMnist('/x/data/mnist-10k.bin', fakeFetch(new Response(MNIST_BYTES)));
    expect(dataset.train.count).toBe(3);
  });

  it('turns HTTP and network failures into DatasetErrors', async () => {
    const notFound = fetchMnist(
      '/data/mnist-10k.bin',
      fakeFetch(new Response('nope', { status: 404, statusText: 'Not Found' })),
    );
    await expect(notFound).rejects.toThrow(
      'Could not download mnist-10k.bin from /data/mnist-10k.bin: the server answered 404 Not Found.',
    );
    await expect(fetchMnist('u', fakeFetch(new TypeError('Failed to fetch')))).rejects.toBeInstanceOf(DatasetError);
  });

  it('explains an HTML page served in place of the file', async () => {
    const html = new Response('<!doctype html><html><head></head><body>app</body></html>');
    await expect(fetchMnist('data/mnist-10k.bin', fakeFetch(html))).rejects.toThrow(
      /not a MNIST binary file: it looks like an HTML page/,
    );
  });
});
