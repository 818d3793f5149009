import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropoutScaling } from '../../core/layers.ts';
import { useLab, useLabStore } from '../../store/index.ts';
import { plannedConfigs, type ConfigRun } from '../../store/runState.ts';
import { FULL_ACCURACY_AXIS, fitAxis } from '../figures/axisTicks.ts';
import { accuracyRows, lossRows, rowValues, type AccuracyKey } from './chartData.ts';
import { configColor } from '../figures/configColor.ts';
import { aheadKey, runMoment, type RunMoment } from './runMoment.ts';
import { useShownRun } from './shownRun.tsx';
import { configLabel } from '../settings/configLabel.ts';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { createRedrawScheduler, type RedrawScheduler } from '../figures/redrawScheduler.ts';
import { RunReading } from './RunReading.tsx';

interface ChartProps {
  title: string;
  configs: ConfigRun[];
  /** The run's chosen scaling, which names its configurations. */
  scaling: DropoutScaling;
  /** Where every chart stops drawing solid lines (the configuration behind). */
  moment: RunMoment;
  /** Shared by the charts of one panel, so that they take turns redrawing. */
  redraws: RedrawScheduler;
}

/** The run's configurations as chart lines, one column of `rows` each, and their points past the moment faded. */
function RunChart({
  title,
  configs,
  scaling,
  ...chart
}: Omit<ChartProps, 'redraws' | 'moment'> & Omit<Parameters<typeof LineChartFigure>[0], 'title' | 'series'>) {
  const { t } = useTranslation();
  const series = useMemo(
    () =>
      configs.flatMap((c) => {
        const line = {
          key: c.configId,
          name: configLabel(t, c.configId, c.keepProb, scaling),
          color: configColor(c.configId, c.keepProb, scaling),
        };
        return [line, { ...line, key: aheadKey(c.configId), faded: true }];
      }),
    [configs, scaling, t],
  );
  return <LineChartFigure title={title} series={series} {...chart} />;
}

/** Redraws only when the shown run's checks change (not on every streamed loss), taking turns with the other charts. */
export const AccuracyChart = memo(
  function AccuracyChart({
    title,
    configs,
    scaling,
    metric,
    moment,
    redraws,
    fullRange,
  }: ChartProps & { metric: AccuracyKey | 'gap'; fullRange: boolean }) {
    const { t } = useTranslation();
    const shown = useTakingTurns(
      useMemo(() => ({ configs, moment }), [configs, moment]),
      redraws,
    );
    const rows = useMemo(() => accuracyRows(shown.configs, metric, shown.moment), [shown, metric]);
    const axis = useMemo(
      () =>
        metric === 'gap'
          ? fitAxis(rowValues(rows, 'epoch'), [-1, 1], [0])
          : fullRange
            ? FULL_ACCURACY_AXIS
            : fitAxis(rowValues(rows, 'epoch')),
      [rows, metric, fullRange],
    );
    return (
      <RunChart
        title={title}
        configs={shown.configs}
        scaling={scaling}
        rows={rows}
        xKey="epoch"
        xLabel={t('charts.epoch')}
        yDomain={axis.domain}
        yTicks={axis.ticks}
        digits={3}
      />
    );
  },
  (a, b) =>
    a.title === b.title &&
    a.metric === b.metric &&
    a.scaling === b.scaling &&
    a.redraws === b.redraws &&
    a.fullRange === b.fullRange &&
    a.moment.checks === b.moment.checks &&
    sameChecks(a.configs, b.configs),
);

function sameChecks(a: ConfigRun[], b: ConfigRun[]): boolean {
  return a.length === b.length && a.every((c, i) => c.checks === b[i].checks && c.label === b[i].label);
}

/** Pause between two charts' redraws, so that no single task draws several charts. */
const REDRAW_GAP_MS = 40;

