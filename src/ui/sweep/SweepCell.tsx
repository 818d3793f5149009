import { memo, useCallback, useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useDatasetName } from '../i18n/datasetName.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { OPTION_KEYS } from '../settings/SettingField.tsx';
import { activeDatasetLoad } from '../../store/experimentSlice.ts';
import { useLab } from '../../store/index.ts';
import { AXIS_LIST, formatSweepList, SWEEP_AXES, type SweepAxis, type SweepList } from '../../store/sweepGrid.ts';
import { endedJobs, type SweepJobResult, type SweepState } from '../../store/sweepSlice.ts';
import { Cell } from '../shell/Cell.tsx';
import { SavedSweeps } from './SavedSweeps.tsx';
import { fixed, seconds } from '../i18n/format.ts';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { useNow } from './useNow.ts';
import { useMessageText } from '../i18n/messageText.ts';
import type { Message } from '../../core/message.ts';
import { SCALING_KEYS } from '../settings/ScalingToggle.tsx';
import { readSweep, rowBest, type RowBest } from './sweepReading.ts';
import { contrastRatio, cssRgb, mixRgb, rgbOf, themeColor, useShownTheme } from '../figures/themeColors.ts';
import type { Theme } from '../../store/themeSlice.ts';
import { Formulas } from '../formulas/Formulas.tsx';

const LINE_COLORS = Array.from({ length: 8 }, (_, i) => `var(--series-${i + 1})`);
const LIST_LABEL = {
  keepProbs: 'sweep.keepProbs', hiddenSizes: 'sweep.hiddenSizes', trainSizes: 'sweep.trainSizes', keptUnits: 'sweep.keptUnits',
} as const satisfies Record<SweepList, string>;
const AXIS_LABEL = { hiddenSize: 'sweep.axisHiddenSize', numTrain: 'sweep.axisNumTrain', fixedPn: 'sweep.axisFixedPn' } as const satisfies Record<SweepAxis, string>;

const ROW_NAME = { hiddenSize: 'sweep.rowHiddenSize', numTrain: 'sweep.rowNumTrain', fixedPn: 'sweep.rowFixedPn' } as const satisfies Record<SweepAxis, string>;

/** A row's name: "200 hidden units", "500 training examples", "p·n = 50". */
const useRowName = () => {
  const { t } = useTranslation();
  return useCallback((axis: SweepAxis, count: number) => t(ROW_NAME[axis], { count }), [t]);
};

/** What the rows of the next sweep vary. */
function AxisChoice({ disabled }: { disabled: boolean }) {
  const axis = useLab((s) => s.sweepAxis);
  const setAxis = useLab((s) => s.setSweepAxis);
  const name = useId();
  const { t } = useTranslation();
  return (
    <fieldset className="toggle" disabled={disabled}>
      <legend>{t('sweep.axis')}</legend>
      {SWEEP_AXES.map((a) => (
        <label key={a}>
          <input type="radio" name={name} value={a} checked={axis === a} onChange={() => setAxis(a)} />
          {t(AXIS_LABEL[a])}
        </label>
      ))}
    </fieldset>
  );
}

/** A comma-separated list bound to the store: kept as typed, refused with a message when it is not a valid list. */
function ListField({ list }: { list: SweepList }) {
  const values = useLab((s) => s.sweepLists[list]);
  const setSweepList = useLab((s) => s.setSweepList);
  const [draft, setDraft] = useState(() => formatSweepList(values));
  const [problem, setProblem] = useState<Message | null>(null);
  const messageId = useId();
  const { t } = useTranslation();
  const messages = useMessageText();
  return (
    <label className="field sweep-list">
      <span>{t(LIST_LABEL[list])}</span>
      {/* A text area that grows with its text (field-sizing), so the whole list shows, wrapped on a phone; Enter adds no line. */}
      <textarea
        rows={1}
        inputMode="decimal"
        spellCheck={false}
        value={draft}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) e.preventDefault();
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? messageId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(setSweepList(list, e.target.value));
        }}
        onBlur={() => {
          if (!problem) setDraft(formatSweepList(values));
        }}
      />
      {problem && (
        <small id={messageId} role="alert" className="error">
          {t('sweep.using', { problem: messages.text(problem), value: formatSweepList(values) })}
        </small>
      )}
    </label>
  );
}

