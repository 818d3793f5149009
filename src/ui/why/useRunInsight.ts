import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import type { ConfigRun } from '../../store/runState.ts';
import type { ConfigId, FeatureFrame } from '../../worker/trainProtocol.ts';
import { configLabel } from '../configLabel.ts';
import type { LabelledInsight } from './insightReading.ts';

export interface LabelledFeatures {
  configId: ConfigId;
  label: string;
  frame: FeatureFrame;
}

/**
 * The run on screen as the "Why it works" cells see it: 'none' before any run, 'elsewhere' for a run not trained in
 * this session, else its configurations' newest tiles and the insight of each that trained to its end (in run order).
 */
export type RunInsightView =
  | { kind: 'none' | 'elsewhere' }
  | { kind: 'trained'; configs: ConfigRun[]; features: LabelledFeatures[]; insights: LabelledInsight[] };

export function useRunInsight(): RunInsightView {
  const { t } = useTranslation();
  const run = useLab((s) => s.run);
  const insight = useLab((s) => s.insight);
  return useMemo(() => {
    if (!run) return { kind: 'none' };
    if (!insight || insight.runId !== run.runId) return { kind: 'elsewhere' };
    const label = (c: ConfigRun) => configLabel(t, c.configId, c.keepProb, run.settings.scaling);
    const features: LabelledFeatures[] = [];
    const insights: LabelledInsight[] = [];
    for (const c of run.configs) {
      const frame = insight.features[c.configId];
      if (frame) features.push({ configId: c.configId, label: label(c), frame });
      const trained = insight.configs[c.configId];
      if (trained) insights.push({ configId: c.configId, label: label(c), insight: trained });
    }
    return { kind: 'trained', configs: run.configs, features, insights };
    // The run's configurations change with every streamed loss; what this view shows changes with these.
  }, [run, insight, t]);
}
