import { lazy, Suspense, type ComponentProps } from 'react';
import type { LineChartFigure as LineChartFigureNow } from './LineChartFigure.tsx';
import type { HistogramFigure as HistogramFigureNow } from './HistogramFigure.tsx';

/**
 * The charts, loaded with the first cell that draws one: Recharts is the largest library of the page, and the first
 * cells can be read before it arrives. Until then each chart keeps its place (its title and its height), so nothing
 * below it moves.
 */
const LazyLineChart = lazy(() => import('./LineChartFigure.tsx').then((m) => ({ default: m.LineChartFigure })));
const LazyHistogram = lazy(() => import('./HistogramFigure.tsx').then((m) => ({ default: m.HistogramFigure })));

function ChartPlace({ title, height }: { title: string; height: number }) {
  return (
    <figure className="chart" aria-label={title} aria-busy="true">
      <h3>{title}</h3>
      <div style={{ height }} />
    </figure>
  );
}

export function LineChartFigure(props: ComponentProps<typeof LineChartFigureNow>) {
  return (
    <Suspense fallback={<ChartPlace title={props.title} height={props.height ?? 230} />}>
      <LazyLineChart {...props} />
    </Suspense>
  );
}

export function HistogramFigure(props: ComponentProps<typeof HistogramFigureNow>) {
  return (
    <Suspense fallback={<ChartPlace title={props.title} height={180} />}>
      <LazyHistogram {...props} />
    </Suspense>
  );
}
