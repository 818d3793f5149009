import type { ConfigId, ConfigInsight, FeatureFrame, FromTrainWorker } from '../worker/trainProtocol.ts';

/** What the "Why it works" cells show of a run: its configurations' newest weight tiles and, once each has trained to its end, its insight. */
export interface RunInsight {
  runId: string;
  features: Partial<Record<ConfigId, FeatureFrame>>;
  configs: Partial<Record<ConfigId, ConfigInsight>>;
  /** Why a configuration's figures could not be computed (its run is not affected). */
  problems: Partial<Record<ConfigId, string>>;
}

/** A new run's figures: none yet. */
export const noInsightYet = (runId: string): RunInsight => ({ runId, features: {}, configs: {}, problems: {} });

/** The "Why it works" figures a batch of worker messages brings: newer tiles, a configuration's insight, or why it has none. Pure. */
export function applyInsightMessages(
  insight: RunInsight | null,
  messages: readonly FromTrainWorker[],
): RunInsight | null {
  let next = insight;
  for (const m of messages) {
    if (!next || m.runId !== next.runId) continue;
    if (m.type === 'features') next = { ...next, features: { ...next.features, [m.configId]: m.frame } };
    else if (m.type === 'insight') {
      const figures = m.insight;
      next = figures
        ? {
            ...next,
            features: { ...next.features, [m.configId]: figures.features },
            configs: { ...next.configs, [m.configId]: figures },
          }
        : { ...next, problems: { ...next.problems, [m.configId]: m.problem ?? '' } };
    }
  }
  return next;
}
