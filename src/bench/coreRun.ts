import { GpuTrainer } from '../core/gpu/gpuTrainer.ts';
import type { RawDataset } from '../data/types.ts';
import { experimentStreams, trainConfig, type ConfigPlan } from '../store/runState.ts';
import type { RunSettings } from '../store/settingsSchema.ts';
import type { ConfigId, ConfigSummary, FromTrainWorker } from '../worker/trainProtocol.ts';
import { TrainingSession } from '../worker/trainingSession.ts';

export interface ConfigTiming {
  configId: ConfigId;
  keepProb: number;
  /** Training, from the first step to the last (data split and model creation excluded, as in numpy_reference.py): until 'done'. */
  seconds: number;
  /** After 'done', the "Why it works" figures of the trained net (features, activation statistics, Monte-Carlo dropout). */
  insightSeconds: number;
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
  checks: number;
  iterations: number;
  /** On the GPU path, this thread's time to record and submit a step (masks drawn included), in ms; null on the CPU. */
  gpuRecordMsPerStep: number | null;
}

/**
 * Prepares one configuration exactly as a training worker does: the app's own
 * TrainingSession (same split, net, seeds, solver and kernels), with no browser, no
 * worker messaging and no UI. The function returned trains it and times the training.
 */
export function prepareConfiguration(
  dataset: RawDataset,
  settings: RunSettings,
  plan: Pick<ConfigPlan, 'configId' | 'keepProb' | 'scaling'>,
  kernel: string,
  device: GPUDevice | null = null,
): () => Promise<ConfigTiming> {
  let checks = 0;
  let summary: ConfigSummary | null = null;
  let failure: string | null = null;
  let doneAt = NaN;
  const post = (m: FromTrainWorker) => {
    if (m.type === 'check') checks++;
    else if (m.type === 'done') [summary, doneAt] = [m.summary, performance.now()];
    else if (m.type === 'error') failure = m.message;
  };
  const session = new TrainingSession(
    // As the app starts it: the 'dropout' configuration streams its masks, as it does to the mask panel.
    {
      type: 'start',
      runId: 'bench',
      configId: plan.configId,
      config: trainConfig(settings, plan, experimentStreams(plan.configId)),
      dataset,
    },
    post,
    kernel,
    device,
  );
  return async () => {
    const t0 = performance.now();
    await session.run();
    const end = performance.now();
    const seconds = (doneAt - t0) / 1000;
    const insightSeconds = (end - doneAt) / 1000;
    const s = summary;
    if (failure || !s || s.outcome !== 'finished')
      throw new Error(`configuration ${plan.configId} did not finish: ${failure ?? s?.message ?? 'no summary'}`);
    return {
      configId: plan.configId,
      keepProb: plan.keepProb,
      seconds,
      insightSeconds,
      finalTrainAcc: s.finalTrainAcc,
      finalValAcc: s.finalValAcc,
      bestValAcc: s.bestValAcc,
      checks,
      iterations: s.iterations,
      gpuRecordMsPerStep: session.trainer instanceof GpuTrainer ? session.trainer.recordMsPerStep : null,
    };
  };
}
