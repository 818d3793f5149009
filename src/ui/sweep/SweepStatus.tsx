import { useTranslation } from 'react-i18next';
import { useDatasetName } from '../i18n/datasetName.ts';
import { seconds } from '../i18n/format.ts';
import { OPTION_KEYS } from '../settings/SettingField.tsx';
import { SCALING_KEYS } from '../settings/ScalingToggle.tsx';
import { endedJobs, type SweepState } from '../../store/sweepSlice.ts';
import { useNow } from './useNow.ts';

/** The sweep's progress: runs ended of all, workers, time taken and left. */
export function SweepStatusLine({ sweep }: { sweep: SweepState }) {
  const running = sweep.status === 'running';
  const now = useNow(running);
  const ended = endedJobs(sweep);
  const total = sweep.jobs.length;
  const elapsedMs = Math.max(0, (sweep.endedAt ?? now) - sweep.startedAt);
  const { t } = useTranslation();
  const state = t(
    ({ running: 'sweep.running', done: 'sweep.done', stopped: 'sweep.stopped', failed: 'sweep.failed' } as const)[
      sweep.status
    ],
  );
  const parts: string[] = [
    state,
    t('sweep.runsDone', { ended, total }),
    t('sweep.workers', { count: sweep.workers }),
    t('sweep.elapsed', { time: seconds(elapsedMs) }),
  ];
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

/** The settings every run of the sweep shares. */
export function SettingsLine({ sweep }: { sweep: SweepState }) {
  const { t } = useTranslation();
  const datasetName = useDatasetName();
  const s = sweep.settings;
  return (
    <p className="muted">
      {t('sweep.eachRun', {
        dataset: datasetName(sweep.datasetName),
        numTrain: s.numTrain,
        epochs: s.epochs,
        batch: s.batchSize,
        rule: t(OPTION_KEYS[s.updateRule]),
        lr: String(s.learningRate),
        ws: String(s.weightScale),
        seed: String(s.seed),
        scaling: t(SCALING_KEYS[sweep.scaling].short),
      })}
    </p>
  );
}
