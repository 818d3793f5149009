import type { FromTrainWorker } from '../worker/trainProtocol.ts';
import type { RunInsight } from './experimentSlice.ts';

/** The "Why it works" figures a batch of worker messages brings: newer tiles, a configuration's insight, or why it has none. Pure. */
export function applyInsightMessages(insight: RunInsight | null, messages: readonly FromTrainWorker[]): RunInsight | null {
  let next = insight;
  for (const m of messages) {
    if (!next || m.runId !== next.runId) continue;
    if (m.type === 'features') next = { ...next, features: { ...next.features, [m.configId]: m.frame } };
    else if (m.type === 'insight') {
      const figures = m.insight;
      next = figures
        ? { ...next, features: { ...next.features, [m.configId]: figures.features }, configs: { ...next.configs, [m.configId]: figures } }
        : { ...next, problems: { ...next.problems, [m.configId]: m.problem ?? '' } };
    }
  }
  return next;
}
