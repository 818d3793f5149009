import { describe, expect, it } from 'vitest';
import { createDataClient, type DataWorkerLike } from './dataClient.ts';
import type { DataRequest, DataResponse } from './dataProtocol.ts';
import { datasetTransferables, handleDataRequest } from './dataRequests.ts';
import { makeRecords } from './testing/tarBuilder.ts';
import { DatasetError } from './types.ts';

/**
 * Runs the worker's request handler in-process, transferring answers as postMessage would.
 * Requests are passed as they are: Node 20's structuredClone does not keep a File's name.
 */
function inProcessWorker(fetchImpl?: typeof fetch): DataWorkerLike & { transferred: ArrayBuffer[][]; terminated: boolean } {
  const listeners: ((event: MessageEvent<DataResponse>) => void)[] = [];
  const worker = {
    transferred: [] as ArrayBuffer[][],
    terminated: false,
    postMessage(request: DataRequest) {
      void handleDataRequest(
        request,
        (response, transfer) => {
          worker.transferred.push(transfer);
          const data = structuredClone(response, { transfer });
          for (const listener of listeners) listener({ data } as MessageEvent<DataResponse>);
        },
        fetchImpl,
      );
    },
    addEventListener(type: string, listener: (event: MessageEvent<DataResponse>) => void) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker as DataWorkerLike & typeof worker;
}

const file = (name: string, bytes: Uint8Array): File => new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('data client and worker request handler', () => {
  it('loads CIFAR-10 files, transferring the image and label buffers', async () => {
    const worker = inProcessWorker();
    const client = createDataClient(worker);
    const progress: number[] = [];
    const dataset = await client.loadCifar([file('data_batch_1.bin', makeRecords([1, 2])), file('test_batch.bin', makeRecords([3]))], {
      onProgress: (p) => progress.push(p.bytesRead),
    });
    expect([...dataset.train.labels]).toEqual([1, 2]);
    expect([...dataset.test!.labels]).toEqual([3]);
    expect(progress).toContain(2 * 3073);
    const transferred = worker.transferred.at(-1)!;
    expect(transferred).toHaveLength(4);
    expect(transferred.every((buffer) => buffer.byteLength === 0)).toBe(true); // detached: moved, not copied
  });

  it('rejects with a DatasetError naming the file', async () => {
    const client = createDataClient(inProcessWorker());
    const failure = client.loadCifar([file('data_batch_1.bin', new Uint8Array(100))]);
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toHaveProperty('fileName', 'data_batch_1.bin');
    await expect(client.loadCifar([], { limits: { maxTrain: -1 } })).rejects.toThrow(/maxTrain must be a positive integer/);
  });

  it('loads MNIST by URL through fetch', async () => {
    const fetchImpl = (async () => new Response(makeRecords([4, 5], 784) as Uint8Array<ArrayBuffer>)) as unknown as typeof fetch;
    const dataset = await createDataClient(inProcessWorker(fetchImpl)).loadMnist('http://localhost/data/mnist-10k.bin');
    expect(dataset.kind).toBe('mnist');
    expect([...dataset.train.labels]).toEqual([4, 5]);
  });

  it('rejects pending and later loads once disposed', async () => {
    const silent: DataWorkerLike = { postMessage: () => undefined, addEventListener: () => undefined, terminate: () => undefined };
    const client = createDataClient(silent);
    const pending = client.loadMnist('x');
    client.dispose();
    await expect(pending).rejects.toThrow('disposed');
    await expect(client.loadMnist('x')).rejects.toThrow('disposed');
  });

  it('lists each backing buffer once', () => {
    const images = new Uint8Array(8);
    const labels = new Uint8Array(2);
    const dataset = { kind: 'mnist', name: '', imageShape: [1, 2, 2], classNames: [], train: { images, labels, count: 2 }, test: null } as const;
    expect(datasetTransferables({ ...dataset, imageShape: [1, 2, 2], classNames: [] })).toEqual([images.buffer, labels.buffer]);
  });
});
