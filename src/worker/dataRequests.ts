import type { DataRequest, DataResponse } from './dataProtocol.ts';
import { loadCifarFiles } from '../data/loadCifar.ts';
import { BUILT_IN_DATASETS } from '../data/builtInDatasets.ts';
import { loadBuiltInDataset } from '../data/loadBuiltIn.ts';
import { DatasetError, type RawDataset } from '../data/types.ts';
import { errorMessage } from '../core/errorMessage.ts';

export type PostResponse = (response: DataResponse, transfer: ArrayBuffer[]) => void;

/** The dataset's distinct backing buffers, to transfer rather than copy. */
export function datasetTransferables(dataset: RawDataset): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const records of [dataset.train, dataset.test]) {
    if (!records) continue;
    for (const view of [records.images, records.labels]) {
      if (view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
    }
  }
  return [...buffers];
}

/** Serves one request; never rejects: every failure is posted as an 'error' answer. */
export async function handleDataRequest(
  request: DataRequest,
  post: PostResponse,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const { requestId } = request;
  try {
    let dataset: RawDataset;
    if (request.type === 'loadCifar') {
      dataset = await loadCifarFiles(request.files, {
        ...request.limits,
        onProgress: (progress) => post({ type: 'progress', requestId, progress }, []),
      });
    } else if (request.type === 'loadBuiltIn') {
      const { name } = BUILT_IN_DATASETS[request.dataset];
      dataset = await loadBuiltInDataset(request.dataset, request.urls, {
        fetchImpl,
        onProgress: (progress) => post({ type: 'progress', requestId, progress: { fileName: name, ...progress } }, []),
      });
    } else {
      throw new Error(`Unknown data request type: ${String((request as { type?: unknown }).type)}`);
    }
    post({ type: 'loaded', requestId, dataset }, datasetTransferables(dataset));
  } catch (error) {
    const message = errorMessage(error);
    const known = error instanceof DatasetError;
    post(
      {
        type: 'error',
        requestId,
        message,
        fileName: known ? error.fileName : null,
        detail: known ? error.detail : null,
      },
      [],
    );
  }
}
