/**
 * `npm run build:cifar-sample [-- <dir>]`: writes public/data/cifar-10-sample.tgz and
 * src/data/cifarSampleAsset.ts from train_1000.bin and val_1000.bin in <dir> (default
 * ../shared/data/cifar10). Run through Vite's module runner, so it needs no build of its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CIFAR_SAMPLE_URL } from '../data/cifarSample.ts';
import { buildCifarSample } from './cifarSampleBuild.ts';

const dir = path.resolve(process.argv[2] ?? '../shared/data/cifar10');
const read = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const { archive, tar, manifestSource } = buildCifarSample(read('train_1000.bin'), read('val_1000.bin'));
writeFileSync(path.join('public', CIFAR_SAMPLE_URL), archive);
writeFileSync(path.join('src', 'data', 'cifarSampleAsset.ts'), manifestSource);
console.log(`public/${CIFAR_SAMPLE_URL}: ${archive.length} bytes (${tar.length} bytes uncompressed), from ${dir}`);
