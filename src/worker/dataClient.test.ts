import { describe, expect, it } from 'vitest';
import { createDataClient, isAbortError, type DataWorkerLike } from './dataClient.ts';
import type { DataRequest, DataResponse } from './dataProtocol.ts';
import { datasetTransferables, handleDataRequest } from './dataRequests.ts';
import { makeRecords } from '../data/testing/byteFixtures.ts';
import { DatasetError } from '../data/types.ts';

/**
 * Runs the worker's request handler in-process, transferring answers as postMessage would.
 * Requests are passed as they are: Node 20's structuredClone does not keep a File's name.
 */
function inProcessWorker(
  fetchImpl?: typeof fetch,
): DataWorkerLike & { transferred: ArrayBuffer[][]; terminated: boolean } {
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

type TestWorker = ReturnType<typeof inProcessWorker>;

/** A worker factory that remembers what it made. */
function workerFactory() {
  const made: TestWorker[] = [];
  return { made, create: () => (made.push(inProcessWorker()), made.at(-1)!) };
}

/** A worker that takes requests and never answers (a long read), so a test can abort it. */
function silentWorker(): TestWorker {
  return {
    transferred: [],
    terminated: false,
    postMessage() {},
    addEventListener() {},
    terminate() {
      this.terminated = true;
    },
  };
}

describe('data client and worker request handler', () => {
  it('loads CIFAR-10 files, transferring the image and label buffers', async () => {
    const workers = workerFactory();
    const client = createDataClient(workers.create);
    const progress: number[] = [];
    const dataset = await client.loadCifar(
      [file('data_batch_1.bin', makeRecords([1, 2])), file('test_batch.bin', makeRecords([3]))],
      {
        onProgress: (p) => progress.push(p.bytesRead),
      },
    );
    expect([...dataset.train.labels]).toEqual([1, 2]);
    expect([...dataset.test!.labels]).toEqual([3]);
    expect(progress).toContain(2 * 3073);
    const transferred = workers.made[0].transferred.at(-1)!;
    expect(transferred).toHaveLength(4);
    expect(transferred.every((buffer) => buffer.byteLength === 0)).toBe(true); // detached: moved, not copied
  });

  it('rejects with a DatasetError naming the file', async () => {
    const client = createDataClient(() => inProcessWorker());
    const failure = client.loadCifar([file('data_batch_1.bin', new Uint8Array(100))]);
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toHaveProperty('fileName', 'data_batch_1.bin');
    await expect(client.loadCifar([], { limits: { maxTrain: -1 } })).rejects.toThrow(
      /maxTrain must be a positive integer/,
    );
  });

  it('loads a built-in dataset through fetch, from its URL, reporting bytes received', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: string) => {
      urls.push(url);
      return new Response(makeRecords([4, 5], 784) as Uint8Array<ArrayBuffer>, {
        headers: { 'Content-Length': String(2 * 785) },
      });
    }) as unknown as typeof fetch;
    const progress: (number | null)[][] = [];
    const dataset = await createDataClient(() => inProcessWorker(fetchImpl)).loadBuiltIn('mnist', {
      onProgress: (p) => progress.push([p.bytesRead, p.totalBytes]),
    });
    expect(urls).toEqual(['data/mnist-10k.bin']);
    expect(dataset.kind).toBe('mnist');
    expect([...dataset.train.labels]).toEqual([4, 5]);
    expect(progress.at(0)).toEqual([0, 1570]);
    expect(progress.at(-1)).toEqual([1570, 1570]);
  });

  it('a load with a signal has a worker of its own: aborting terminates it and leaves the other loads running', async () => {
    const fetchImpl = (async () =>
      new Response(makeRecords([4], 784) as Uint8Array<ArrayBuffer>)) as unknown as typeof fetch;
    const made: TestWorker[] = [];
    const client = createDataClient(() => {
      made.push(made.length === 0 ? inProcessWorker(fetchImpl) : silentWorker());
      return made.at(-1)!;
    });
    const builtIn = client.loadBuiltIn('mnist');
    const controller = new AbortController();
    const reading = client.loadCifar([file('data_batch_1.bin', makeRecords([1]))], { signal: controller.signal });
    expect(made).toHaveLength(2);
    controller.abort();
    await expect(reading).rejects.toSatisfy(isAbortError);
    expect(made[1].terminated).toBe(true);
    expect(made[0].terminated).toBe(false);
    await expect(builtIn).resolves.toMatchObject({ kind: 'mnist' });
    // Already aborted: no worker is started at all.
    await expect(client.loadCifar([], { signal: AbortSignal.abort() })).rejects.toSatisfy(isAbortError);
    expect(made).toHaveLength(2);
  });

  it('rejects pending and later loads once disposed', async () => {
    const client = createDataClient(silentWorker);
    const pending = client.loadBuiltIn('mnist');
    client.dispose();
    await expect(pending).rejects.toThrow('disposed');
    await expect(client.loadBuiltIn('mnist')).rejects.toThrow('disposed');
  });

  it('lists each backing buffer once', () => {
    const images = new Uint8Array(8);
    const labels = new Uint8Array(2);
    const dataset = {
      kind: 'mnist',
      name: '',
      imageShape: [1, 2, 2],
      classNames: [],
      train: { images, labels, count: 2 },
      test: null,
    } as const;
    expect(datasetTransferables({ ...dataset, imageShape: [1, 2, 2], classNames: [] })).toEqual([
      images.buffer,
      labels.buffer,
    ]);
  });
});
