import { BUILT_IN_DATASETS, type BuiltInDatasetId } from './builtInDatasets.ts';
import { fetchAssetBytes, type FetchProgress } from './fetchAsset.ts';
import { parseCifarSample } from './loadCifarSample.ts';
import { parseMnistBinary } from './mnist.ts';
import type { RawDataset } from './types.ts';

export interface LoadBuiltInOptions {
  fetchImpl?: typeof fetch;
  /** Bytes received of all the dataset's files together. */
  onProgress?: (progress: FetchProgress) => void;
}

/**
 * Downloads one of the app's own datasets (its files in parallel, from `urls`, absolute, in the order of its
 * `files`) and parses it; failures are DatasetErrors.
 */
export async function loadBuiltInDataset(
  id: BuiltInDatasetId,
  urls: readonly string[],
  options: LoadBuiltInOptions = {},
): Promise<RawDataset> {
  const { files } = BUILT_IN_DATASETS[id];
  if (urls.length !== files.length)
    throw new RangeError(`loadBuiltInDataset: ${id} has ${files.length} files, got ${urls.length} URLs`);
  const received = files.map((): FetchProgress => ({ bytesRead: 0, totalBytes: null }));
  const report = () => {
    const known = received.every((p) => p.totalBytes !== null);
    options.onProgress?.({
      bytesRead: received.reduce((sum, p) => sum + p.bytesRead, 0),
      totalBytes: known ? received.reduce((sum, p) => sum + p.totalBytes!, 0) : null,
    });
  };
  const bytes = await Promise.all(
    files.map((file, i) =>
      fetchAssetBytes(urls[i], file.fileName, {
        fetchImpl: options.fetchImpl,
        expectedBytes: file.expectedBytes,
        onProgress: options.onProgress ? (p) => ((received[i] = p), report()) : undefined,
      }),
    ),
  );
  // The sample's files are in CIFAR_SAMPLE_PARTS order (training archive, then test archive).
  return id === 'cifar-sample' ? parseCifarSample({ train: bytes[0], test: bytes[1] }) : parseMnistBinary(bytes[0]);
}
