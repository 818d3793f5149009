import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropoutScaling } from '../../core/layers.ts';
import { useLab } from '../../store/index.ts';
import { isActive, type ConfigStatus } from '../../store/runState.ts';
import type { ConfigId, FeatureFrame } from '../../worker/trainProtocol.ts';
import { configColor } from '../figures/configColor.ts';
import { configLabel } from '../settings/configLabel.ts';
import type { LabelledInsight, ReadingContext } from './insightReading.ts';

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
  | { kind: 'none' | 'elsewhere'; paper: boolean }
  | {
      kind: 'trained';
      paper: boolean;
      configCount: number;
      features: LabelledFeatures[];
      insights: LabelledInsight[];
      /** The run has ended and a configuration that trained to its end is still computing its figures (a second or so). */
      computing: boolean;
      context: ReadingContext;
      /** Each configuration's colour, as the experiment's charts give it (by what it is, not its place). */
      colors: Partial<Record<ConfigId, string>>;
    };

/** Whose figures a cell shows: the run the model setting chooses (the paper's autoencoder or the experiment's), or always the experiment's. */
export type InsightSource = 'chosen' | 'experiment';

interface KeyedRun {
  runId: string;
  settings: { scaling: DropoutScaling; numTrain: number; batchSize: number; epochs: number };
  configs: NamedConfig[];
}

/**
 * The run's identity, scaling and configurations as one string: it changes when another run is shown, not with every
 * streamed loss (five times a second), so these cells render only when their own figures change.
 */
function runKey(run: KeyedRun | null): string {
  if (!run) return '';
  const { scaling, numTrain, batchSize, epochs } = run.settings;
  const steps = epochs * Math.max(1, Math.floor(numTrain / batchSize));
  return JSON.stringify([
    run.runId,
    scaling,
    run.configs.map((c) => [c.configId, c.keepProb, c.status]),
    steps,
    numTrain,
  ]);
}

export function useRunInsight(source: InsightSource = 'chosen'): RunInsightView {
  const { t } = useTranslation();
  const paper = useLab((s) => source === 'chosen' && s.settings.model === 'autoencoder');
  const key = useLab((s) => runKey(paper ? s.paperRun : s.run));
  const insight = useLab((s) => (paper ? s.paperInsight : s.insight));
  // The charts of a finished configuration wait for the whole run: drawn while the other configuration still
  // trains, they would take main-thread time from it on a two-core machine.
  const running = useLab((s) => isActive(paper ? s.paperRun : s.run));
  const features = insight?.features;
  const configs = insight?.configs;
  const run = useMemo(
    () =>
      key ? (JSON.parse(key) as [string, DropoutScaling, [ConfigId, number, ConfigStatus][], number, number]) : null,
    [key],
  );
  const labelled = useMemo(
    () =>
      run?.[2].map(([configId, keepProb]) => ({ configId, label: configLabel(t, configId, keepProb, run[1]) })) ?? [],
    [run, t],
  );
  const featureList = useMemo(
    () =>
      labelled.flatMap(({ configId, label }) =>
        features?.[configId] ? [{ configId, label, frame: features[configId] }] : [],
      ),
    [labelled, features],
  );
  const insightList = useMemo(
    () =>
      running
        ? []
        : labelled.flatMap(({ configId, label }) =>
            configs?.[configId] ? [{ configId, label, insight: configs[configId] }] : [],
          ),
    [labelled, configs, running],
  );
  const problems = insight?.problems;
  const computing =
    !running &&
    !!run &&
    run[2].some(
      ([configId, , status]) => status === 'finished' && !configs?.[configId] && problems?.[configId] === undefined,
    );
  return useMemo(() => {
    if (!run) return { kind: 'none', paper };
    if (!insight || insight.runId !== run[0]) return { kind: 'elsewhere', paper };
    const context = { paper, steps: run[3], images: run[4] };
    const colors = Object.fromEntries(
      run[2].map(([configId, keepProb]) => [configId, configColor(configId, keepProb, run[1])]),
    );
    return {
      kind: 'trained',
      paper,
      configCount: labelled.length,
      features: featureList,
      insights: insightList,
      computing,
      context,
      colors,
    };
  }, [run, insight, labelled.length, featureList, insightList, computing, paper]);
}
