import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL_FILL, AXIS_PROPS, GRID_STROKE, TOOLTIP_PROPS } from './chartStyle.ts';
import type { Histogram } from '../../core/insight/activationStats.ts';
import { fixed, percent } from '../i18n/format.ts';
import { endTicks, shareTick } from './axisTicks.ts';

interface Props {
  title: string;
  histogram: Histogram;
  xLabel: string;
  color: string;
}

const tick = (v: number) => String(Number(v.toPrecision(2)));

/** A histogram as shares of its values per bin, and the same numbers as a table for screen readers. */
export const HistogramFigure = memo(function HistogramFigure({ title, histogram, xLabel, color }: Props) {
  const { t } = useTranslation();
  const total = histogram.counts.reduce((a, b) => a + b, 0) || 1;
  const rows = histogram.counts.map((count, i) => ({
    x: (histogram.edges[i] + histogram.edges[i + 1]) / 2,
    from: histogram.edges[i],
    to: histogram.edges[i + 1],
    share: count / total,
  }));
  // Even steps and the last edge, none crowding it (Recharts wrote "6 6.7").
  const xTicks = endTicks(histogram.edges[0], histogram.edges.at(-1)!, 5, 0);
  const binText = (i: number) => t('why.sparsity.bin', { from: fixed(rows[i].from, 3), to: fixed(rows[i].to, 3) });
  return (
    <figure className="chart" aria-label={title}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={180}>
        {/* Room on the left for the widest share ("10.5%"): at 0 its first digit was cut off. */}
        <BarChart data={rows} margin={{ top: 5, right: 12, bottom: 16, left: 6 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[histogram.edges[0], histogram.edges.at(-1)!]}
            ticks={xTicks}
            interval={0}
            tickFormatter={tick}
            {...AXIS_PROPS}
            label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: AXIS_LABEL_FILL }}
          />
          {/* Every tick (interval 0): Recharts otherwise dropped one (0%, 20%, 40%, 80%) and its gridline with it. */}
          <YAxis width={58} tickFormatter={shareTick} interval={0} {...AXIS_PROPS} />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v) => (typeof v === 'number' ? percent(v, 1) : String(v))}
            labelFormatter={(_, payload) =>
              payload?.[0] ? binText(rows.indexOf(payload[0].payload as (typeof rows)[number])) : ''
            }
          />
          <Bar dataKey="share" name={t('why.sparsity.share')} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <div className="sr-only">
        <table aria-label={t('charts.data', { title })}>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              <th scope="col">{t('why.sparsity.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{binText(i)}</th>
                <td>{percent(r.share, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});
