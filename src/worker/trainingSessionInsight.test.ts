import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../data/testing/syntheticDataset.ts';
import { MC_SAMPLE_COUNTS } from '../core/insight/mcDropout.ts';
import { UNCERTAIN_EXAMPLES } from './configInsight.ts';
import { testTrainConfig } from './testing/trainConfig.ts';
import type { ConfigInsight, FromTrainWorker, TrainConfig, TrainStart } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';

const dataset = syntheticDataset(1600, 'insight');
const small: Partial<TrainConfig> = { hiddenSize: 20, numTrain: 200, epochs: 4, batchSize: 20, learningRate: 1e-2 };

async function run(configId: 'baseline' | 'dropout', keepProb: number, config: Partial<TrainConfig> = {}) {
  const start: TrainStart = {
    type: 'start',
    runId: 'r',
    configId,
    dataset,
    config: testTrainConfig({ ...small, keepProb, insight: true, ...config }),
  };
  const messages: FromTrainWorker[] = [];
  await new TrainingSession(start, (m) => messages.push(m)).run();
  return messages;
}

const insightOf = (ms: FromTrainWorker[]): ConfigInsight | undefined =>
  ms.flatMap((m) => (m.type === 'insight' && m.insight ? [m.insight] : []))[0];

describe('a training session\'s insight (the "Why it works" cells)', () => {
  it("streams the first layer as tiles from the start, and after done sends the trained net's figures as its last message", async () => {
    const ms = await run('dropout', 0.5);
    const frames = ms.flatMap((m) => (m.type === 'features' ? [m.frame] : []));
    expect(frames[0]).toMatchObject({ iteration: 0, final: false, hiddenUnits: 20, tileWidth: dataset.imageShape[2] });
    expect(frames[0].roughness).toBeNull();
    const types = ms.map((m) => m.type);
    expect(types.slice(-2)).toEqual(['done', 'insight']);
    expect(types.filter((t) => t === 'insight')).toHaveLength(1);
    const insight = insightOf(ms)!;
    expect(insight.features).toMatchObject({ final: true, iteration: 40, hiddenUnits: 20 });
    expect(insight.features.roughness).toBeGreaterThan(0);
    expect(insight.features.rgba).toHaveLength(20 * dataset.imageShape[1] * dataset.imageShape[2] * 4);
    expect(insight.activations).toMatchObject({ rows: 1000, units: 20 });
    expect(insight.activations.activations.counts.reduce((a, b) => a + b)).toBe(20_000);
    expect(insight.mc!.sampleCounts).toEqual([...MC_SAMPLE_COUNTS]);
    const summary = ms.find((m) => m.type === 'done')!;
    // The figures are the best parameters': their test-mode accuracy is the best validation accuracy.
    if (summary.type === 'done') expect(insight.mc!.deterministicAcc).toBeCloseTo(summary.summary.bestValAcc, 10);
    expect(insight.uncertain).toHaveLength(UNCERTAIN_EXAMPLES);
    const [c, h, w] = dataset.imageShape;
    for (const u of insight.uncertain) {
      expect(u.pixels).toHaveLength(c * h * w);
      expect(u.trueLabel).toBeGreaterThanOrEqual(0);
      expect(u.confidence).toBeGreaterThan(0);
    }
    expect(insight.uncertain[0].entropy).toBeGreaterThanOrEqual(insight.uncertain.at(-1)!.entropy);
  });

  it('the same run gives the same Monte-Carlo curve; p = 1 has none', async () => {
    const [a, b] = [insightOf(await run('dropout', 0.5)), insightOf(await run('dropout', 0.5))];
    expect(a!.mc).toEqual(b!.mc);
    const baseline = insightOf(await run('baseline', 1))!;
    expect(baseline.mc).toBeNull();
    expect(baseline.uncertain).toEqual([]);
  });

  it('live frames carry only the tiles on screen; a new view gets a frame at once; the final frame carries both orders', async () => {
    const start: TrainStart = {
      type: 'start',
      runId: 'r',
      configId: 'dropout',
      dataset,
      featureView: { count: 4, order: 'index' },
      config: testTrainConfig({ ...small, keepProb: 0.5, insight: true, epochs: 1 }),
    };
    const messages: FromTrainWorker[] = [];
    const session = new TrainingSession(start, (m) => messages.push(m));
    const first = messages.find((m) => m.type === 'features');
    if (first?.type !== 'features') throw new Error('no live frame');
    expect(Array.from(first.frame.byIndex, (t) => first.frame.units[t])).toEqual([0, 1, 2, 3]);
    expect(first.frame.byNorm).toHaveLength(0);
    expect(first.frame.units).toHaveLength(4);
    session.showFeatures({ count: 3, order: 'norm' });
    const second = messages.filter((m) => m.type === 'features').at(-1)!;
    if (second.type !== 'features') throw new Error('no frame after the new view');
    expect(second.frame.byNorm).toHaveLength(3);
    expect(second.frame.byIndex).toHaveLength(0);
    const norms = Array.from(second.frame.byNorm, (t) => second.frame.norms[t]);
    expect([...norms].sort((a, b) => b - a)).toEqual(norms);
    await session.run();
    const final = insightOf(messages)!.features;
    expect(final.byIndex).toHaveLength(20);
    expect(final.byNorm).toHaveLength(20);
  });

  it('sweeps (insight off) send neither tiles nor insight', async () => {
    const ms = await run('dropout', 0.5, { insight: false, epochs: 1 });
    expect(ms.some((m) => m.type === 'features' || m.type === 'insight')).toBe(false);
  });
});
