import { describe, expect, it } from 'vitest';
import type { DropoutScaling } from '../core/layers.ts';
import { defaultSettings, type RunSettings } from '../store/settingsSchema.ts';
import type { ConfigId, FromTrainWorker } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';

const tinyDataset = (count = 1200) => syntheticDataset(count, 'scaling');

/** Enough for 100 training and 1,000 validation examples. */
const dataset = tinyDataset();
const base: RunSettings = { ...defaultSettings(), hiddenSize: 16, numTrain: 100, epochs: 2, batchSize: 20, learningRate: 1e-2 };

async function losses(configId: ConfigId, settingsScaling: DropoutScaling, scaling: DropoutScaling | undefined): Promise<number[]> {
  const out: number[] = [];
  const post = (m: FromTrainWorker) => {
    if (m.type === 'progress') out.push(...m.losses);
  };
  await new TrainingSession({ type: 'start', runId: 'r', configId, keepProb: 0.5, scaling, settings: { ...base, scaling: settingsScaling }, dataset }, post).run();
  return out;
}

describe('a training session uses its configuration\'s own scaling', () => {
  it('not settings.scaling: an inverted configuration of a "No scaling" run trains as inverted dropout', async () => {
    const invertedInNoScalingRun = await losses('dropout', 'none', 'inverted');
    const invertedRun = await losses('dropout', 'inverted', 'inverted');
    const noScaling = await losses('dropout', 'inverted', 'none');
    expect(invertedInNoScalingRun).toEqual(invertedRun);
    // Same weights, batches and masks: only the scaling differs, and it changes the losses.
    expect(noScaling).toHaveLength(invertedRun.length);
    expect(noScaling).not.toEqual(invertedRun);
  });

  it('without a scaling of its own, a configuration uses inverted dropout', async () => {
    expect(await losses('dropout', 'vanilla', undefined)).toEqual(await losses('dropout', 'inverted', 'inverted'));
  });
});
