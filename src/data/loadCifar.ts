import { BatchPool } from './batchPool.ts';
import { countingStream, peekStream, streamChunks } from './byteStream.ts';
import { CIFAR10_CLASSES, CIFAR10_FORMAT, CifarRecordCollector } from './cifar10.ts';
import { baseName, classifyArchiveEntry, classifyCifarFile, type CifarFileRole } from './cifarFileNames.ts';
import { message } from '../core/message.ts';
import { looksLike, looksLikeParams } from './fileSniff.ts';
import { gunzip, hasGzipMagic } from './gzip.ts';
import { pixelsPerImage } from './labeledRecords.ts';
import { hasTarMagic, readTarEntries } from './tar.ts';
import { DatasetError, type RawDataset } from './types.ts';

/** What we need of a file; the browser's File satisfies it. */
export interface CifarFileSource {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface CifarLoadLimits {
  /** Training images loaded, from data_batch_1 on (50,000 = all five batches). */
  maxTrain: number;
  /** Test-batch images loaded (10,000 = the whole test batch). */
  maxTest: number;
  /** Largest single .bin file accepted, in bytes (archives are streamed and have no limit). */
  maxPlainFileBytes: number;
}

export const DEFAULT_CIFAR_LIMITS: CifarLoadLimits = {
  maxTrain: 50_000,
  maxTest: 10_000,
  maxPlainFileBytes: 200 * 1024 * 1024,
};

export interface LoadProgress {
  fileName: string;
  bytesRead: number;
  totalBytes: number;
}

export interface LoadCifarOptions extends Partial<CifarLoadLimits> {
  /** Called now and then while reading (about every MiB per file, and at each file's end). */
  onProgress?: (progress: LoadProgress) => void;
}

const PIXELS = pixelsPerImage(CIFAR10_FORMAT);
const BATCH_NAMES = 'data_batch_1.bin … data_batch_5.bin, test_batch.bin';
const PROGRESS_STEP = 1 << 20;
const MiB = 1024 * 1024;

interface LoadState {
  limits: CifarLoadLimits;
  train: BatchPool;
  test: BatchPool;
  /** Batch identities already read, to refuse the same batch given twice. */
  claimed: Map<string, string>;
  onProgress?: (progress: LoadProgress) => void;
}

function resolveLimits(options: LoadCifarOptions): CifarLoadLimits {
  const limits = { ...DEFAULT_CIFAR_LIMITS };
  for (const key of Object.keys(DEFAULT_CIFAR_LIMITS) as (keyof CifarLoadLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`loadCifarFiles: ${key} must be a positive integer, got ${value}`);
    limits[key] = value;
  }
  return limits;
}

function progressReporter(state: LoadState, file: CifarFileSource): (bytesRead: number) => void {
  let last = -Infinity;
  return (bytesRead) => {
    if (!state.onProgress || bytesRead === last || (bytesRead - last < PROGRESS_STEP && bytesRead < file.size)) return;
    last = bytesRead;
    state.onProgress({ fileName: file.name, bytesRead, totalBytes: file.size });
  };
}

function claim(state: LoadState, role: CifarFileRole & { kind: 'batch' }, name: string, from: string): void {
  const key = Number.isFinite(role.order) ? `data_batch_${role.order}` : baseName(name).toLowerCase();
  const earlier = state.claimed.get(key);
  if (earlier !== undefined) {
    throw new DatasetError(
      from,
      message(
        'givenTwice',
        { name: baseName(name), earlier, from },
        `${baseName(name)} was given twice (in ${earlier} and in ${from}); give each batch once.`,
      ),
    );
  }
  state.claimed.set(key, from);
}

/** Streams one batch into the right pool, stopping early once the pool can take no more of it. */
async function collectBatch(
  state: LoadState,
  role: CifarFileRole & { kind: 'batch' },
  source: { fileName: string; displayName: string; size: number },
  chunks: AsyncIterable<Uint8Array>,
): Promise<void> {
  const pool = role.split === 'train' ? state.train : state.test;
  const { fileName, displayName, size } = source;
  const collector = new CifarRecordCollector(fileName, {
    maxRecords: pool.roomFor(role.order),
    expectedBytes: size,
    displayName,
  });
  let stoppedEarly = false;
  for await (const chunk of chunks) {
    collector.push(chunk);
    // Full: stop reading (the size was checked on the first chunk); a pool with no room reads one chunk for that check.
    if (collector.storedCount >= collector.maxRecords) {
      stoppedEarly = true;
      break;
    }
  }
  pool.add({
    order: role.order,
    fileName: displayName,
    records: stoppedEarly ? collector.finishEarly() : collector.finish(),
  });
}

async function readPlainBatch(
  state: LoadState,
  file: CifarFileSource,
  role: CifarFileRole & { kind: 'batch' },
): Promise<void> {
  if (file.size > state.limits.maxPlainFileBytes) {
    const size = (file.size / MiB).toFixed(1);
    const max = String(Math.round(state.limits.maxPlainFileBytes / MiB));
    throw new DatasetError(
      file.name,
      message(
        'binTooLarge',
        { name: file.name, size, max },
        `${file.name} is ${size} MB; a single .bin file may be at most ${max} MB (a CIFAR-10 batch is about 29 MB).`,
      ),
    );
  }
  claim(state, role, file.name, file.name);
  const report = progressReporter(state, file);
  const stream = file.stream().pipeThrough(countingStream(report));
  await collectBatch(
    state,
    role,
    { fileName: file.name, displayName: file.name, size: file.size },
    streamChunks(stream),
  );
  report(file.size);
}

async function readArchive(state: LoadState, file: CifarFileSource): Promise<void> {
  const report = progressReporter(state, file);
  const { head, stream } = await peekStream(file.stream().pipeThrough(countingStream(report)), 512);
  let tarStream: ReadableStream<Uint8Array>;
  if (hasGzipMagic(head)) tarStream = gunzip(stream, file.name);
  else if (hasTarMagic(head)) tarStream = stream;
  else {
    await stream.cancel();
    if (head.length === 0)
      throw new DatasetError(file.name, message('fileEmpty', { name: file.name }, `${file.name} is empty (0 bytes).`));
    const guess = looksLike(head);
    throw new DatasetError(
      file.name,
      message(
        'notArchive',
        { name: file.name, ...looksLikeParams(guess) },
        `${file.name} is not a gzip-compressed tar archive${guess ? `: it looks like ${guess.text}` : ''}. Expected the CIFAR-10 binary version, cifar-10-binary.tar.gz.`,
      ),
    );
  }
  let found = 0;
  let pythonVersion = false;
  for await (const entry of readTarEntries(tarStream, file.name)) {
    if (entry.type !== 'file') continue;
    const role = classifyArchiveEntry(entry.name);
    if (role.kind === 'pythonVersion') pythonVersion = true;
    if (role.kind !== 'batch') continue;
    claim(state, role, entry.name, file.name);
    const displayName = `${entry.name} (in ${file.name})`;
    await collectBatch(state, role, { fileName: file.name, displayName, size: entry.size }, entry.chunks);
    found++;
  }
  report(file.size);
  if (found === 0) {
    throw new DatasetError(
      file.name,
      pythonVersion
        ? message(
            'archivePython',
            { name: file.name },
            `${file.name} holds the CIFAR-10 "python version" (pickled batches). This app reads the binary version: cifar-10-binary.tar.gz.`,
          )
        : message(
            'archiveNoBatches',
            { name: file.name },
            `${file.name} contains none of the CIFAR-10 batch files (${BATCH_NAMES}).`,
          ),
    );
  }
}

function unusableFile(name: string, role: CifarFileRole): DatasetError {
  if (role.kind === 'pythonVersion') {
    return new DatasetError(
      name,
      message(
        'filePython',
        { name },
        `${name} is from the CIFAR-10 "python version" (a pickle). This app reads the binary version: ${BATCH_NAMES}, or cifar-10-binary.tar.gz.`,
      ),
    );
  }
  return new DatasetError(
    name,
    message(
      'notCifar',
      { name },
      `${name} is not a CIFAR-10 file. Choose the binary batches (${BATCH_NAMES}) or the whole cifar-10-binary.tar.gz.`,
    ),
  );
}

/**
 * Reads CIFAR-10 binary batches and/or the binary archive, streaming, keeping at most
 * `maxTrain` training and `maxTest` test images. Training batches are used in data_batch
 * order whatever order the files come in. Throws DatasetError for files we cannot use.
 */
export async function loadCifarFiles(
  files: readonly CifarFileSource[],
  options: LoadCifarOptions = {},
): Promise<RawDataset> {
  const limits = resolveLimits(options);
  if (files.length === 0)
    throw new DatasetError(
      '',
      message('noFiles', {}, `No files were chosen. Choose ${BATCH_NAMES}, or cifar-10-binary.tar.gz.`),
    );
  const planned = files.map((file) => ({ file, role: classifyCifarFile(file.name) }));
  for (const { file, role } of planned)
    if (role.kind === 'pythonVersion' || role.kind === 'unknown') throw unusableFile(file.name, role);
  // Plain training batches in batch order first, so the cap keeps data_batch_1 onwards without re-sorting.
  const rank = (role: CifarFileRole): number =>
    role.kind !== 'batch' ? 3e9 : role.split === 'test' ? 2e9 : Number.isFinite(role.order) ? role.order : 1e9;
  const ordered = planned.filter((p) => p.role.kind !== 'companion').sort((a, b) => rank(a.role) - rank(b.role));

  const state: LoadState = {
    limits,
    train: new BatchPool(PIXELS, limits.maxTrain),
    test: new BatchPool(PIXELS, limits.maxTest),
    claimed: new Map(),
    onProgress: options.onProgress,
  };
  for (const { file, role } of ordered) {
    if (role.kind === 'archive') await readArchive(state, file);
    else if (role.kind === 'batch') await readPlainBatch(state, file, role);
  }

  const train = state.train.assemble();
  if (train === null) {
    if (state.test.size > 0) {
      const given = state.test.fileNames.map(baseName).join(', ');
      throw new DatasetError(
        ordered[0].file.name,
        message(
          'onlyTest',
          { names: given },
          `Only a test batch was given: ${given}. Training needs at least one training batch: data_batch_1.bin … data_batch_5.bin.`,
        ),
      );
    }
    throw new DatasetError(
      files[0].name,
      message(
        'noBatch',
        {},
        `None of the chosen files is a CIFAR-10 batch. Choose ${BATCH_NAMES}, or cifar-10-binary.tar.gz.`,
      ),
    );
  }
  return {
    kind: 'cifar10',
    name: `CIFAR-10 (${ordered.map((p) => p.file.name).join(', ')})`,
    imageShape: [...CIFAR10_FORMAT.imageShape],
    classNames: [...CIFAR10_CLASSES],
    train,
    test: state.test.assemble(),
  };
}
