import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropoutScaling } from '../../core/layers.ts';
import { useLab } from '../../store/index.ts';
import { isActive, type ConfigStatus } from '../../store/runState.ts';
import type { ConfigId, FeatureFrame } from '../../worker/trainProtocol.ts';
import { configLabel } from '../configLabel.ts';
import type { LabelledInsight } from './insightReading.ts';

export interface LabelledFeatures {
  configId: ConfigId;
  label: string;
  frame: FeatureFrame;
}

/** A configuration of the run on screen, as these cells name it. */
interface NamedConfig {
  configId: ConfigId;
  keepProb: number;
  status: ConfigStatus;
}

/**
 * The run on screen as the "Why it works" cells see it: 'none' before any run, 'elsewhere' for a run not trained in
 * this session, else its configurations' newest tiles and, once the run has ended, the insight of each configuration
 * that trained to its end (in run order).
 */
export type RunInsightView =
  | { kind: 'none' | 'elsewhere' }
  | {
    kind: 'trained'; configCount: number; features: LabelledFeatures[]; insights: LabelledInsight[];
    /** The run has ended and a configuration that trained to its end is still computing its figures (a second or so). */
    computing: boolean;
  };

/**
 * The run's identity, scaling and configurations as one string: it changes when another run is shown, not with every
 * streamed loss (five times a second), so these cells render only when their own figures change.
 */
function runKey(run: { runId: string; settings: { scaling: DropoutScaling }; configs: NamedConfig[] } | null): string {
  if (!run) return '';
  return JSON.stringify([run.runId, run.settings.scaling, run.configs.map((c) => [c.configId, c.keepProb, c.status])]);
}

export function useRunInsight(): RunInsightView {
  const { t } = useTranslation();
  const key = useLab((s) => runKey(s.run));
  const insight = useLab((s) => s.insight);
  // The charts of a finished configuration wait for the whole run: drawn while the other configuration still
  // trains, they would take main-thread time from it on a two-core machine.
  const running = useLab((s) => isActive(s.run));
  const features = insight?.features;
  const configs = insight?.configs;
  const run = useMemo(() => (key ? (JSON.parse(key) as [string, DropoutScaling, [ConfigId, number, ConfigStatus][]]) : null), [key]);
  const labelled = useMemo(
    () => run?.[2].map(([configId, keepProb]) => ({ configId, label: configLabel(t, configId, keepProb, run[1]) })) ?? [],
    [run, t],
  );
  const featureList = useMemo(
    () => labelled.flatMap(({ configId, label }) => (features?.[configId] ? [{ configId, label, frame: features[configId] }] : [])),
    [labelled, features],
  );
  const insightList = useMemo(
    () => (running ? [] : labelled.flatMap(({ configId, label }) => (configs?.[configId] ? [{ configId, label, insight: configs[configId] }] : []))),
    [labelled, configs, running],
  );
  const problems = insight?.problems;
  const computing = !running && !!run && run[2].some(([configId, , status]) => status === 'finished' && !configs?.[configId] && problems?.[configId] === undefined);
  return useMemo(() => {
    if (!run) return { kind: 'none' };
    if (!insight || insight.runId !== run[0]) return { kind: 'elsewhere' };
    return { kind: 'trained', configCount: labelled.length, features: featureList, insights: insightList, computing };
  }, [run, insight, labelled.length, featureList, insightList, computing]);
}
