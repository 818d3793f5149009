import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLab } from '../store/index.ts';
import type { ConfigRun } from '../store/runState.ts';
import { accuracyRows, lossRows, type AccuracyKey } from './chartData.ts';
import { fixed } from './format.ts';

export const CONFIG_COLORS: Record<string, string> = { baseline: '#457b9d', dropout: '#e63946' };

interface ChartProps {
  title: string;
  configs: ConfigRun[];
}

/** The chart as a picture, and the same numbers as a table for screen readers and tests. */
function ChartFigure({ title, configs, rows, xKey, xLabel, yDomain, digits }: ChartProps & {
  rows: Record<string, number>[];
  xKey: string;
  xLabel: string;
  yDomain?: [number, number];
  digits: number;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={230}>
        <LineChart data={rows} margin={{ top: 5, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e6e2da" />
          <XAxis dataKey={xKey} type="number" domain={['dataMin', 'dataMax']} allowDecimals={false}
            label={{ value: xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis domain={yDomain ?? [0, 'auto']} width={48} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? fixed(v, digits) : String(v))} labelFormatter={(x) => `${xLabel} ${x}`} />
          <Legend verticalAlign="top" height={24} />
          {configs.map((c) => (
            <Line key={c.configId} dataKey={c.configId} name={c.label} stroke={CONFIG_COLORS[c.configId]}
              strokeWidth={2} dot={rows.length <= 60} isAnimationActive={false} connectNulls type="linear" />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {/* A wrapper: tables ignore the height and overflow that hide the sr-only box. */}
      <div className="sr-only">
      <table aria-label={`${title} data`}>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            {configs.map((c) => <th scope="col" key={c.configId}>{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.slice(-200).map((r, i) => (
            <tr key={i}>
              <th scope="row">{r[xKey]}</th>
              {configs.map((c) => <td key={c.configId}>{r[c.configId] === undefined ? '' : fixed(r[c.configId], digits)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

export function AccuracyChart({ title, configs, metric }: ChartProps & { metric: AccuracyKey | 'gap' }) {
  const rows = useMemo(() => accuracyRows(configs, metric), [configs, metric]);
  return <ChartFigure title={title} configs={configs} rows={rows} xKey="epoch" xLabel="Epoch" yDomain={metric === 'gap' ? undefined : [0, 1]} digits={3} />;
}

export function LossChart({ configs }: { configs: ConfigRun[] }) {
  const rows = useMemo(() => lossRows(configs), [configs]);
  return <ChartFigure title="Loss" configs={configs} rows={rows} xKey="iteration" xLabel="Iteration" digits={4} />;
}

export function RunCharts() {
  const configs = useLab((s) => s.run?.configs);
  if (!configs) return null;
  return (
    <div className="charts">
      <AccuracyChart title="Train accuracy" configs={configs} metric="trainAcc" />
      <AccuracyChart title="Validation accuracy" configs={configs} metric="valAcc" />
      <div className="chart-wide">
        <LossChart configs={configs} />
      </div>
    </div>
  );
}
