import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { configLabel } from '../settings/configLabel.ts';
import { useLab } from '../../store/index.ts';
import { savedRunName, type SavedRun } from '../../store/savedRuns.ts';
import type { Lang } from '../../store/languageSlice.ts';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { FULL_ACCURACY_AXIS, fitAxis } from '../figures/axisTicks.ts';
import { rowValues } from '../experiment/chartData.ts';
import { AxisRangeNote } from '../experiment/RunCharts.tsx';

/** One color per compared run; the baseline dashed, the dropout net solid. */
const RUN_COLORS = Array.from({ length: 8 }, (_, i) => `var(--series-${i + 1})`);

interface Series {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
}

/** Validation accuracy of every configuration of the picked runs, by epoch. */
function overlayData(t: TFunction, runs: SavedRun[], lang: Lang): { series: Series[]; rows: Record<string, number>[] } {
  const series: Series[] = [];
  const byEpoch = new Map<number, Record<string, number>>();
  runs.forEach((run, i) => {
    for (const c of run.configs) {
      const key = `r${i}-${c.configId}`;
      series.push({
        key,
        name: `${savedRunName(run, lang)}: ${configLabel(t, c.configId, c.keepProb, run.settings.scaling)}`,
        color: RUN_COLORS[i % RUN_COLORS.length],
        dashed: c.configId === 'baseline',
      });
      for (const check of c.checks) {
        const row = byEpoch.get(check.epoch) ?? byEpoch.set(check.epoch, { epoch: check.epoch }).get(check.epoch)!;
        row[key] = check.valAcc;
      }
    }
  });
  return { series, rows: [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch) };
}

/** The picked runs' validation accuracies on one chart. */
export function OverlayChart({ runs }: { runs: SavedRun[] }) {
  const { t } = useTranslation();
  const lang = useLab((s) => s.lang);
  const { series, rows } = useMemo(() => overlayData(t, runs, lang), [runs, t, lang]);
  const [fullRange, setFullRange] = useState(false);
  const axis = useMemo(() => (fullRange ? FULL_ACCURACY_AXIS : fitAxis(rowValues(rows, 'epoch'))), [rows, fullRange]);
  return (
    <>
      <LineChartFigure
        title={t('runs.overlay')}
        rows={rows}
        series={series}
        xKey="epoch"
        xLabel={t('charts.epoch')}
        yDomain={axis.domain}
        yTicks={axis.ticks}
        digits={3}
        height={300}
      />
      <AxisRangeNote fullRange={fullRange} onChange={setFullRange} />
    </>
  );
}