/**
 * `value`, shown when this chart's turn comes: redraws of different charts take turns (one per task), and each is a
 * transition, so React renders it in slices and input stays responsive while the workers take both cores. How often
 * the value changes is the shown run's business (at most once a second while training).
 */
function useTakingTurns<T>(value: T, redraws: RedrawScheduler): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    let cancelled = false;
    redraws.queue(() => {
      if (!cancelled) startTransition(() => setShown(value));
    });
    return () => {
      cancelled = true;
    };
  }, [value, redraws]);
  return shown;
}

export const LossChart = memo(function LossChart({ configs, scaling, moment, redraws }: Omit<ChartProps, 'title'>) {
  const { t } = useTranslation();
  const shown = useTakingTurns(
    useMemo(() => ({ configs, moment }), [configs, moment]),
    redraws,
  );
  const rows = useMemo(() => lossRows(shown.configs, 600, shown.moment), [shown]);
  return (
    <RunChart
      title={t('charts.loss')}
      configs={shown.configs}
      scaling={scaling}
      rows={rows}
      xKey="iteration"
      xLabel={t('charts.iteration')}
      digits={4}
      tableRows={10}
    />
  );
});

/**
 * Empty charts for the configurations the next run will train: the charts are
 * mounted (an expensive first render) before Train is pressed, not while the
 * workers take both cores.
 */
function usePlannedConfigs(): ConfigRun[] {
  const keepProb = useLab((s) => s.settings.keepProb);
  const scaling = useLab((s) => s.settings.scaling);
  const store = useLabStore();
  return useMemo(() => plannedConfigs({ ...store.getState().settings, keepProb, scaling }), [store, keepProb, scaling]);
}

/** The experiment's three accuracy charts, in the page's order. */
const ACCURACY_CHARTS = [
  { metric: 'trainAcc', titleKey: 'charts.trainAcc' },
  { metric: 'valAcc', titleKey: 'charts.valAcc' },
  { metric: 'gap', titleKey: 'charts.gap' },
] as const;

export function RunCharts() {
  const planned = usePlannedConfigs();
  const run = useShownRun();
  const configs = run?.configs ?? planned;
  const plannedScaling = useLab((s) => s.settings.scaling);
  const scaling = run?.settings.scaling ?? plannedScaling;
  const moment = useMemo(() => runMoment(configs), [configs]);
  const [redraws] = useState(() => createRedrawScheduler(REDRAW_GAP_MS));
  const [fullRange, setFullRange] = useState(false);
  const { t } = useTranslation();
  return (
    <div className="charts">
      {ACCURACY_CHARTS.map(({ metric, titleKey }) => (
        <AccuracyChart
          key={metric}
          title={t(titleKey)}
          configs={configs}
          scaling={scaling}
          metric={metric}
          moment={moment}
          redraws={redraws}
          fullRange={fullRange}
        />
      ))}
      <RunReading />
      <AxisRangeNote
        fullRange={fullRange}
        onChange={setFullRange}
        ahead={Number.isFinite(moment.checks) && configs.some((c) => c.checks.length > moment.checks)}
      />
      <div className="chart-wide">
        <LossChart configs={configs} scaling={scaling} moment={moment} redraws={redraws} />
      </div>
    </div>
  );
}

/** Says that the accuracy axes are zoomed to the data, with a box for the full 0-1 range; and what faded lines are. */
export function AxisRangeNote({
  fullRange,
  onChange,
  ahead = false,
}: {
  fullRange: boolean;
  onChange(full: boolean): void;
  ahead?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="axis-note chart-wide">
      <p className="muted">{fullRange ? t('charts.axisFull') : t('charts.axisFitted')}</p>
      <label className="inline-field axis-range-toggle">
        <input type="checkbox" checked={fullRange} onChange={(e) => onChange(e.target.checked)} />{' '}
        {t('charts.fullRange')}
      </label>
      {ahead && <p className="muted">{t('charts.aheadNote')}</p>}
    </div>
  );
}
