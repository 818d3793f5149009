import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL_FILL, AXIS_PROPS, GRID_STROKE, TOOLTIP_PROPS } from './chartStyle.ts';
import { fixed } from '../i18n/format.ts';
import { endTicks, valueTick } from './axisTicks.ts';
import { ChartLegend } from './ChartLegend.tsx';

export interface ChartSeries {
  /** The row field this line draws. */
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** Points past the moment the other lines reach: drawn faded, and left out of the legend, tooltip and table. */
  faded?: boolean;
}

export type ChartRow = Record<string, number>;

interface Props {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  xKey: string;
  xLabel: string;
  /** Tooltip heading for an x value ("Epoch 3", "p = 0.5"). */
  xText?: (x: number) => string;
  xDomain?: [number | string, number | string];
  xTicks?: number[];
  /** How an x value reads on the axis and in the data table (default: the number). */
  xTickText?: (x: number) => string;
  yDomain?: [number | string, number | string];
  /** Where the y axis writes its ticks (even steps); Recharts picks them without. */
  yTicks?: number[];
  yTick?: (y: number) => string;
  digits: number;
  height?: number;
  dots?: boolean;
  legendOrder?: (key: string) => number;
  /** How many of the newest rows the data table lists. */
  tableRows?: number;
}

function dataTicks(rows: ChartRow[], xKey: string): number[] {
  let [min, max] = [Infinity, -Infinity];
  for (const r of rows) {
    const x = r[xKey];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return endTicks(min, max);
}

/**
 * A Recharts line chart, and the same numbers as a table for screen readers and
 * tests. Memoized: a Recharts render is the page's most expensive work.
 */
export const LineChartFigure = memo(function LineChartFigure({
  title,
  rows,
  series,
  xKey,
  xLabel,
  xText = (x) => `${xLabel} ${x}`,
  xDomain = ['dataMin', 'dataMax'],
  xTicks,
  xTickText,
  yDomain = [0, 'auto'],
  yTicks,
  yTick = valueTick,
  digits,
  height = 230,
  dots = false,
  legendOrder,
  tableRows = 200,
}: Props) {
  const { t } = useTranslation();
  const order = new Map(series.map((s, i) => [s.key, legendOrder ? legendOrder(s.key) : i]));
  const tabled = series.filter((s) => !s.faded);
  // Over the data's own range, even steps and the end (Recharts crowded the end onto the last even tick). Kept by
  // value: a new array on every redraw would make Recharts register the axis again and draw the chart twice.
  const tickText =
    (
      xTicks ?? (xDomain[0] === 'dataMin' && xDomain[1] === 'dataMax' && rows.length ? dataTicks(rows, xKey) : null)
    )?.join(',') ?? null;
  const ticks = useMemo(() => (tickText === null ? undefined : tickText.split(',').map(Number)), [tickText]);
  return (
    <figure className="chart" aria-label={title}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 5, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} />
          <XAxis
            dataKey={xKey}
            type="number"
            domain={xDomain}
            ticks={ticks}
            allowDecimals={false}
            tickFormatter={xTickText}
            {...AXIS_PROPS}
            label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: AXIS_LABEL_FILL }}
          />
          <YAxis
            domain={yDomain}
            ticks={yTicks}
            interval={yTicks ? 0 : undefined}
            width={54}
            tickFormatter={yTick}
            {...AXIS_PROPS}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(v) => (typeof v === 'number' ? fixed(v, digits) : String(v))}
            labelFormatter={(x) => xText(Number(x))}
          />
          {/* Measured, not a fixed height: three names wrap onto a second line in a half-width chart. */}
          {/* The padding is measured with the legend: room for the top tick's label, which is centred on the plot's edge. */}
          <Legend
            verticalAlign="top"
            wrapperStyle={{ paddingBottom: 10 }}
            itemSorter={(item) => order.get(String(item.dataKey)) ?? 0}
            content={ChartLegend}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              strokeOpacity={s.faded ? 0.35 : undefined}
              legendType={s.faded ? 'none' : undefined}
              tooltipType={s.faded ? 'none' : undefined}
              strokeWidth={2}
              dot={dots ? { r: 3 } : false}
              isAnimationActive={false}
              connectNulls
              type="linear"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {/* A wrapper: tables ignore the height and overflow that hide the sr-only box. */}
      <div className="sr-only">
        <table aria-label={t('charts.data', { title })}>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {tabled.map((s) => (
                <th scope="col" key={s.key}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {/* The rows with a solid figure: a faded line's points past the moment are the chart's alone. */}
            {rows
              .filter((r) => tabled.some((s) => r[s.key] !== undefined))
              .slice(-tableRows)
              .map((r, i) => (
                <tr key={i}>
                  <th scope="row">{xTickText ? xTickText(r[xKey]) : r[xKey]}</th>
                  {tabled.map((s) => (
                    <td key={s.key}>{r[s.key] === undefined ? '' : fixed(r[s.key], digits)}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});
