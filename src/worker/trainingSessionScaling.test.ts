import { describe, expect, it } from 'vitest';
import type { DropoutScaling } from '../core/layers.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import type { FromTrainWorker } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';

const tinyDataset = (count = 1200) => syntheticDataset(count, 'scaling');

/** Enough for 100 training and 1,000 validation examples. */
const dataset = tinyDataset();
async function losses(scaling: DropoutScaling, keepProb = 0.5): Promise<number[]> {
  const out: number[] = [];
  const post = (m: FromTrainWorker) => {
    if (m.type === 'progress') out.push(...m.losses);
  };
  const config = testTrainConfig({
    keepProb,
    scaling,
    hiddenSize: 16,
    numTrain: 100,
    epochs: 2,
    batchSize: 20,
    learningRate: 1e-2,
  });
  await new TrainingSession({ type: 'start', runId: 'r', configId: 'dropout', config, dataset }, post).run();
  return out;
}

describe("a training session uses its configuration's scaling", () => {
  it('same weights, batches and masks: only the scaling differs, and it changes the losses', async () => {
    const inverted = await losses('inverted');
    const none = await losses('none');
    const vanilla = await losses('vanilla');
    expect(none).toHaveLength(inverted.length);
    expect(none).not.toEqual(inverted);
    // Vanilla dropout scales only at test time: its training losses are those of no scaling.
    expect(vanilla).toEqual(none);
  });

  it('at p = 1 the scaling changes nothing', async () => {
    expect(await losses('none', 1)).toEqual(await losses('inverted', 1));
  });
});
