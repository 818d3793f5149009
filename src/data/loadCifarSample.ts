import { CIFAR_SAMPLE_FILE_NAME, CIFAR_SAMPLE_NAME, CIFAR_SAMPLE_TEST, CIFAR_SAMPLE_TRAIN, CIFAR_SAMPLE_URL, type CifarSampleDigests } from './cifarSample.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { hasGzipMagic } from './gzip.ts';
import { formatCount } from './labeledRecords.ts';
import { loadCifarFiles } from './loadCifar.ts';
import { DatasetError, type RawDataset } from './types.ts';
import { message, plainMessage, type Message } from '../core/message.ts';
import { errorMessage } from '../core/errorMessage.ts';

/** `why` says what is wrong, as a message of its own (the reader's words when it came from reading the archive). */
function damaged(why: Message): DatasetError {
  return new DatasetError(
    CIFAR_SAMPLE_FILE_NAME,
    message(
      'sampleDamaged', { ...why.params, url: CIFAR_SAMPLE_URL, problemCode: why.code },
      `The built-in CIFAR-10 sample (${CIFAR_SAMPLE_URL}) is damaged: ${why.text.replace(/\.$/, '')}. Reload the page; if that does not help, ` +
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

/** Size and SHA-256 against the committed asset's, or against its decompressed tar when a server decompressed it on the way. */
async function verifyAsset(bytes: Uint8Array, digests: CifarSampleDigests): Promise<void> {
  const expected = hasGzipMagic(bytes) ? digests.archive : digests.tar;
  if (bytes.length !== expected.bytes) {
    const sizes = { size: formatCount(bytes.length), expected: formatCount(expected.bytes) };
    throw damaged(message('sampleSize', sizes, `it is ${sizes.size} bytes instead of ${sizes.expected}`));
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== null && sha256 !== expected.sha256) throw damaged(message('sampleChecksum', {}, 'its SHA-256 checksum does not match the one the app was built with'));
}

/**
 * Checks the sample's bytes, then reads them with the reader a user's cifar-10-binary.tar.gz
 * goes through; throws a DatasetError saying the asset is damaged when anything is off.
 */
export async function parseCifarSample(bytes: Uint8Array, digests: CifarSampleDigests = CIFAR_SAMPLE_DIGESTS): Promise<RawDataset> {
  await verifyAsset(bytes, digests);
  const source = { name: CIFAR_SAMPLE_FILE_NAME, size: bytes.length, stream: () => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() };
  let dataset: RawDataset;
  try {
    dataset = await loadCifarFiles([source]);
  } catch (error) {
    throw damaged(error instanceof DatasetError ? error.detail : plainMessage(errorMessage(error)));
  }
  const trainCount = dataset.train.count;
  const testCount = dataset.test?.count ?? 0;
  if (trainCount !== CIFAR_SAMPLE_TRAIN || testCount !== CIFAR_SAMPLE_TEST) {
    const counts = { train: formatCount(trainCount), test: formatCount(testCount), expectedTrain: formatCount(CIFAR_SAMPLE_TRAIN), expectedTest: formatCount(CIFAR_SAMPLE_TEST) };
    throw damaged(
      message('sampleCounts', counts, `it holds ${counts.train} training and ${counts.test} test images instead of ${counts.expectedTrain} and ${counts.expectedTest}`),
    );
  }
  return { ...dataset, name: CIFAR_SAMPLE_NAME };
}
