import { BUILT_IN_DATASETS, type BuiltInDatasetId } from '../data/builtInDatasets.ts';
import type { DataProgress, DataRequest, DataResponse } from './dataProtocol.ts';
import type { CifarLoadLimits } from '../data/loadCifar.ts';
import { DatasetError, type RawDataset } from '../data/types.ts';
import { superviseWorker, type SupervisedWorker, type WorkerLike } from './workerSupervisor.ts';

/** The part of Worker the client uses, so tests can stand in for it. */
export type DataWorkerLike = WorkerLike<DataRequest>;

export interface LoadOptions {
  onProgress?: (progress: DataProgress) => void;
  /**
   * Aborting stops the load at once: a load with a signal runs in a worker of its own, which
   * is terminated, and the promise rejects with an AbortError. Other loads are not touched.
   */
  signal?: AbortSignal;
}

export interface LoadCifarRequestOptions extends LoadOptions {
  limits?: Partial<CifarLoadLimits>;
}

/** The main thread's side of the data worker (dataWorker.ts), which reads and parses datasets. */
export interface DataClient {
  /** Rejects with a DatasetError (its fileName names the file at fault) or, for bad limits, an Error. */
  loadCifar(files: readonly File[], options?: LoadCifarRequestOptions): Promise<RawDataset>;
  /** Downloads and parses one of the app's own datasets, its URL resolved against the page (document.baseURI). */
  loadBuiltIn(id: BuiltInDatasetId, options?: LoadOptions): Promise<RawDataset>;
  /** Stops every worker; pending loads reject. */
  dispose(): void;
}

export function createDataWorker(): DataWorkerLike {
  return new Worker(new URL('./dataWorker.ts', import.meta.url), { type: 'module', name: 'data' });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function abortError(): Error {
  const error = new Error('Loading was cancelled.');
  error.name = 'AbortError';
  return error;
}

interface Pending {
  resolve(dataset: RawDataset): void;
  reject(error: Error): void;
  onProgress?: (progress: DataProgress) => void;
}

/** One worker and the requests waiting on it. */
interface Channel {
  worker: SupervisedWorker<DataRequest>;
  pending: Map<number, Pending>;
}

/** Relative URLs inside a worker resolve against the worker's script, so resolve them here, against the page. */
function absoluteUrl(url: string): string {
  return typeof document === 'undefined' ? url : new URL(url, document.baseURI).href;
}

export function createDataClient(createWorker: () => DataWorkerLike = createDataWorker): DataClient {
  let shared: Channel | null = null;
  const dedicated = new Set<Channel>();
  let nextId = 1;
  let disposed = false;

  const rejectAll = (channel: Channel, error: Error): void => {
    for (const p of [...channel.pending.values()]) p.reject(error);
    channel.pending.clear();
  };

  const connect = (): Channel => {
    const pending = new Map<number, Pending>();
    const channel: Channel = {
      pending,
      worker: superviseWorker<DataRequest, DataResponse>(createWorker(), {
        role: 'data',
        onMessage: (response) => {
          const p = pending.get(response.requestId);
          if (!p) return;
          if (response.type === 'progress') {
            p.onProgress?.(response.progress);
            return;
          }
          pending.delete(response.requestId);
          if (response.type === 'loaded') p.resolve(response.dataset);
          else
            p.reject(
              response.fileName !== null
                ? new DatasetError(response.fileName, response.detail ?? response.message)
                : new Error(response.message),
            );
        },
        onFailure: (message) => {
          // A worker that failed is not used again; the next load starts a fresh one.
          if (channel === shared) shared = null;
          rejectAll(channel, new Error(`${message}.`));
        },
      }),
    };
    return channel;
  };

  const send = (request: DataRequest, options: LoadOptions): Promise<RawDataset> => {
    if (disposed) return Promise.reject(new Error('The data client was disposed.'));
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const channel = signal ? connect() : (shared ??= connect());
    if (signal) dedicated.add(channel);
    return new Promise<RawDataset>((resolve, reject) => {
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        if (!dedicated.delete(channel)) return;
        channel.worker.terminate();
      };
      const onAbort = () => {
        channel.pending.delete(request.requestId);
        settle();
        reject(abortError());
      };
      channel.pending.set(request.requestId, {
        resolve: (dataset) => (settle(), resolve(dataset)),
        reject: (error) => (settle(), reject(error)),
        onProgress,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      channel.worker.post(request);
    });
  };

  return {
    loadCifar: (files, options = {}) =>
      send({ type: 'loadCifar', requestId: nextId++, files: [...files], limits: options.limits }, options),
    loadBuiltIn: (id, options = {}) =>
      send(
        {
          type: 'loadBuiltIn',
          requestId: nextId++,
          dataset: id,
          urls: BUILT_IN_DATASETS[id].files.map((f) => absoluteUrl(f.url)),
        },
        options,
      ),
    dispose() {
      if (disposed) return;
      disposed = true;
      const error = new Error('The data client was disposed.');
      for (const channel of [...(shared ? [shared] : []), ...dedicated]) {
        channel.worker.terminate();
        rejectAll(channel, error);
      }
      shared = null;
      dedicated.clear();
    },
  };
}
