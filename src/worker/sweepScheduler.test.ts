import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, type Rng } from '../core/random.ts';
import type { RawDataset } from '../data/types.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import {
  startSweep,
  SWEEP_MEMORY_BUDGET_BYTES,
  sweepWorkerBytes,
  sweepWorkerCount,
  type StartSweep,
  type SweepJob,
  type SweepJobOutcome,
} from './sweepScheduler.ts';
import { FakeWorker as BaseFakeWorker } from './testing/fakeWorker.ts';
import type { ConfigSummary } from './trainProtocol.ts';

/** A fake worker that can end the job it is on. */
class FakeWorker extends BaseFakeWorker {
  finishJob(bestValAcc = 0.9) {
    const start = this.current()!;
    this.emit('message', {
      data: { type: 'done', runId: start.runId, configId: 'dropout', summary: summary(bestValAcc) },
    });
  }
}

const summary = (bestValAcc: number): ConfigSummary => ({
  outcome: 'finished',
  iterations: 10,
  finalTrainAcc: 1,
  finalValAcc: bestValAcc,
  bestValAcc,
  bestEpoch: 2,
  elapsedMs: 5,
  message: null,
});

const dataset = {
  kind: 'mnist',
  name: 'x',
  imageShape: [1, 1, 1],
  classNames: [],
  train: { images: new Uint8Array(), labels: new Uint8Array(), count: 0 },
  test: null,
} as RawDataset;

function jobsOf(n: number): SweepJob[] {
  return Array.from({ length: n }, (_, i) => ({
    jobId: `j${i}`,
    keepProb: ((i % 10) + 1) / 10,
    hiddenSize: 50 * (1 + Math.floor(i / 10)),
    numTrain: 100,
  }));
}

function sweep(jobs: SweepJob[], workers: number, extra: Partial<StartSweep> = {}) {
  const created: FakeWorker[] = [];
  const ended: [string, SweepJobOutcome][] = [];
  const started: string[] = [];
  let finished = 0;
  const handle = startSweep({
    sweepId: 's1',
    jobs,
    config: testTrainConfig({ epochs: 2 }),
    dataset,
    workers,
    createWorker: () => {
      const w = new FakeWorker();
      created.push(w);
      return w as unknown as Worker;
    },
    onJobStart: (job) => started.push(job.jobId),
    onJobEnd: (job, outcome) => ended.push([job.jobId, outcome]),
    onFinished: () => finished++,
    ...extra,
  });
  const busy = () => created.filter((w) => !w.terminated);
  return { handle, created, ended, started, busy, finishedCount: () => finished };
}

/** Finishes the running jobs one at a time, picking the worker at random each time. */
function drainInRandomOrder(busy: () => FakeWorker[], rng: Rng, maxConcurrent: number) {
  for (let guard = 0; guard < 1000 && busy().length > 0; guard++) {
    const live = busy();
    expect(live.length).toBeLessThanOrEqual(maxConcurrent);
    live[rng.randint(live.length)].finishJob(rng.uniform());
  }
}

afterEach(() => vi.useRealTimers());

