import { useTranslation } from 'react-i18next';
import type { SweepAxis } from '../../store/sweepGrid.ts';
import type { SweepJobResult, SweepState } from '../../store/sweepSlice.ts';
import type { Theme } from '../../store/themeSlice.ts';
import { fixed } from '../i18n/format.ts';
import { contrastRatio, cssRgb, mixRgb, rgbOf, themeColor, useShownTheme } from '../figures/themeColors.ts';
import { rowBest, type RowBest } from './sweepReading.ts';
import { AXIS_LABEL, useRowName } from './sweepNames.ts';

/** From the theme's low colour to its high colour with the accuracy, over the range this sweep reached; text in whichever of the two text colours reads better on it. */
function heatStyle(value: number, low: number, high: number, theme: Theme): { background: string; color: string } {
  const t = high > low ? (value - low) / (high - low) : 1;
  const background = mixRgb(rgbOf(themeColor(theme, 'heat-low')), rgbOf(themeColor(theme, 'heat-high')), t);
  const [ink, onAccent] = ['ink', 'on-accent'].map((name) => themeColor(theme, name));
  return {
    background: cssRgb(background),
    color:
      contrastRatio(rgbOf(ink), background) >= contrastRatio(rgbOf(onAccent), background)
        ? 'var(--ink)'
        : 'var(--on-accent)',
  };
}

function HeatCell({
  job,
  axis,
  best,
  low,
  high,
}: {
  job: SweepJobResult;
  axis: SweepAxis;
  best: RowBest | null;
  low: number;
  high: number;
}) {
  const { figures } = job;
  const { t } = useTranslation();
  const rowName = useRowName();
  const theme = useShownTheme();
  // With p·n fixed, each p of a row trains its own hidden size: say which.
  const size =
    axis === 'fixedPn' ? (
      <small className="heat-size"> {t('sweep.fixedPnSize', { hidden: job.hiddenSize })}</small>
    ) : null;
  if (!figures) {
    const text = {
      queued: '',
      running: '…',
      finished: '—',
      diverged: t('sweep.divergedJob'),
      failed: t('sweep.failedJob'),
      stopped: t('sweep.stoppedJob'),
    }[job.status];
    return (
      <td className={`heat heat-${job.status}`} title={job.message ?? undefined}>
        {text}
        {size}
        {(job.status === 'queued' || job.status === 'running') && (
          <span className="sr-only">{t(job.status === 'queued' ? 'sweep.queued' : 'sweep.runningJob')}</span>
        )}
      </td>
    );
  }
  const isBest = !!best && best.keepProbs.includes(job.keepProb);
  const isNear = !!best && best.withinNoise.includes(job.keepProb);
  const value = fixed(figures.bestValAcc, 3);
  return (
    <td
      className={isBest ? 'heat best' : 'heat'}
      style={heatStyle(figures.bestValAcc, low, high, theme)}
      title={`${t('sweep.cellTitle', {
        p: String(job.keepProb),
        row: rowName(axis, job.row),
        hidden: job.hiddenSize,
        numTrain: job.numTrain,
        value,
        epoch: figures.bestEpoch,
        gap: fixed(figures.finalTrainAcc - figures.finalValAcc, 3),
      })}${job.message ? `; ${job.message}` : ''}`}
    >
      {isBest ? <strong>{value}</strong> : value}
      {isNear && <span aria-hidden="true"> ≈</span>}
      {size}
      {isNear && <span className="sr-only">{t('sweep.nearBest')}</span>}
      {isBest && <span className="sr-only">{best.complete ? t('sweep.best') : t('sweep.bestSoFar')}</span>}
    </td>
  );
}

/** Each row's best validation accuracy against p, coloured by accuracy, the best of each row marked. */
export function SweepTable({ sweep }: { sweep: SweepState }) {
  const measured = sweep.jobs.flatMap((j) => (j.figures ? [j.figures.bestValAcc] : []));
  const low = Math.min(...measured);
  const high = Math.max(...measured);
  const { t } = useTranslation();
  return (
    <table aria-label={t('sweep.tableLabel')} className="sweep-table">
      <caption>{t('sweep.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(AXIS_LABEL[sweep.axis])}</th>
          {sweep.keepProbs.map((p) => (
            <th scope="col" key={p}>
              {t('config.keep', { p: String(p) })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sweep.rows.map((r) => {
          const best = rowBest(sweep, r);
          return (
            <tr key={r}>
              <th scope="row">{r}</th>
              {sweep.jobs
                .filter((j) => j.row === r)
                .map((j) => (
                  <HeatCell key={j.jobId} job={j} axis={sweep.axis} best={best} low={low} high={high} />
                ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