function SweepStatusLine({ sweep }: { sweep: SweepState }) {
  const running = sweep.status === 'running';
  const now = useNow(running);
  const ended = endedJobs(sweep);
  const total = sweep.jobs.length;
  const elapsedMs = Math.max(0, (sweep.endedAt ?? now) - sweep.startedAt);
  const { t } = useTranslation();
  const state = t(({ running: 'sweep.running', done: 'sweep.done', stopped: 'sweep.stopped', failed: 'sweep.failed' } as const)[sweep.status]);
  const parts: string[] = [state, t('sweep.runsDone', { ended, total }), t('sweep.workers', { count: sweep.workers }), t('sweep.elapsed', { time: seconds(elapsedMs) })];
  if (running && ended > 0) parts.push(t('sweep.left', { time: seconds((elapsedMs / ended) * (total - ended)) }));
  return (
    <div className="run-status">
      <progress aria-label={t('sweep.progress')} max={total} value={ended} />
      {/* Ticks every second: not read aloud; the line after it says the sweep's changes of state. */}
      <p role="status" aria-live="off" className="status">
        {parts.join(' · ')}
      </p>
      <p className="sr-only" aria-live="polite">
        {t('sweep.announce', { status: sweep.status })}
      </p>
    </div>
  );
}

/** Best validation accuracy, or the train - val gap at the end, against p, one line per row; the same numbers as a table for screen readers. */
const SweepChart = memo(function SweepChart({ sweep, metric }: { sweep: SweepState; metric: 'bestValAcc' | 'gap' }) {
  const { t } = useTranslation();
  const rowName = useRowName();
  const rows = useMemo(
    () => sweep.keepProbs.map((keepProb) => {
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
    () => sweep.rows.map((r, i) => ({ key: `r${r}`, name: rowName(sweep.axis, r), color: LINE_COLORS[i % LINE_COLORS.length] })),
    [sweep.rows, sweep.axis, rowName],
  );
  return (
    <LineChartFigure title={t(metric === 'gap' ? 'sweep.gapChartTitle' : 'sweep.chartTitle')} rows={rows} series={series} xKey="keepProb"
      xLabel={t('sweep.chartX')} xText={(p) => t('config.keep', { p: String(p) })} xDomain={[0, 1]} xTicks={sweep.keepProbs}
      yDomain={['auto', 'auto']} yTick={(v) => v.toFixed(3)} digits={3} height={260} dots legendOrder={(key) => Number(key.slice(1))} />
  );
});

/** From the theme's low colour to its high colour with the accuracy, over the range this sweep reached; text in whichever of the two text colours reads better on it. */
function heatStyle(value: number, low: number, high: number, theme: Theme): { background: string; color: string } {
  const t = high > low ? (value - low) / (high - low) : 1;
  const background = mixRgb(rgbOf(themeColor(theme, 'heat-low')), rgbOf(themeColor(theme, 'heat-high')), t);
  const [ink, onAccent] = ['ink', 'on-accent'].map((name) => themeColor(theme, name));
  return { background: cssRgb(background), color: contrastRatio(rgbOf(ink), background) >= contrastRatio(rgbOf(onAccent), background) ? 'var(--ink)' : 'var(--on-accent)' };
}

function HeatCell({ job, axis, best, low, high }: { job: SweepJobResult; axis: SweepAxis; best: RowBest | null; low: number; high: number }) {
  const { figures } = job;
  const { t } = useTranslation();
  const rowName = useRowName();
  const theme = useShownTheme();
  // With p·n fixed, each p of a row trains its own hidden size: say which.
  const size = axis === 'fixedPn' ? <small className="heat-size"> {t('sweep.fixedPnSize', { hidden: job.hiddenSize })}</small> : null;
  if (!figures) {
    const text = { queued: '', running: '…', finished: '—', diverged: t('sweep.divergedJob'), failed: t('sweep.failedJob'), stopped: t('sweep.stoppedJob') }[job.status];
    return (
      <td className={`heat heat-${job.status}`} title={job.message ?? undefined}>
        {text}
        {size}
        {(job.status === 'queued' || job.status === 'running') && <span className="sr-only">{t(job.status === 'queued' ? 'sweep.queued' : 'sweep.runningJob')}</span>}
      </td>
    );
  }
  const isBest = !!best && best.keepProbs.includes(job.keepProb);
  const isNear = !!best && best.withinNoise.includes(job.keepProb);
  const value = fixed(figures.bestValAcc, 3);
  return (
    <td className={isBest ? 'heat best' : 'heat'} style={heatStyle(figures.bestValAcc, low, high, theme)}
      title={`${t('sweep.cellTitle', {
        p: String(job.keepProb), row: rowName(axis, job.row), hidden: job.hiddenSize, numTrain: job.numTrain, value, epoch: figures.bestEpoch,
        gap: fixed(figures.finalTrainAcc - figures.finalValAcc, 3),
      })}${job.message ? `; ${job.message}` : ''}`}>
      {isBest ? <strong>{value}</strong> : value}
      {isNear && <span aria-hidden="true"> ≈</span>}
      {size}
      {isNear && <span className="sr-only">{t('sweep.nearBest')}</span>}
      {isBest && <span className="sr-only">{best.complete ? t('sweep.best') : t('sweep.bestSoFar')}</span>}
    </td>
  );
}

function SweepTable({ sweep }: { sweep: SweepState }) {
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
          {sweep.keepProbs.map((p) => <th scope="col" key={p}>{t('config.keep', { p: String(p) })}</th>)}
        </tr>
      </thead>
      <tbody>
        {sweep.rows.map((r) => {
          const best = rowBest(sweep, r);
          return (
            <tr key={r}>
              <th scope="row">{r}</th>
              {sweep.jobs.filter((j) => j.row === r).map((j) => <HeatCell key={j.jobId} job={j} axis={sweep.axis} best={best} low={low} high={high} />)}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SettingsLine({ sweep }: { sweep: SweepState }) {
  const { t } = useTranslation();
  const datasetName = useDatasetName();
  const s = sweep.settings;
  return (
    <p className="muted">
      {t('sweep.eachRun', {
        dataset: datasetName(sweep.datasetName), numTrain: s.numTrain, epochs: s.epochs, batch: s.batchSize,
        rule: t(OPTION_KEYS[s.updateRule]), lr: String(s.learningRate), ws: String(s.weightScale), seed: String(s.seed),
        scaling: t(SCALING_KEYS[sweep.scaling].short),
      })}
    </p>
  );
}

export function SweepCell() {
  const sweep = useLab((s) => s.sweep);
  const sweepError = useLab((s) => s.sweepError);
  const loading = useLab((s) => activeDatasetLoad(s) !== null);
  const startSweep = useLab((s) => s.startSweep);
  const stopSweep = useLab((s) => s.stopSweep);
  const axis = useLab((s) => s.sweepAxis);
  const runs = useLab((s) => s.sweepLists.keepProbs.length * s.sweepLists[AXIS_LIST[s.sweepAxis]].length);
  const running = sweep?.status === 'running';
  const runSweep = useCallback(() => void startSweep(), [startSweep]);
  const { t } = useTranslation();
  const reading = useMemo(() => (sweep ? readSweep(sweep, t) : null), [sweep, t]);
  const messages = useMessageText();
  return (
    <Cell
      index={5}
      anchor="cell-sweep"
      runAction={runSweep}
      title={t('sweep.title')}
      status={running ? 'running' : 'idle'}
      intro={
        <>
          <p>
            <Trans i18nKey="sweep.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['fixedPn']} />
        </>
      }
      controls={
        <>
          <AxisChoice disabled={running} />
          <ListField list="keepProbs" />
          <ListField key={axis} list={AXIS_LIST[axis]} />
          <div className="run-controls" role="group" aria-label={t('sweep.controls')}>
            <button type="button" className="primary" onClick={() => void startSweep()} disabled={loading}>
              {t('sweep.run', { count: runs })}
            </button>
            <button type="button" onClick={stopSweep} disabled={!running}>
              {t('sweep.stop')}
            </button>
          </div>
        </>
      }
    >
      {sweepError && (
        <p role="alert" className="error">
          {messages.join(sweepError)}
        </p>
      )}
      {sweep && (
        <>
          <SweepStatusLine sweep={sweep} />
          <SettingsLine sweep={sweep} />
          <div className="charts">
            <SweepChart sweep={sweep} metric="bestValAcc" />
            <SweepChart sweep={sweep} metric="gap" />
          </div>
          <SweepTable sweep={sweep} />
          {reading && (
            <div role="note" aria-label={t('sweep.readingLabel')} className="run-reading">
              <p className="reading">{reading}</p>
            </div>
          )}
        </>
      )}
      <SavedSweeps />
    </Cell>
  );
}
