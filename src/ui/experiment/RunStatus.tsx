import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeDatasetLoad } from '../../store/experimentSlice.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { useLab } from '../../store/index.ts';
import { isActive, isTerminal, type RunState } from '../../store/runState.ts';
import { useShownRun } from './shownRun.tsx';
import { seconds } from '../i18n/format.ts';
import { configLabel } from '../settings/configLabel.ts';

export interface RunProgress {
  epoch: number;
  epochs: number;
  iteration: number;
  numIterations: number;
  iterationsPerSecond: number;
  elapsedMs: number;
  remainingMs: number | null;
}

/**
 * Progress of the slower configuration still training (the moment the charts show), with speed over both. The time is training time (the workers' own, the longer
 * of the two): pauses do not count, so time and speed agree.
 */
export function runProgress(run: RunState): RunProgress {
  const numIterations = Math.max(...run.configs.map((c) => c.numIterations), 0);
  const going = run.configs.filter((c) => !isTerminal(c.status));
  const pool = going.length > 0 ? going : run.configs;
  const slowest = pool.reduce((a, c) => (c.iteration < a.iteration ? c : a), pool[0]);
  const done = run.configs.reduce((s, c) => s + c.iteration, 0);
  const total = run.configs.reduce((s, c) => s + c.numIterations, 0);
  const activeMs = Math.max(...run.configs.map((c) => c.elapsedMs), 0);
  const iterationsPerSecond = activeMs > 0 ? (done / activeMs) * 1000 : 0;
  const remainingMs = isActive(run) && done > 0 && total > 0 ? ((total - done) / done) * activeMs : null;
  return {
    epoch: slowest.epoch,
    epochs: run.settings.epochs,
    iteration: slowest.iteration,
    numIterations,
    iterationsPerSecond,
    elapsedMs: activeMs,
    remainingMs,
  };
}

const STATUS_KEYS = {
  training: 'run.training',
  paused: 'run.paused',
  done: 'run.done',
  stopped: 'run.stopped',
  failed: 'run.failed',
} as const;

/** What screen readers hear: the run's changes of state, not its progress ticks. */
const ANNOUNCE_KEYS = {
  training: 'run.announceTraining',
  paused: 'run.announcePaused',
  done: 'run.announceDone',
  stopped: 'run.announceStopped',
  failed: 'run.announceFailed',
} as const;

export function RunStatus() {
  const run = useShownRun();
  const loading = useLab((s) => activeDatasetLoad(s)?.label);
  const { t } = useTranslation();
  const datasetName = useDatasetName();
  // Training again after a pause of the same run is a resumption; a run first seen ended was opened (saved, imported),
  // not trained now: each is announced as what it is.
  const [seen, setSeen] = useState({ runId: '', status: '', resumed: false, opened: false });
  if (run && (run.runId !== seen.runId || run.status !== seen.status)) {
    const sameRun = run.runId === seen.runId;
    setSeen({
      runId: run.runId,
      status: run.status,
      resumed: sameRun && seen.status === 'paused' && run.status === 'training',
      opened: sameRun ? seen.opened : !isActive(run),
    });
  }

  if (!run) {
    return (
      <p role="status" className="status muted">
        {loading ? t('run.loadingStatus', { label: datasetName(loading) }) : t('run.notTrained')}
      </p>
    );
  }
  const p = runProgress(run);
  // The line below changes every tick: it is not read aloud (aria-live off); RunAnnouncer says the changes of state.
  const parts: string[] = [
    t(STATUS_KEYS[run.status]),
    t('run.epoch', { epoch: p.epoch, epochs: p.epochs }),
    t('run.iteration', { iteration: p.iteration, total: p.numIterations || '…' }),
    // A net ahead of the one the charts stop at says where it is (the mask panel shows its masks).
    ...run.configs
      .filter((c) => !isTerminal(c.status) && c.iteration > p.iteration)
      .map((c) =>
        t('run.configAt', {
          label: configLabel(t, c.configId, c.keepProb, run.settings.scaling),
          iteration: c.iteration,
        }),
      ),
    t('run.speed', { speed: p.iterationsPerSecond.toFixed(1) }),
    t('run.elapsed', { time: seconds(p.elapsedMs) }),
  ];
  if (p.remainingMs !== null) parts.push(t('run.left', { time: seconds(p.remainingMs) }));
  return (
    <div className="run-status">
      <progress aria-label={t('run.progress')} max={p.numIterations || 1} value={p.iteration} />
      <p role="status" aria-live="off" className="status">
        {parts.join(' · ')}
      </p>
      <p className="sr-only" aria-live="polite">
        {t(
          seen.opened
            ? 'run.announceOpened'
            : seen.resumed && run.status === 'training'
              ? 'run.announceResumed'
              : ANNOUNCE_KEYS[run.status],
        )}
      </p>
      {run.configs[0].kernel && <span className="muted">{t('run.kernel', { kernel: run.configs[0].kernel })}</span>}
    </div>
  );
}
