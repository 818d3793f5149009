import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropoutScaling } from '../core/layers.ts';
import { useLab } from '../store/index.ts';
import { plannedConfigs, type ConfigRun } from '../store/runState.ts';
import { accuracyRows, lossRows, type AccuracyKey } from './chartData.ts';
import { configLabel } from './configLabel.ts';
import { LineChartFigure } from './lazyCharts.tsx';
import { createRedrawScheduler, type RedrawScheduler } from './redrawScheduler.ts';
import { RunReading } from './RunReading.tsx';

/** Each configuration's colour in every chart (the style sheet's variables: they follow the theme). */
export const CONFIG_COLORS: Record<string, string> = { baseline: 'var(--series-baseline)', dropout: 'var(--series-dropout)', inverted: 'var(--series-inverted)' };

interface ChartProps {
  title: string;
  configs: ConfigRun[];
  /** The run's chosen scaling, which names its configurations. */
  scaling: DropoutScaling;
  /** Shared by the charts of one panel, so that they take turns redrawing. */
  redraws: RedrawScheduler;
}

/** The run's configurations as chart lines, one column of `rows` each. */
function RunChart({ title, configs, scaling, ...chart }: Omit<ChartProps, 'redraws'> & Omit<Parameters<typeof LineChartFigure>[0], 'title' | 'series'>) {
  const { t } = useTranslation();
  const series = useMemo(
    () => configs.map((c) => ({ key: c.configId, name: configLabel(t, c.configId, c.keepProb, scaling), color: CONFIG_COLORS[c.configId] })),
    [configs, scaling, t],
  );
  return <LineChartFigure title={title} series={series} {...chart} />;
}

/**
 * Redraws only when a check arrives (not on every streamed loss), and at most once a second:
 * a Recharts render costs tens of milliseconds, and the training workers keep both cores busy.
 */
export const AccuracyChart = memo(
  function AccuracyChart({ title, configs, scaling, metric, redraws }: ChartProps & { metric: AccuracyKey | 'gap' }) {
    const { t } = useTranslation();
    const shown = useThrottled(configs, ACCURACY_REDRAW_MS, redraws);
    const rows = useMemo(() => accuracyRows(shown, metric), [shown, metric]);
    return (
      <RunChart title={title} configs={shown} scaling={scaling} rows={rows} xKey="epoch" xLabel={t('charts.epoch')}
        yDomain={metric === 'gap' ? ['auto', 'auto'] : [0, 1]} digits={3} />
    );
  },
  (a, b) => a.title === b.title && a.metric === b.metric && a.scaling === b.scaling && a.redraws === b.redraws && sameChecks(a.configs, b.configs),
);

function sameChecks(a: ConfigRun[], b: ConfigRun[]): boolean {
  return a.length === b.length && a.every((c, i) => c.checks === b[i].checks && c.label === b[i].label);
}

/**
 * Once a second: the three Recharts accuracy charts are the page's main cost while training (npm run bench: the
 * main thread busy 5.4 s of a 12 s run at 300 ms, about 2 s with them hidden), time a 2-core machine takes from
 * the training workers.
 */
const ACCURACY_REDRAW_MS = 1000;
/** The loss chart follows the stream about once a second: often enough to watch, cheap on a busy machine. */
const LOSS_REDRAW_MS = 1000;

/** Pause between two charts' redraws, so that no single task draws several charts. */
const REDRAW_GAP_MS = 40;

/**
 * `value`, updated at most every `ms`. Redraws of different charts take turns
 * (one per task), and each is a transition, so React renders it in slices and
 * input and the status line stay responsive while the workers take both cores.
 */
function useThrottled<T>(value: T, ms: number, redraws: RedrawScheduler): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    let cancelled = false;
    const show = () =>
      redraws.queue(() => {
        if (cancelled) return;
        last.current = performance.now();
        startTransition(() => setShown(value));
      });
    const wait = last.current + ms - performance.now();
    const t = setTimeout(show, Math.max(0, wait));
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [value, ms, redraws]);
  return shown;
}

export function LossChart({ configs, scaling, redraws }: Omit<ChartProps, 'title'>) {
  const { t } = useTranslation();
  const shown = useThrottled(configs, LOSS_REDRAW_MS, redraws);
  const rows = useMemo(() => lossRows(shown), [shown]);
  return <RunChart title={t('charts.loss')} configs={shown} scaling={scaling} rows={rows} xKey="iteration" xLabel={t('charts.iteration')} digits={4} tableRows={10} />;
}

/**
 * Empty charts for the configurations the next run will train: the charts are
 * mounted (an expensive first render) before Train is pressed, not while the
 * workers take both cores.
 */
function usePlannedConfigs(): ConfigRun[] {
  const keepProb = useLab((s) => s.settings.keepProb);
  const scaling = useLab((s) => s.settings.scaling);
  return useMemo(() => plannedConfigs({ ...useLab.getState().settings, keepProb, scaling }), [keepProb, scaling]);
}

export function RunCharts() {
  const planned = usePlannedConfigs();
  const configs = useLab((s) => s.run?.configs) ?? planned;
  const runScaling = useLab((s) => s.run?.settings.scaling);
  const plannedScaling = useLab((s) => s.settings.scaling);
  const scaling = runScaling ?? plannedScaling;
  const [redraws] = useState(() => createRedrawScheduler(REDRAW_GAP_MS));
  const { t } = useTranslation();
  return (
    <div className="charts">
      <AccuracyChart title={t('charts.trainAcc')} configs={configs} scaling={scaling} metric="trainAcc" redraws={redraws} />
      <AccuracyChart title={t('charts.valAcc')} configs={configs} scaling={scaling} metric="valAcc" redraws={redraws} />
      <AccuracyChart title={t('charts.gap')} configs={configs} scaling={scaling} metric="gap" redraws={redraws} />
      <RunReading />
      <div className="chart-wide">
        <LossChart configs={configs} scaling={scaling} redraws={redraws} />
      </div>
    </div>
  );
}
