import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeDatasetLoad } from '../store/experimentSlice.ts';
import { useLab } from '../store/index.ts';
import { SETTINGS_SCHEMA } from '../store/settingsSchema.ts';
import { formatSweepList, type SweepList } from '../store/sweepGrid.ts';
import { endedJobs, type SweepJobResult, type SweepState } from '../store/sweepSlice.ts';
import { Cell } from './Cell.tsx';
import { fixed, seconds } from './format.ts';
import { LineChartFigure } from './LineChartFigure.tsx';
import { useNow } from './useNow.ts';
import { SCALING_KEYS } from './ScalingToggle.tsx';
import { readSweep, rowBest, type RowBest } from './sweepReading.ts';

const LINE_COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#e9a23b', '#6a4c93', '#457b9d', '#8ab17d', '#b5838d'];
const LIST_LABEL: Record<SweepList, string> = { keepProbs: 'Keep probabilities', hiddenSizes: 'Hidden sizes' };

/** A comma-separated list bound to the store: kept as typed, refused with a message when it is not a valid list. */
function ListField({ list }: { list: SweepList }) {
  const values = useLab((s) => (list === 'keepProbs' ? s.sweepKeepProbs : s.sweepHiddenSizes));
  const setSweepList = useLab((s) => s.setSweepList);
  const [draft, setDraft] = useState(() => formatSweepList(values));
  const [problem, setProblem] = useState<string | null>(null);
  const messageId = useId();
  return (
    <label className="field sweep-list">
      <span>{LIST_LABEL[list]}</span>
      <input
        type="text"
        inputMode="decimal"
        value={draft}
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
          {problem}; using {formatSweepList(values)}.
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
  const state = { running: 'Running', done: 'Done', stopped: 'Stopped', failed: 'Failed' }[sweep.status];
  const parts = [state, `${ended} / ${total} runs`, `${sweep.workers} ${sweep.workers === 1 ? 'worker' : 'workers'}`, `${seconds(elapsedMs)} elapsed`];
  if (running && ended > 0) parts.push(`about ${seconds((elapsedMs / ended) * (total - ended))} left`);
  return (
    <div className="run-status">
      <progress aria-label="Sweep progress" max={total} value={ended} />
      <p role="status" className="status">
        {parts.join(' · ')}
      </p>
    </div>
  );
}

/** Best validation accuracy against p, one line per hidden size; the same numbers as a table for screen readers. */
const SweepChart = memo(function SweepChart({ sweep }: { sweep: SweepState }) {
  const rows = useMemo(
    () => sweep.keepProbs.map((keepProb) => {
      const row: Record<string, number> = { keepProb };
      for (const j of sweep.jobs) if (j.keepProb === keepProb && j.figures) row[`h${j.hiddenSize}`] = j.figures.bestValAcc;
      return row;
    }),
    [sweep.keepProbs, sweep.jobs],
  );
  const series = useMemo(
    () => sweep.hiddenSizes.map((h, i) => ({ key: `h${h}`, name: `${h} hidden units`, color: LINE_COLORS[i % LINE_COLORS.length] })),
    [sweep.hiddenSizes],
  );
  return (
    <LineChartFigure title="Best validation accuracy vs p" rows={rows} series={series} xKey="keepProb" xLabel="Keep probability p"
      xText={(p) => `p = ${p}`} xDomain={[0, 1]} xTicks={sweep.keepProbs} yDomain={['auto', 'auto']}
      yTick={(v) => v.toFixed(3)} digits={3} height={260} dots legendOrder={(key) => Number(key.slice(1))} />
  );
});

/** Light to dark with the accuracy, over the range this sweep reached. */
function heatStyle(value: number, low: number, high: number): { background: string; color: string } {
  const t = high > low ? (value - low) / (high - low) : 1;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return { background: `rgb(${mix(241, 29)}, ${mix(246, 53)}, ${mix(250, 87)})`, color: t > 0.55 ? '#fff' : 'var(--ink)' };
}

function HeatCell({ job, best, low, high }: { job: SweepJobResult; best: RowBest | null; low: number; high: number }) {
  const { figures } = job;
  if (!figures) {
    const text = { queued: '', running: '…', finished: '—', diverged: 'diverged', failed: 'failed', stopped: 'stopped' }[job.status];
    return (
      <td className={`heat heat-${job.status}`} title={job.message ?? undefined}>
        {text}
        {(job.status === 'queued' || job.status === 'running') && <span className="sr-only">{job.status}</span>}
      </td>
    );
  }
  const isBest = !!best && best.keepProbs.includes(job.keepProb);
  const value = fixed(figures.bestValAcc, 3);
  return (
    <td className={isBest ? 'heat best' : 'heat'} style={heatStyle(figures.bestValAcc, low, high)}
      title={`p = ${job.keepProb}, ${job.hiddenSize} hidden units: best validation accuracy ${value} (epoch ${figures.bestEpoch})${job.message ? `; ${job.message}` : ''}`}>
      {isBest ? <strong>{value}</strong> : value}
      {isBest && <span className="sr-only">{best.complete ? ' best' : ' best so far'}</span>}
    </td>
  );
}

function SweepTable({ sweep }: { sweep: SweepState }) {
  const measured = sweep.jobs.flatMap((j) => (j.figures ? [j.figures.bestValAcc] : []));
  const low = Math.min(...measured);
  const high = Math.max(...measured);
  return (
    <table aria-label="Sweep results" className="sweep-table">
      <caption>Best validation accuracy of each run: darker is higher; the best p of each hidden size in bold.</caption>
      <thead>
        <tr>
          <th scope="col">Hidden size</th>
          {sweep.keepProbs.map((p) => <th scope="col" key={p}>p = {p}</th>)}
        </tr>
      </thead>
      <tbody>
        {sweep.hiddenSizes.map((h) => {
          const best = rowBest(sweep, h);
          return (
            <tr key={h}>
              <th scope="row">{h}</th>
              {sweep.jobs.filter((j) => j.hiddenSize === h).map((j) => <HeatCell key={j.jobId} job={j} best={best} low={low} high={high} />)}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SettingsLine({ sweep }: { sweep: SweepState }) {
  const { t } = useTranslation();
  const s = sweep.settings;
  const rule = SETTINGS_SCHEMA.updateRule.options.find((o) => o.value === s.updateRule)?.label ?? s.updateRule;
  return (
    <p className="muted">
      Each run: {sweep.datasetName}, {s.numTrain} training examples, {s.epochs} epochs, batch {s.batchSize}, {rule} at learning rate{' '}
      {s.learningRate}, weight scale {s.weightScale}, seed {s.seed}, {t(SCALING_KEYS[sweep.scaling].short)}.
    </p>
  );
}

export function SweepCell() {
  const sweep = useLab((s) => s.sweep);
  const sweepError = useLab((s) => s.sweepError);
  const loading = useLab((s) => activeDatasetLoad(s) !== null);
  const startSweep = useLab((s) => s.startSweep);
  const stopSweep = useLab((s) => s.stopSweep);
  const runs = useLab((s) => s.sweepKeepProbs.length * s.sweepHiddenSizes.length);
  const running = sweep?.status === 'running';
  const reading = useMemo(() => (sweep ? readSweep(sweep) : null), [sweep]);
  return (
    <Cell
      index={5}
      title="Sweep"
      status={running ? 'running' : 'idle'}
      intro={
        <p>
          The assignment's last question: if we make the hidden layers smaller, how should <var>p</var> change? Each run
          below is a full training run with the experiment's settings and seed (cell 4), with its own keep probability and
          hidden size. The runs are spread over one worker per core (at most 4) and fill in the table as they finish.
        </p>
      }
      controls={
        <>
          <ListField list="keepProbs" />
          <ListField list="hiddenSizes" />
          <div className="run-controls" role="group" aria-label="Sweep controls">
            <button type="button" className="primary" onClick={() => void startSweep()} disabled={loading}>
              Run sweep ({runs} {runs === 1 ? 'run' : 'runs'})
            </button>
            <button type="button" onClick={stopSweep} disabled={!running}>
              Stop
            </button>
          </div>
        </>
      }
    >
      {sweepError && (
        <p role="alert" className="error">
          {sweepError}
        </p>
      )}
      {sweep && (
        <>
          <SweepStatusLine sweep={sweep} />
          <SettingsLine sweep={sweep} />
          <SweepChart sweep={sweep} />
          <SweepTable sweep={sweep} />
          {reading && (
            <div role="note" aria-label="Reading of this sweep" className="run-reading">
              <p className="reading">{reading}</p>
            </div>
          )}
        </>
      )}
    </Cell>
  );
}
