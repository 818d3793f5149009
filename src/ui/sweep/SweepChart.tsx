import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SweepState } from '../../store/sweepSlice.ts';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { useRowName } from './sweepNames.ts';

const LINE_COLORS = Array.from({ length: 8 }, (_, i) => `var(--series-${i + 1})`);

/** Best validation accuracy, or the train - val gap at the end, against p, one line per row; the same numbers as a table for screen readers. */
export const SweepChart = memo(function SweepChart({
  sweep,
  metric,
}: {
  sweep: SweepState;
  metric: 'bestValAcc' | 'gap';
}) {
  const { t } = useTranslation();
  const rowName = useRowName();
  const rows = useMemo(
    () =>
      sweep.keepProbs.map((keepProb) => {
        const row: Record<string, number> = { keepProb };
        for (const j of sweep.jobs) {
          if (j.keepProb !== keepProb || !j.figures) continue;
          row[`r${j.row}`] = metric === 'gap' ? j.figures.finalTrainAcc - j.figures.finalValAcc : j.figures.bestValAcc;
        }
        return row;
      }),
    [sweep.keepProbs, sweep.jobs, metric],
  );
  const series = useMemo(
    () =>
      sweep.rows.map((r, i) => ({
        key: `r${r}`,
        name: rowName(sweep.axis, r),
        color: LINE_COLORS[i % LINE_COLORS.length],
      })),
    [sweep.rows, sweep.axis, rowName],
  );
  return (
    <LineChartFigure
      title={t(metric === 'gap' ? 'sweep.gapChartTitle' : 'sweep.chartTitle')}
      rows={rows}
      series={series}
      xKey="keepProb"
      xLabel={t('sweep.chartX')}
      xText={(p) => t('config.keep', { p: String(p) })}
      xDomain={[0, 1]}
      xTicks={sweep.keepProbs}
      yDomain={['auto', 'auto']}
      yTick={(v) => v.toFixed(3)}
      digits={3}
      height={260}
      dots
      legendOrder={(key) => Number(key.slice(1))}
    />
  );
});
