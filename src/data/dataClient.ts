import type { DataRequest, DataResponse } from './dataProtocol.ts';
import type { CifarLoadLimits, LoadProgress } from './loadCifar.ts';
import { MNIST_URL } from './mnist.ts';
import { DatasetError, type RawDataset } from './types.ts';

/** The part of Worker the client uses, so tests can stand in for it. */
export interface DataWorkerLike {
  postMessage(message: DataRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DataResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface LoadCifarRequestOptions {
  limits?: Partial<CifarLoadLimits>;
  onProgress?: (progress: LoadProgress) => void;
}

export interface DataClient {
  /** Rejects with a DatasetError (its fileName names the file at fault) or, for bad limits, an Error. */
  loadCifar(files: readonly File[], options?: LoadCifarRequestOptions): Promise<RawDataset>;
  /** `url` defaults to MNIST_URL, resolved against the page (document.baseURI), not the worker script. */
  loadMnist(url?: string): Promise<RawDataset>;
  /** Stops the worker; pending loads reject. */
  dispose(): void;
}

export function createDataWorker(): Worker {
  return new Worker(new URL('./dataWorker.ts', import.meta.url), { type: 'module' });
}

interface Pending {
  resolve(dataset: RawDataset): void;
  reject(error: Error): void;
  onProgress?: (progress: LoadProgress) => void;
}

/** Relative URLs inside a worker resolve against the worker's script, so resolve them here, against the page. */
function absoluteUrl(url: string): string {
  return typeof document === 'undefined' ? url : new URL(url, document.baseURI).href;
}

export function createDataClient(worker: DataWorkerLike = createDataWorker()): DataClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let disposed = false;

  const rejectAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  worker.addEventListener('message', (event) => {
    const response = event.data;
    const p = pending.get(response.requestId);
    if (!p) return;
    if (response.type === 'progress') {
      p.onProgress?.(response.progress);
      return;
    }
    pending.delete(response.requestId);
    if (response.type === 'loaded') p.resolve(response.dataset);
    else p.reject(response.fileName !== null ? new DatasetError(response.fileName, response.message) : new Error(response.message));
  });
  worker.addEventListener('error', (event) => {
    rejectAll(new Error(`The data worker failed${event.message ? `: ${event.message}` : ''}.`));
  });

  const send = (request: DataRequest, onProgress?: (progress: LoadProgress) => void): Promise<RawDataset> => {
    if (disposed) return Promise.reject(new Error('The data client was disposed.'));
    return new Promise((resolve, reject) => {
      pending.set(request.requestId, { resolve, reject, onProgress });
      worker.postMessage(request);
    });
  };

  return {
    loadCifar: (files, options = {}) =>
      send({ type: 'loadCifar', requestId: nextId++, files: [...files], limits: options.limits }, options.onProgress),
    loadMnist: (url = MNIST_URL) => send({ type: 'loadMnist', requestId: nextId++, url: absoluteUrl(url) }),
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.terminate();
      rejectAll(new Error('The data client was disposed.'));
    },
  };
}