describe('the sweep scheduler (N jobs over K workers)', () => {
  for (const [n, k, seed] of [
    [7, 3, 1],
    [40, 4, 2],
    [5, 1, 3],
    [2, 4, 4],
    [13, 2, 5],
  ] as const) {
    it(`${n} jobs over ${k} workers: every job starts and ends exactly once, in any order, and no worker is left`, () => {
      const jobs = jobsOf(n);
      const s = sweep(jobs, k);
      expect(s.created).toHaveLength(Math.min(n, k));
      drainInRandomOrder(s.busy, createRng(`order-${seed}`), Math.min(n, k));
      const ids = jobs.map((j) => j.jobId).sort();
      expect([...s.started].sort()).toEqual(ids);
      expect(s.ended.map(([id]) => id).sort()).toEqual(ids);
      expect(s.ended.every(([, o]) => o.kind === 'finished')).toBe(true);
      expect(s.finishedCount()).toBe(1);
      expect(s.handle.liveWorkers()).toBe(0);
      expect(s.created.every((w) => w.terminated)).toBe(true);
      // Workers are reused: no more were created than ran at once.
      expect(s.created).toHaveLength(Math.min(n, k));
    });
  }

  it("sends each job the experiment's configuration with its own p, hidden size and data size, the sweep scaling, and no mask stream", () => {
    const s = sweep([{ jobId: 'a', keepProb: 0.3, hiddenSize: 77, numTrain: 250 }], 2, {
      config: testTrainConfig({ epochs: 2, scaling: 'none' }),
    });
    const start = s.created[0].current()!;
    expect(start).toMatchObject({ type: 'start', runId: 's1:a', configId: 'dropout', dataset });
    expect(start.config).toEqual(
      testTrainConfig({
        epochs: 2,
        keepProb: 0.3,
        hiddenSize: 77,
        numTrain: 250,
        scaling: 'none',
        streamMasks: false,
        insight: false,
      }),
    );
    s.handle.stop();
  });

  it('a repeated done, or a late message of an earlier job on the same worker, does not end a job twice', () => {
    const s = sweep(jobsOf(3), 1);
    const [w] = s.created;
    const first = w.current()!;
    w.finishJob(0.5);
    // The worker repeats itself about job j0 while it works on j1.
    w.emit('message', { data: { type: 'done', runId: first.runId, configId: 'dropout', summary: summary(0.1) } });
    w.emit('message', { data: { type: 'error', runId: first.runId, configId: 'dropout', message: 'late' } });
    expect(s.ended.map(([id]) => id)).toEqual(['j0']);
    expect(w.current()!.runId).toBe('s1:j1');
    w.finishJob();
    w.finishJob();
    expect(s.ended.map(([id]) => id)).toEqual(['j0', 'j1', 'j2']);
    expect(s.handle.liveWorkers()).toBe(0);
  });

  it('an error message fails that job only; the worker takes the next one', () => {
    const s = sweep(jobsOf(2), 1);
    const [w] = s.created;
    w.emit('message', { data: { type: 'error', runId: 's1:j0', configId: 'dropout', message: 'bad settings' } });
    expect(s.ended).toEqual([['j0', { kind: 'failed', message: 'bad settings' }]]);
    expect(w.current()!.runId).toBe('s1:j1');
    w.finishJob();
    expect(s.finishedCount()).toBe(1);
  });

  it('a crashed worker is ended and replaced; its job fails once and the rest still run', () => {
    const s = sweep(jobsOf(4), 2);
    const [a, b] = s.created;
    a.emit('error', { message: 'Uncaught RangeError: out of memory' });
    expect(a.terminated).toBe(true);
    expect(s.ended).toEqual([
      ['j0', { kind: 'failed', message: 'The training worker failed: Uncaught RangeError: out of memory' }],
    ]);
    expect(s.created).toHaveLength(3);
    expect(s.created[2].current()!.runId).toBe('s1:j2');
    b.finishJob();
    s.created[2].finishJob();
    b.finishJob();
    expect(s.ended.map(([id]) => id).sort()).toEqual(['j0', 'j1', 'j2', 'j3']);
    expect(s.handle.liveWorkers()).toBe(0);
    expect(s.finishedCount()).toBe(1);
  });

  it('Stop ends every worker at once, and nothing is reported after it', () => {
    const s = sweep(jobsOf(10), 3);
    s.created[1].finishJob();
    const live = s.busy();
    expect(live).toHaveLength(3);
    s.handle.stop();
    expect(s.created.every((w) => w.terminated)).toBe(true);
    expect(s.handle.liveWorkers()).toBe(0);
    for (const w of live)
      w.emit('message', {
        data: { type: 'done', runId: w.current()!.runId, configId: 'dropout', summary: summary(1) },
      });
    expect(s.ended.map(([id]) => id)).toEqual(['j1']);
    expect(s.finishedCount()).toBe(0);
    s.handle.stop();
  });

  it('Stop from inside a job-end callback starts no further job', () => {
    let handle: { stop(): void } | null = null;
    const s = sweep(jobsOf(5), 2, { onJobEnd: () => handle?.stop() });
    handle = s.handle;
    s.created[0].finishJob();
    expect(s.created.every((w) => w.terminated)).toBe(true);
    expect(s.created.flatMap((w) => w.sent)).toHaveLength(2);
  });

  it('a worker silent for the stated time is ended and replaced; its job fails', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const s = sweep(jobsOf(3), 2, { stallTimeoutMs: 10_000 });
    const [a, b] = s.created;
    vi.advanceTimersByTime(6_000);
    b.emit('message', {
      data: {
        type: 'progress',
        runId: 's1:j1',
        configId: 'dropout',
        firstIteration: 1,
        losses: new Float32Array(1),
        epoch: 0,
        elapsedMs: 1,
        paused: false,
      },
    });
    // The watchdog looks every 5 s: at 15 s, a has been silent for 15 s and b for 9 s.
    vi.advanceTimersByTime(9_000);
    expect(a.terminated).toBe(true);
    expect(b.terminated).toBe(false);
    expect(s.ended).toEqual([
      ['j0', { kind: 'failed', message: 'The training worker stopped answering for 10 s and was ended' }],
    ]);
    expect(s.created[2].current()!.runId).toBe('s1:j2');
    s.handle.stop();
  });

  it('uses one worker per core, at least 1, within the memory budget', () => {
    expect([undefined, NaN, 0, 1, 2, 3, 4, 8, 64].map((c) => sweepWorkerCount(c))).toEqual([
      1, 1, 1, 1, 2, 3, 4, 8, 64,
    ]);
    const cifar = {
      kind: 'cifar10',
      name: 'c',
      imageShape: [3, 32, 32],
      classNames: Array.from({ length: 10 }, String),
      train: { images: new Uint8Array(1000 * 3072), labels: new Uint8Array(1000), count: 1000 },
      test: { images: new Uint8Array(1000 * 3072), labels: new Uint8Array(1000), count: 1000 },
    } as RawDataset;
    const jobs = (hiddenSize: number) => [
      { jobId: 'a', keepProb: 0.5, hiddenSize, numTrain: 500 },
      { jobId: 'b', keepProb: 0.5, hiddenSize: 50, numTrain: 1000 },
    ];
    // The assignment's sweep: about 150 MB a worker, so 64 cores get 13 workers within 2 GiB.
    const w = sweepWorkerBytes(cifar, { hiddenLayers: 1 }, jobs(500));
    expect(w / 1024 ** 2).toBeGreaterThan(140);
    expect(w / 1024 ** 2).toBeLessThan(160);
    expect(sweepWorkerCount(64, w)).toBe(Math.floor(SWEEP_MEMORY_BUDGET_BYTES / w));
    expect(sweepWorkerCount(8, w)).toBe(8);
    // Four layers of 4,096 units: about 1.1 GB a worker, one at a time whatever the cores.
    expect(sweepWorkerCount(64, sweepWorkerBytes(cifar, { hiddenLayers: 4 }, jobs(4096)))).toBe(1);
  });
});
