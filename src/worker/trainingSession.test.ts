import { describe, expect, it } from 'vitest';
import { unpackMask } from './maskBits.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import { frameShowing, type FromTrainWorker, type TrainConfig, type TrainStart } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';

const tinyDataset = (count = 1600) => syntheticDataset(count, 'tiny');

const small: Partial<TrainConfig> = { hiddenSize: 20, numTrain: 100, epochs: 3, batchSize: 20, learningRate: 1e-2 };

/** As the experiment starts it: only the 'dropout' configuration streams its masks. */
function start(
  configId: 'baseline' | 'dropout',
  keepProb: number,
  extra: Partial<TrainStart> = {},
  config: Partial<TrainConfig> = {},
): TrainStart {
  return {
    type: 'start',
    runId: 'r1',
    configId,
    dataset: tinyDataset(),
    ...extra,
    config: testTrainConfig({ ...small, keepProb, streamMasks: configId === 'dropout', ...config }),
  };
}

async function runToEnd(startMessage: TrainStart) {
  const messages: FromTrainWorker[] = [];
  const session = new TrainingSession(startMessage, (m) => messages.push(m));
  await session.run();
  return messages;
}

const losses = (ms: FromTrainWorker[]) => ms.flatMap((m) => (m.type === 'progress' ? Array.from(m.losses) : []));
const checks = (ms: FromTrainWorker[]) => ms.flatMap((m) => (m.type === 'check' ? [m.check] : []));

describe('a training session (one configuration in a worker)', () => {
  it('streams every loss once, in order, the checks, and a summary', async () => {
    const ms = await runToEnd(start('dropout', 0.5));
    expect(ms[0]).toMatchObject({
      type: 'ready',
      numIterations: 15,
      iterationsPerEpoch: 5,
      numTrain: 100,
      numVal: 1000,
    });
    expect(losses(ms)).toHaveLength(15);
    const firsts = ms.flatMap((m) => (m.type === 'progress' ? [[m.firstIteration, m.losses.length]] : []));
    let expected = 1;
    for (const [first, n] of firsts) {
      expect(first).toBe(expected);
      expected += n;
    }
    expect(checks(ms).map((c) => c.epoch)).toEqual([0, 1, 2, 3]);
    const done = ms.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type === 'done') {
      expect(done.summary.outcome).toBe('finished');
      expect(done.summary.iterations).toBe(15);
      expect(done.summary.bestValAcc).toBe(Math.max(...checks(ms).map((c) => c.valAcc)));
    }
  });

  it('both configurations see the same initial weights and batches: with p = 1 they are identical', async () => {
    const a = await runToEnd(start('baseline', 1));
    const b = await runToEnd(start('dropout', 1));
    expect(losses(a)).toEqual(losses(b));
    expect(checks(a)).toEqual(checks(b));
  });

  it('the same seed gives identical histories; another seed different ones', async () => {
    const a = await runToEnd(start('dropout', 0.5));
    const b = await runToEnd(start('dropout', 0.5));
    const c = await runToEnd(start('dropout', 0.5, {}, { seed: 7 }));
    expect(losses(a)).toEqual(losses(b));
    expect(losses(a)).not.toEqual(losses(c));
  });

  it('sends masks from the net itself: bit-packed, with the kept fraction near p and after = before * mask', async () => {
    const ms = await runToEnd(start('dropout', 0.25, {}, { hiddenSize: 400 }));
    const masks = ms.flatMap((m) => (m.type === 'mask' ? [m.frame] : []));
    expect(masks.length).toBeGreaterThan(0);
    const frame = masks.at(-1)!;
    expect([frame.rows, frame.cols]).toEqual([20, 400]);
    expect(Math.abs(frame.keptCount / (frame.rows * frame.cols) - 0.25)).toBeLessThan(0.03);
    const bits = unpackMask(new Uint8Array(frame.bits), frame.rows * frame.cols);
    for (let j = 0; j < frame.cols; j++) {
      const kept = bits[frame.example * frame.cols + j] === 1;
      expect(frame.after![j]).toBeCloseTo(kept ? frame.before![j] / 0.25 : 0, 4);
    }
    const perUnit = Array.from(frame.keptPerUnit!);
    expect(perUnit.reduce((s, v) => s + v, 0) / (frame.maskRowsSeen * frame.cols)).toBeCloseTo(0.25, 1);
    // Every example's rows come along, so the panel can show another one without the worker (after the run too).
    expect(frame.rowsBefore!.subarray(frame.example * frame.cols, (frame.example + 1) * frame.cols)).toEqual(
      frame.before,
    );
    for (let i = 0; i < frame.rows * frame.cols; i++)
      expect(frame.rowsAfter![i]).toBeCloseTo(bits[i] === 1 ? frame.rowsBefore![i] / 0.25 : 0, 4);
    const other = frameShowing(frame, 17);
    expect(other.example).toBe(17);
    expect(other.before).toEqual(frame.rowsBefore!.slice(17 * 400, 18 * 400));
    expect(other.after).toEqual(frame.rowsAfter!.slice(17 * 400, 18 * 400));
    expect(frameShowing(frame, 99).example).toBe(19);
    expect(frameShowing({ ...frame, rowsBefore: null, rowsAfter: null }, 17)).toEqual({
      ...frame,
      rowsBefore: null,
      rowsAfter: null,
    });
  });

  it('with two hidden layers the mask of either layer can be inspected, each from the net itself', async () => {
    const ms: FromTrainWorker[] = [];
    const session = new TrainingSession(
      start('dropout', 0.5, { paused: true }, { hiddenLayers: 2, hiddenSize: 30 }),
      (m) => ms.push(m),
    );
    const finished = session.run();
    session.step();
    await new Promise((r) => setTimeout(r, 20));
    session.inspect(4, 1);
    const frames = ms.flatMap((m) => (m.type === 'mask' ? [m.frame] : []));
    const [first, second] = [frames[0], frames.at(-1)!];
    expect([first.layer, first.layers, first.example]).toEqual([0, 2, 0]);
    expect([second.layer, second.layers, second.example]).toEqual([1, 2, 4]);
    expect(second.cols).toBe(30);
    expect(Array.from(second.before!)).not.toEqual(Array.from(first.before!));
    session.resume();
    await finished;
  });

  it('a diverging run stops with "diverged at iteration k" and keeps its history', async () => {
    const ms = await runToEnd(start('baseline', 1, {}, { learningRate: 1e6, weightScale: 5, updateRule: 'sgd' }));
    const done = ms.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.summary.outcome).toBe('diverged');
    expect(done.summary.message).toMatch(/^diverged at iteration \d+/);
    expect(losses(ms)).toHaveLength(done.summary.iterations);
  });

  it('paused: Step runs exactly one iteration, Resume runs to the end', async () => {
    const ms: FromTrainWorker[] = [];
    const session = new TrainingSession(start('dropout', 0.5, { paused: true }), (m) => ms.push(m));
    const finished = session.run();
    await new Promise((r) => setTimeout(r, 20));
    expect(losses(ms)).toHaveLength(0);
    session.step();
    await new Promise((r) => setTimeout(r, 20));
    expect(losses(ms)).toHaveLength(1);
    session.step();
    await new Promise((r) => setTimeout(r, 20));
    expect(losses(ms)).toHaveLength(2);
    session.resume();
    await finished;
    expect(losses(ms)).toHaveLength(15);
  });
});
