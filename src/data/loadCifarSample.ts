import {
  CIFAR_SAMPLE_FILES,
  CIFAR_SAMPLE_NAME,
  CIFAR_SAMPLE_PARTS,
  CIFAR_SAMPLE_TEST,
  CIFAR_SAMPLE_TRAIN,
  cifarSampleUrl,
  type CifarSampleDigests,
  type CifarSamplePart,
} from './cifarSample.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { hasGzipMagic } from './gzip.ts';
import { formatCount } from './labeledRecords.ts';
import { loadCifarFiles } from './loadCifar.ts';
import { DatasetError, type RawDataset } from './types.ts';
import { message, plainMessage, type Message } from '../core/message.ts';
import { errorMessage } from '../core/errorMessage.ts';

/**
 * `part`: the archive at fault (the training one when the two together are wrong). `why` says what is wrong, as a
 * message of its own (the reader's words when it came from reading the archives).
 */
function damaged(part: CifarSamplePart, why: Message): DatasetError {
  const url = cifarSampleUrl(part);
  return new DatasetError(
    CIFAR_SAMPLE_FILES[part],
    message(
      'sampleDamaged',
      { ...why.params, url, problemCode: why.code },
      `The built-in CIFAR-10 sample (${url}) is damaged: ${why.text.replace(/\.$/, '')}. Reload the page; if that does not help, ` +
        'the copy of the app on this server is incomplete (choose MNIST, or load your own CIFAR-10 files).',
    ),
  );
}

async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  // Browsers offer SubtleCrypto only in secure contexts (https, localhost); elsewhere gzip's CRC-32 still guards the content.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Size and SHA-256 against the committed archive's, or against its decompressed tar when a server decompressed it on the way. */
async function verifyAsset(part: CifarSamplePart, bytes: Uint8Array, digests: CifarSampleDigests): Promise<void> {
  const expected = hasGzipMagic(bytes) ? digests[part].archive : digests[part].tar;
  if (bytes.length !== expected.bytes) {
    const sizes = { size: formatCount(bytes.length), expected: formatCount(expected.bytes) };
    throw damaged(part, message('sampleSize', sizes, `it is ${sizes.size} bytes instead of ${sizes.expected}`));
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== null && sha256 !== expected.sha256) {
    throw damaged(
      part,
      message('sampleChecksum', {}, 'its SHA-256 checksum does not match the one the app was built with'),
    );
  }
}

/**
 * Checks the two archives' bytes, then reads them with the reader a user's cifar-10-binary.tar.gz
 * goes through; throws a DatasetError saying which archive is damaged when anything is off.
 */
export async function parseCifarSample(
  parts: Record<CifarSamplePart, Uint8Array>,
  digests: CifarSampleDigests = CIFAR_SAMPLE_DIGESTS,
): Promise<RawDataset> {
  for (const part of CIFAR_SAMPLE_PARTS) await verifyAsset(part, parts[part], digests);
  const sources = CIFAR_SAMPLE_PARTS.map((part) => ({
    name: CIFAR_SAMPLE_FILES[part],
    size: parts[part].length,
    stream: () => new Blob([parts[part] as Uint8Array<ArrayBuffer>]).stream(),
  }));
  let dataset: RawDataset;
  try {
    dataset = await loadCifarFiles(sources);
  } catch (error) {
    const at = error instanceof DatasetError && error.fileName === CIFAR_SAMPLE_FILES.test ? 'test' : 'train';
    throw damaged(at, error instanceof DatasetError ? error.detail : plainMessage(errorMessage(error)));
  }
  const trainCount = dataset.train.count;
  const testCount = dataset.test?.count ?? 0;
  if (trainCount !== CIFAR_SAMPLE_TRAIN || testCount !== CIFAR_SAMPLE_TEST) {
    const counts = {
      train: formatCount(trainCount),
      test: formatCount(testCount),
      expectedTrain: formatCount(CIFAR_SAMPLE_TRAIN),
      expectedTest: formatCount(CIFAR_SAMPLE_TEST),
    };
    throw damaged(
      trainCount !== CIFAR_SAMPLE_TRAIN ? 'train' : 'test',
      message(
        'sampleCounts',
        counts,
        `it holds ${counts.train} training and ${counts.test} test images instead of ${counts.expectedTrain} and ${counts.expectedTest}`,
      ),
    );
  }
  return { ...dataset, name: CIFAR_SAMPLE_NAME };
}
