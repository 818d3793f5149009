import type { FromTrainWorker, TrainStart, ToTrainWorker } from '../trainProtocol.ts';

type Listener = (event: { data?: unknown; message?: string; preventDefault(): void }) => void;

/** Stands in for a browser training Worker in tests: records what it is sent and lets the test answer for it. */
export class FakeWorker {
  readonly sent: ToTrainWorker[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly name = '') {}

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  postMessage(message: ToTrainWorker): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The job it is on: the last start it was sent. */
  current(): TrainStart | undefined {
    return this.sent.filter((m): m is TrainStart => m.type === 'start').at(-1);
  }

  /** A message from the worker, or an uncaught error (an 'error' event); a terminated worker says nothing more. */
  emit(type: 'message' | 'error', payload: { data?: FromTrainWorker; message?: string }): void {
    if (this.terminated) return;
    for (const l of this.listeners.get(type) ?? []) l({ ...payload, preventDefault() {} });
  }

  asWorker(): Worker {
    return this as unknown as Worker;
  }
}
