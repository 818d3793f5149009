/** The part of a Worker a supervisor needs (a browser Worker, or a fake in tests). */
export interface WorkerLike<In> {
  postMessage(message: In, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: () => void): void;
  terminate(): void;
}

export interface SuperviseOptions<Out> {
  /** Names the worker in messages: 'training' gives "The training worker failed: …". */
  role: string;
  onMessage(message: Out): void;
  /** Called at most once, after the worker was ended: it threw, sent a message that could not be read, or fell silent. */
  onFailure(message: string): void;
  /** A worker that says nothing for this long while watched is ended; omitted, nobody watches. */
  stallTimeoutMs?: number;
}

export interface SupervisedWorker<In> {
  post(message: In, transfer?: Transferable[]): void;
  /** Whether silence counts (a paused or idle worker may be silent); hearing from it or being told to go on restarts the clock. */
  watch(on: boolean): void;
  /** Restarts the silence clock (after telling it to resume or step). */
  touch(): void;
  /** Ends it; no failure follows. */
  terminate(): void;
  readonly alive: boolean;
}

/**
 * One worker's life: its crashes and unreadable messages, a watchdog for silence, and its end,
 * handled the same way for every client (the experiment's training workers, the sweep's, the
 * checks'). The worker is always terminated before onFailure is called.
 */
export function superviseWorker<In, Out>(worker: WorkerLike<In>, options: SuperviseOptions<Out>): SupervisedWorker<In> {
  const { role, stallTimeoutMs } = options;
  let alive = true;
  let watching = stallTimeoutMs !== undefined;
  let lastHeardAt = performance.now();

  const end = () => {
    if (!alive) return false;
    alive = false;
    if (watchdog !== null) clearInterval(watchdog);
    worker.terminate();
    return true;
  };
  const fail = (message: string) => {
    if (end()) options.onFailure(message);
  };

  worker.addEventListener('message', (event: MessageEvent<Out>) => {
    if (!alive) return;
    lastHeardAt = performance.now();
    options.onMessage(event.data);
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    fail(`The ${role} worker failed: ${event.message || 'it could not be started'}`);
  });
  worker.addEventListener('messageerror', () => fail(`The ${role} worker sent a message that could not be read`));

  const watchdog =
    stallTimeoutMs === undefined
      ? null
      : setInterval(
          () => {
            if (watching && performance.now() - lastHeardAt > stallTimeoutMs) {
              fail(`The ${role} worker stopped answering for ${Math.round(stallTimeoutMs / 1000)} s and was ended`);
            }
          },
          Math.min(5000, stallTimeoutMs / 2),
        );

  return {
    post(message, transfer) {
      if (alive) worker.postMessage(message, transfer ?? []);
    },
    watch(on) {
      if (on && !watching) lastHeardAt = performance.now();
      watching = on && stallTimeoutMs !== undefined;
    },
    touch() {
      lastHeardAt = performance.now();
    },
    terminate() {
      end();
    },
    get alive() {
      return alive;
    },
  };
}
