import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './testing/fakeWorker.ts';
import type { FromTrainWorker, ToTrainWorker } from './trainProtocol.ts';
import { superviseWorker } from './workerSupervisor.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function supervised(stallTimeoutMs?: number) {
  const fake = new FakeWorker();
  const messages: FromTrainWorker[] = [];
  const failures: string[] = [];
  const worker = superviseWorker<ToTrainWorker, FromTrainWorker>(fake.asWorker(), {
    role: 'training',
    stallTimeoutMs,
    onMessage: (m) => messages.push(m),
    onFailure: (m) => failures.push(m),
  });
  return { fake, worker, messages, failures };
}

const progress: FromTrainWorker = {
  type: 'progress',
  runId: 'r',
  configId: 'dropout',
  firstIteration: 1,
  losses: Float32Array.of(1),
  epoch: 0,
  elapsedMs: 1,
  paused: false,
};

describe('the worker supervisor (one life of one worker, for every client)', () => {
  it('passes messages on; a crash ends the worker and says so once, naming its role', () => {
    const s = supervised();
    s.fake.emit('message', { data: progress });
    expect(s.messages).toEqual([progress]);
    s.fake.emit('error', { message: 'Uncaught RangeError: boom' });
    expect(s.fake.terminated).toBe(true);
    expect(s.worker.alive).toBe(false);
    expect(s.failures).toEqual(['The training worker failed: Uncaught RangeError: boom']);
    s.worker.post({ type: 'pause', runId: 'r' }); // ignored: posting to an ended worker does nothing
    expect(s.failures).toHaveLength(1);
  });

  it('a worker that cannot start, or sends an unreadable message, fails with a plain message', () => {
    const a = supervised();
    a.fake.emit('error', {});
    expect(a.failures).toEqual(['The training worker failed: it could not be started']);
    const b = supervised();
    b.fake.emit('messageerror' as 'error', {});
    expect(b.failures).toEqual(['The training worker sent a message that could not be read']);
  });

  it('the watchdog ends a worker silent for too long while watched, and only then', () => {
    const s = supervised(10_000);
    vi.advanceTimersByTime(8_000);
    s.fake.emit('message', { data: progress });
    vi.advanceTimersByTime(8_000);
    expect(s.failures).toEqual([]);
    s.worker.watch(false); // paused: silence is expected
    vi.advanceTimersByTime(60_000);
    expect(s.failures).toEqual([]);
    s.worker.watch(true); // resumed: the clock starts again
    vi.advanceTimersByTime(8_000);
    expect(s.failures).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(s.failures).toEqual(['The training worker stopped answering for 10 s and was ended']);
    expect(s.fake.terminated).toBe(true);
  });

  it('terminate ends it quietly and stops the watchdog', () => {
    const s = supervised(1_000);
    s.worker.terminate();
    vi.advanceTimersByTime(10_000);
    expect(s.fake.terminated).toBe(true);
    expect(s.failures).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
