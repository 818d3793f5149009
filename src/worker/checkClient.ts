import type { CheckRequest, CheckRequestBody, CheckResponse } from './checkProtocol.ts';

type RequestWithoutId = CheckRequestBody;

export interface CheckClient {
  run(request: RequestWithoutId): Promise<CheckResponse>;
  dispose(): void;
}

/** One worker for the notebook's checks; requests are answered in order by id. */
export function createCheckClient(): CheckClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: CheckResponse) => void; reject: (e: Error) => void }>();

  const failAll = (message: string) => {
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
    worker?.terminate();
    worker = null;
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module', name: 'checks' });
    worker.addEventListener('message', (event: MessageEvent<CheckResponse>) => {
      const entry = pending.get(event.data.requestId);
      if (!entry) return;
      pending.delete(event.data.requestId);
      entry.resolve(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      failAll(`The check worker failed: ${event.message || 'it could not start'}`);
    });
    return worker;
  };

  return {
    run(request) {
      const requestId = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { resolve, reject });
        ensureWorker().postMessage({ ...request, requestId } as CheckRequest);
      });
    },
    dispose() {
      failAll('disposed');
    },
  };
}
