/**
 * `npm run build:cifar-sample [-- <dir>]`: writes public/data/cifar-10-sample-{train,test}.tgz and
 * src/data/cifarSampleAsset.ts from train_1000.bin and val_1000.bin in <dir> (default
 * ../shared/data/cifar10). Run through Vite's module runner, so it needs no build of its own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CIFAR_SAMPLE_PARTS, cifarSampleUrl } from '../data/cifarSample.ts';
import { buildCifarSample } from './cifarSampleBuild.ts';

const dir = path.resolve(process.argv[2] ?? '../shared/data/cifar10');
const read = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const { parts, manifestSource } = buildCifarSample(read('train_1000.bin'), read('val_1000.bin'));
mkdirSync(path.join('public', 'data'), { recursive: true });
for (const part of CIFAR_SAMPLE_PARTS) {
  const { archive, tar } = parts[part];
  writeFileSync(path.join('public', cifarSampleUrl(part)), archive);
  console.log(
    `public/${cifarSampleUrl(part)}: ${archive.length} bytes (${tar.length} bytes uncompressed), from ${dir}`,
  );
}
writeFileSync(path.join('src', 'data', 'cifarSampleAsset.ts'), manifestSource);
