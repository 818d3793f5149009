import { useEffect, useMemo, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ConfigInsight, UncertainExample } from '../../worker/trainProtocol.ts';
import { Cell } from '../shell/Cell.tsx';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { fixed, percent } from '../i18n/format.ts';
import { className, drawImageBytes } from '../figures/imageBytes.ts';
import type { ChartRow, ChartSeries } from '../figures/LineChartFigure.tsx';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { readMc, type LabelledInsight } from './insightReading.ts';
import { InsightStatus } from './InsightStatus.tsx';
import { useRunInsight } from './useRunInsight.ts';
import { Formulas } from '../formulas/Formulas.tsx';

function UncertainImage({ example, insight }: { example: UncertainExample; insight: ConfigInsight }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const [, height, width] = insight.imageShape;
  useEffect(() => drawImageBytes(ref.current, example.pixels, insight.imageShape), [example, insight.imageShape]);
  const predicted = className(t, insight.classNames[example.predicted]);
  const label = className(t, insight.classNames[example.trueLabel]);
  const confidence = percent(example.confidence, 0);
  const wrong = example.predicted !== example.trueLabel;
  return (
    <figure>
      <canvas
        ref={ref}
        width={width}
        height={height}
        role="img"
        aria-label={t('why.mc.uncertainImage', {
          row: example.row + 1,
          predicted,
          confidence,
          label,
          entropy: fixed(example.entropy, 2),
        })}
      />
      <figcaption>
        <span className={wrong ? 'wrong' : undefined}>{t('why.mc.uncertainPredicted', { predicted, confidence })}</span>
        <br />
        {t('why.mc.uncertainTrue', { label })}
      </figcaption>
    </figure>
  );
}

function UncertainStrip({ item }: { item: LabelledInsight }) {
  const { t } = useTranslation();
  const { insight, label } = item;
  const k = insight.mc?.sampleCounts.at(-1) ?? 0;
  const title = t('why.mc.uncertainTitle', { label, k });
  return (
    <div className="uncertain">
      <h3>{title}</h3>
      <div className="examples uncertain-strip" role="group" aria-label={title}>
        {insight.uncertain.map((u) => (
          <UncertainImage key={u.row} example={u} insight={insight} />
        ))}
      </div>
    </div>
  );
}

const NONE: LabelledInsight[] = [];
const NO_COLORS: Partial<Record<string, string>> = {};

/** The dropout paper's Fig. 11: Monte-Carlo averaging over k masks against one test-time pass, and what it is unsure of. */
export function McCell({ index }: { index: number }) {
  const { t } = useTranslation();
  const view = useRunInsight('experiment');
  const insights = view.kind === 'trained' ? view.insights : NONE;
  const colors = view.kind === 'trained' ? view.colors : NO_COLORS;
  const withMc = useMemo(() => insights.filter((i) => i.insight.mc), [insights]);
  const complete = view.kind === 'trained' && insights.length === view.configCount;
  const { rows, series, sampleCounts } = useMemo(() => {
    const sampleCounts = withMc[0]?.insight.mc?.sampleCounts ?? [];
    const series: ChartSeries[] = withMc.flatMap(({ configId, label }) => [
      { key: `mc-${configId}`, name: t('why.mc.mcSeries', { label }), color: colors[configId] ?? '' },
      { key: `det-${configId}`, name: t('why.mc.detSeries', { label }), color: colors[configId] ?? '', dashed: true },
    ]);
    const rows: ChartRow[] = sampleCounts.map((_, i) => {
      const row: ChartRow = { position: i };
      for (const { configId, insight } of withMc) {
        row[`mc-${configId}`] = insight.mc!.mcAcc[i];
        row[`det-${configId}`] = insight.mc!.deterministicAcc;
      }
      return row;
    });
    return { rows, series, sampleCounts };
  }, [withMc, t, colors]);
  const kText = (position: number) => t('why.mc.kTick', { k: sampleCounts[position] ?? position });
  const reading = readMc(t, withMc);
  const noDropout = complete && withMc.length === 0;
  return (
    <Cell
      index={index}
      anchor="cell-mc"
      title={t('why.mc.title')}
      intro={
        <>
          <p>
            <Trans i18nKey="why.mc.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['mcAverage']} />
        </>
      }
    >
      <InsightStatus view={view} complete={complete} />
      {noDropout && <p className="muted">{t('why.mc.noDropout')}</p>}
      {withMc.length > 0 && (
        <LineChartFigure
          title={t('why.mc.chartTitle')}
          rows={rows}
          series={series}
          xKey="position"
          xLabel={t('why.mc.kAxis')}
          xTicks={sampleCounts.map((_, i) => i)}
          xTickText={(x) => String(sampleCounts[x] ?? x)}
          xText={kText}
          yDomain={['auto', 'auto']}
          digits={3}
          dots
          height={series.length > 2 ? 340 : 260}
        />
      )}
      {reading && <p className="reading">{reading}</p>}
      {withMc
        .filter((i) => i.insight.uncertain.length > 0)
        .map((item) => (
          <UncertainStrip key={item.configId} item={item} />
        ))}
    </Cell>
  );
}
