/** What a file's name says it is, for the CIFAR-10 binary version. Pure name logic, no bytes read. */

export type CifarFileRole =
  /** order: N for data_batch_N.bin; other batches get Infinity and keep the order they were given in. */
  | { kind: 'batch'; split: 'train' | 'test'; order: number }
  | { kind: 'archive' }
  /** batches.meta.txt or readme.html from the same download: harmless, ignored. */
  | { kind: 'companion' }
  /** data_batch_1 or test_batch without .bin: the Python (pickle) version. */
  | { kind: 'pythonVersion' }
  | { kind: 'unknown' };

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const NUMBERED_TRAIN = /^data_batch_(\d+)\.bin$/i;
const TEST = /^test_batch\.bin$/i;
const PYTHON_BATCH = /^(data_batch_\d+|test_batch)$/i;

/** The official batch names: data_batch_N.bin (training, in N order) and test_batch.bin. */
function officialBatch(name: string): CifarFileRole | null {
  const numbered = NUMBERED_TRAIN.exec(name);
  if (numbered) return { kind: 'batch', split: 'train', order: Number(numbered[1]) };
  if (TEST.test(name)) return { kind: 'batch', split: 'test', order: Infinity };
  return null;
}

/** A file the user chose. Any other .bin is accepted too: "test"/"val" in its name means test, else training. */
export function classifyCifarFile(path: string): CifarFileRole {
  const name = baseName(path);
  const official = officialBatch(name);
  if (official) return official;
  if (/\.(tar\.gz|tgz|tar)$/i.test(name)) return { kind: 'archive' };
  if (/\.bin$/i.test(name)) return { kind: 'batch', split: /test|val/i.test(name) ? 'test' : 'train', order: Infinity };
  if (/^(batches\.meta\.txt|readme\.html)$/i.test(name)) return { kind: 'companion' };
  if (PYTHON_BATCH.test(name)) return { kind: 'pythonVersion' };
  return { kind: 'unknown' };
}

/** An archive member: only the official batch names are used; everything else is ignored. */
export function classifyArchiveEntry(path: string): CifarFileRole {
  const name = baseName(path);
  const official = officialBatch(name);
  if (official) return official;
  if (PYTHON_BATCH.test(name) || /(^|\/)cifar-10-batches-py\//.test(path)) return { kind: 'pythonVersion' };
  return { kind: 'unknown' };
}
