import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawDataset } from '../data/types.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import { FIGURES_DELAY_MS, startTrainingRun } from './trainClient.ts';
import { FakeWorker } from './testing/fakeWorker.ts';
import type { ConfigId, FromTrainWorker } from './trainProtocol.ts';

/** A fake worker that remembers which configuration it was made for. */
class ConfigWorker extends FakeWorker {
  static all: ConfigWorker[] = [];
  constructor(readonly configId: ConfigId) {
    super(`train-${configId}`);
    ConfigWorker.all.push(this);
  }
}

const dataset = {
  kind: 'mnist',
  name: 'x',
  imageShape: [1, 1, 1],
  classNames: [],
  train: { images: new Uint8Array(), labels: new Uint8Array(), count: 0 },
  test: null,
} as RawDataset;

function start(stallTimeoutMs = 60_000) {
  ConfigWorker.all = [];
  const received: FromTrainWorker[] = [];
  const handle = startTrainingRun({
    runId: 'r',
    dataset,
    stallTimeoutMs,
    configs: [
      { configId: 'baseline', config: testTrainConfig({ keepProb: 1, streamMasks: false }) },
      { configId: 'dropout', config: testTrainConfig({ keepProb: 0.25 }) },
    ],
    onMessage: (m) => received.push(m),
    createWorker: (id) => new ConfigWorker(id).asWorker(),
  });
  return { handle, received, workers: ConfigWorker.all };
}

afterEach(() => vi.useRealTimers());

describe('the training client (one worker per configuration)', () => {
  it('starts one worker per configuration with its own keep probability', () => {
    const { workers, handle } = start();
    expect(workers.map((w) => [w.configId, w.sent[0]])).toEqual([
      [
        'baseline',
        expect.objectContaining({
          type: 'start',
          runId: 'r',
          configId: 'baseline',
          config: expect.objectContaining({ keepProb: 1 }),
        }),
      ],
      [
        'dropout',
        expect.objectContaining({
          type: 'start',
          runId: 'r',
          configId: 'dropout',
          config: expect.objectContaining({ keepProb: 0.25 }),
        }),
      ],
    ]);
    expect(handle.liveWorkers()).toBe(2);
    handle.stop();
  });

  it('ends a worker when it is done, and Stop ends the rest: no worker is left behind', () => {
    const { workers, handle } = start();
    workers[0].emit('message', { data: { type: 'done', runId: 'r', configId: 'baseline', summary: {} as never } });
    expect(workers[0].terminated).toBe(true);
    expect(handle.liveWorkers()).toBe(1);
    handle.stop();
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(handle.liveWorkers()).toBe(0);
  });

  it('asks for the figures only once every configuration is done, and after Done had time to be shown', () => {
    vi.useFakeTimers();
    ConfigWorker.all = [];
    const handle = startTrainingRun({
      runId: 'r',
      dataset,
      configs: [
        { configId: 'baseline', config: testTrainConfig({ keepProb: 1, insight: true }) },
        { configId: 'dropout', config: testTrainConfig({ keepProb: 0.25, insight: true }) },
      ],
      onMessage: () => {},
      createWorker: (id) => new ConfigWorker(id).asWorker(),
    });
    const workers = ConfigWorker.all;
    const figures = () => workers.map((w) => w.sent.filter((m) => (m as { type: string }).type === 'figures').length);
    expect(workers.every((w) => (w.sent[0] as { figuresWhenAsked?: boolean }).figuresWhenAsked)).toBe(true);
    const summary = { outcome: 'finished' } as never;
    workers[0].emit('message', { data: { type: 'done', runId: 'r', configId: 'baseline', summary } });
    vi.advanceTimersByTime(FIGURES_DELAY_MS * 2);
    expect(figures()).toEqual([0, 0]);
    workers[1].emit('message', { data: { type: 'done', runId: 'r', configId: 'dropout', summary } });
    vi.advanceTimersByTime(FIGURES_DELAY_MS - 1);
    expect(figures()).toEqual([0, 0]);
    vi.advanceTimersByTime(1);
    expect(figures()).toEqual([1, 1]);
    handle.stop();
  });

  it('a configuration with insight ends after its figures, not at done; a diverged one has none and ends at done', () => {
    ConfigWorker.all = [];
    const received: FromTrainWorker[] = [];
    const handle = startTrainingRun({
      runId: 'r',
      dataset,
      configs: [
        { configId: 'baseline', config: testTrainConfig({ keepProb: 1, insight: true }) },
        { configId: 'dropout', config: testTrainConfig({ keepProb: 0.25, insight: true }) },
      ],
      onMessage: (m) => received.push(m),
      createWorker: (id) => new ConfigWorker(id).asWorker(),
    });
    const [baseline, dropout] = ConfigWorker.all;
    const summary = (outcome: 'finished' | 'diverged') => ({ outcome }) as never;
    baseline.emit('message', {
      data: { type: 'done', runId: 'r', configId: 'baseline', summary: summary('finished') },
    });
    expect(baseline.terminated).toBe(false);
    baseline.emit('message', {
      data: { type: 'insight', runId: 'r', configId: 'baseline', insight: null, problem: 'no memory' },
    });
    expect(baseline.terminated).toBe(true);
    dropout.emit('message', { data: { type: 'done', runId: 'r', configId: 'dropout', summary: summary('diverged') } });
    expect(dropout.terminated).toBe(true);
    expect(handle.liveWorkers()).toBe(0);
    expect(received.map((m) => m.type)).toEqual(['done', 'insight', 'done']);
  });

  it('a worker that throws (error event) ends its configuration as failed with the message', () => {
    const { workers, received, handle } = start();
    workers[1].emit('error', { message: 'Uncaught Error: boom' });
    expect(received).toEqual([
      { type: 'error', runId: 'r', configId: 'dropout', message: 'The training worker failed: Uncaught Error: boom' },
    ]);
    expect(workers[1].terminated).toBe(true);
    expect(workers[0].terminated).toBe(false);
    handle.stop();
  });

  it('a worker silent for the stated time is ended as failed; pausing suspends the watchdog', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { workers, received, handle } = start(10_000);
    handle.pause();
    vi.advanceTimersByTime(30_000);
    expect(received).toEqual([]);
    handle.resume();
    vi.advanceTimersByTime(6_000);
    workers[0].emit('message', {
      data: {
        type: 'progress',
        runId: 'r',
        configId: 'baseline',
        firstIteration: 1,
        losses: new Float32Array(1),
        epoch: 0,
        elapsedMs: 1,
        paused: false,
      },
    });
    vi.advanceTimersByTime(10_000);
    expect(received.filter((m) => m.type === 'error')).toEqual([
      {
        type: 'error',
        runId: 'r',
        configId: 'dropout',
        message: 'The training worker stopped answering for 10 s and was ended',
      },
    ]);
    expect(workers[1].terminated).toBe(true);
    expect(workers[0].terminated).toBe(false);
    handle.stop();
  });

  it('pause, resume, step and inspect reach the workers with the run id', () => {
    const { workers, handle } = start();
    handle.pause();
    handle.step();
    handle.inspect(3, 1);
    handle.resume();
    expect(workers[0].sent.slice(1).map((m) => m.type)).toEqual(['pause', 'step', 'resume']);
    expect(workers[1].sent.slice(1)).toEqual([
      { type: 'pause', runId: 'r' },
      { type: 'step', runId: 'r' },
      { type: 'inspect', runId: 'r', example: 3, layer: 1 },
      { type: 'resume', runId: 'r' },
    ]);
    handle.stop();
  });
});
