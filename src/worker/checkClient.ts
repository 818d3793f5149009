import type { CheckRequest, CheckRequestBody, CheckResponse } from './checkProtocol.ts';
import { superviseWorker, type SupervisedWorker, type WorkerLike } from './workerSupervisor.ts';

export interface CheckClient {
  run(request: CheckRequestBody): Promise<CheckResponse>;
  dispose(): void;
}

const createCheckWorker = (): WorkerLike<CheckRequest> =>
  new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module', name: 'checks' });

/** One worker for the notebook's checks, made on first use; requests are answered by id. A failed worker is replaced on the next request. */
export function createCheckClient(createWorker: () => WorkerLike<CheckRequest> = createCheckWorker): CheckClient {
  let worker: SupervisedWorker<CheckRequest> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: CheckResponse) => void; reject: (e: Error) => void }>();

  const rejectAll = (message: string) => {
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  };

  const ensureWorker = (): SupervisedWorker<CheckRequest> => {
    if (worker?.alive) return worker;
    worker = superviseWorker<CheckRequest, CheckResponse>(createWorker(), {
      role: 'check',
      onMessage: (response) => {
        const entry = pending.get(response.requestId);
        if (!entry) return;
        pending.delete(response.requestId);
        entry.resolve(response);
      },
      onFailure: rejectAll,
    });
    return worker;
  };

  return {
    run(request) {
      const requestId = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { resolve, reject });
        ensureWorker().post({ ...request, requestId });
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      rejectAll('disposed');
    },
  };
}
