import { BUILT_IN_DATASETS, type BuiltInDatasetId } from './builtInDatasets.ts';
import { CIFAR_SAMPLE_DIGESTS } from './cifarSampleAsset.ts';
import { fetchAssetBytes, type FetchProgress } from './fetchAsset.ts';
import { parseCifarSample } from './loadCifarSample.ts';
import { parseMnistBinary } from './mnist.ts';
import type { RawDataset } from './types.ts';

export interface LoadBuiltInOptions {
  fetchImpl?: typeof fetch;
  onProgress?: (progress: FetchProgress) => void;
}

/** Downloads one of the app's own datasets from `url` (absolute) and parses it; failures are DatasetErrors. */
export async function loadBuiltInDataset(id: BuiltInDatasetId, url: string, options: LoadBuiltInOptions = {}): Promise<RawDataset> {
  const { fileName } = BUILT_IN_DATASETS[id];
  const expectedBytes = id === 'cifar-sample' ? CIFAR_SAMPLE_DIGESTS.archive.bytes : undefined;
  const bytes = await fetchAssetBytes(url, fileName, { ...options, expectedBytes });
  return id === 'cifar-sample' ? parseCifarSample(bytes) : parseMnistBinary(bytes);
}
