import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRng } from '../core/random.ts';
import { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES } from '../data/cifar10.ts';
import { loadCifarFiles } from '../data/loadCifar.ts';
import type { RawDataset } from '../data/types.ts';

/** The shared CIFAR-10 subsets, relative to the repository (a sibling folder `shared/`). */
export const SHARED_CIFAR_DIR = '../shared/data/cifar10';
/** The names numpy_reference.py reads; the app takes validation from a file named with "val". */
export const TRAIN_FILE = 'train_1000.bin';
export const VAL_FILE = 'val_1000.bin';

export interface BenchFiles {
  /** Holds TRAIN_FILE and VAL_FILE. */
  dir: string;
  source: 'cifar10' | 'generated';
  /** Removes generated files (nothing for the shared data). */
  cleanup(): void;
}

const records = (path: string) => statSync(path).size / CIFAR10_RECORD_BYTES;

/**
 * The CIFAR-10 files to benchmark on: `dir` (default the shared subsets) when it holds
 * enough records, otherwise generated records of the same shape in a temporary folder.
 */
export function benchFiles(numTrain: number, numVal: number, dir = resolve(SHARED_CIFAR_DIR)): BenchFiles {
  const train = join(dir, TRAIN_FILE);
  const val = join(dir, VAL_FILE);
  if (existsSync(train) && existsSync(val) && records(train) >= numTrain && records(val) >= numVal) {
    return { dir, source: 'cifar10', cleanup: () => {} };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'dropout-lab-bench-'));
  writeFileSync(join(tmp, TRAIN_FILE), generatedRecords(Math.max(numTrain, 1000), 'bench:train'));
  writeFileSync(join(tmp, VAL_FILE), generatedRecords(Math.max(numVal, 1000), 'bench:val'));
  return { dir: tmp, source: 'generated', cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/**
 * CIFAR-10 binary records from a seeded stream: a label 0-9, then 3072 pixel bytes.
 * Pixels are a per-class mean image plus noise, so the net has something to learn.
 */
export function generatedRecords(count: number, seed: string): Uint8Array<ArrayBuffer> {
  const pixels = CIFAR10_RECORD_BYTES - 1;
  // The same class means for every file (training and validation must share them), the samples per file.
  const meanRng = createRng('bench:class-means');
  const classMeans = Array.from({ length: CIFAR10_CLASSES.length }, () =>
    Float32Array.from({ length: pixels }, () => 64 + 128 * meanRng.uniform()),
  );
  const rng = createRng(seed);
  const out = new Uint8Array(count * CIFAR10_RECORD_BYTES);
  for (let r = 0; r < count; r++) {
    const label = rng.randint(CIFAR10_CLASSES.length);
    const base = r * CIFAR10_RECORD_BYTES;
    out[base] = label;
    const mean = classMeans[label];
    for (let j = 0; j < pixels; j++)
      out[base + 1 + j] = Math.max(0, Math.min(255, Math.round(mean[j] + 60 * rng.normal())));
  }
  return out;
}

function fileSource(path: string, name: string) {
  const bytes = readFileSync(path);
  return { name, size: bytes.length, stream: () => new Blob([bytes]).stream() };
}

/** Reads the files with the app's own CIFAR-10 loader (the file named "val" becomes the test batch). */
export function loadBenchDataset(files: BenchFiles): Promise<RawDataset> {
  return loadCifarFiles([
    fileSource(join(files.dir, TRAIN_FILE), TRAIN_FILE),
    fileSource(join(files.dir, VAL_FILE), VAL_FILE),
  ]);
}

/** A generated dataset held in memory (for the scaling table, which needs more than 1,000 training images). */
export async function generatedDataset(numTrain: number, numVal: number): Promise<RawDataset> {
  const train = generatedRecords(numTrain, 'bench:train');
  const val = generatedRecords(numVal, 'bench:val');
  const source = (bytes: Uint8Array<ArrayBuffer>, name: string) => ({
    name,
    size: bytes.length,
    stream: () => new Blob([bytes]).stream(),
  });
  return loadCifarFiles([source(train, 'generated_train.bin'), source(val, 'generated_val.bin')]);
}
