import { Trans, useTranslation } from 'react-i18next';
import { Cell } from '../shell/Cell.tsx';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { fixed, percent } from '../i18n/format.ts';
import { HistogramFigure } from '../figures/lazyCharts.tsx';
import { readSparsity } from './insightReading.ts';
import { InsightStatus } from './InsightStatus.tsx';
import { useRunInsight } from './useRunInsight.ts';

/** The dropout paper's Fig. 8: how sparse the first hidden layer's activations are, with and without dropout. */
export function SparsityCell({ index }: { index: number }) {
  const { t } = useTranslation();
  const view = useRunInsight();
  const insights = view.kind === 'trained' ? view.insights : [];
  const colors = view.kind === 'trained' ? view.colors : {};
  const complete = view.kind === 'trained' && insights.length === view.configCount;
  const reading = view.kind === 'trained' ? readSparsity(t, insights, view.context) : null;
  return (
    <Cell
      index={index}
      anchor="cell-sparsity"
      title={t('why.sparsity.title')}
      intro={
        <p>
          <Trans i18nKey="why.sparsity.intro" components={RICH_TEXT} />
        </p>
      }
    >
      <InsightStatus view={view} complete={complete} />
      {insights.length > 0 && (
        <>
          <div className="charts">
            {insights.map(({ configId, label, insight }) => (
              <HistogramFigure
                key={`a-${configId}`}
                title={t('why.sparsity.activations', { label })}
                histogram={insight.activations.activations}
                xLabel={t('why.sparsity.activationAxis')}
                color={colors[configId] ?? ''}
              />
            ))}
            {insights.map(({ configId, label, insight }) => (
              <HistogramFigure
                key={`u-${configId}`}
                title={t('why.sparsity.unitMeans', { label })}
                histogram={insight.activations.unitMeans}
                xLabel={t('why.sparsity.unitMeanAxis')}
                color={colors[configId] ?? ''}
              />
            ))}
          </div>
          <table aria-label={t('why.sparsity.statsLabel')} className="stack-narrow">
            <thead>
              <tr>
                <th scope="col">{t('why.sparsity.config')}</th>
                <th scope="col">{t('why.sparsity.mean')}</th>
                <th scope="col">{t('why.sparsity.max')}</th>
                <th scope="col">{t('why.sparsity.nearZero')}</th>
                <th scope="col">{t('why.sparsity.quietUnits')}</th>
              </tr>
            </thead>
            <tbody>
              {insights.map(({ configId, label, insight: { activations: a } }) => (
                <tr key={configId}>
                  <th scope="row" data-label={t('why.sparsity.config')}>
                    {label}
                  </th>
                  <td data-label={t('why.sparsity.mean')}>{fixed(a.meanActivation, 3)}</td>
                  <td data-label={t('why.sparsity.max')}>{fixed(a.maxActivation, 2)}</td>
                  <td data-label={t('why.sparsity.nearZero')}>{percent(a.nearZeroFraction)}</td>
                  <td data-label={t('why.sparsity.quietUnits')}>{percent(a.quietUnitFraction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('why.sparsity.statsNote')}</p>
        </>
      )}
      {reading && <p className="reading">{reading}</p>}
    </Cell>
  );
}
