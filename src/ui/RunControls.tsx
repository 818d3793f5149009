import { useTranslation } from 'react-i18next';
import { activeDatasetLoad } from '../store/experimentSlice.ts';
import { useLab } from '../store/index.ts';
import { isActive } from '../store/runState.ts';

/** Train, Stop, and Pause / Step / Resume for the whole run. */
export function RunControls() {
  const run = useLab((s) => s.run);
  const loading = useLab((s) => activeDatasetLoad(s) !== null);
  const { startRun, stopRun, pauseRun, resumeRun, stepRun } = useLab.getState();
  const active = isActive(run);
  const paused = run?.status === 'paused';
  const { t } = useTranslation();
  return (
    <div className="run-controls" role="group" aria-label={t('run.controls')}>
      <button type="button" className="primary" onClick={() => void startRun()} disabled={loading}>
        {t('run.train')}
      </button>
      <button type="button" onClick={stopRun} disabled={!active}>
        {t('run.stop')}
      </button>
      {paused ? (
        <button type="button" onClick={resumeRun}>
          {t('run.resume')}
        </button>
      ) : (
        <button type="button" onClick={pauseRun} disabled={run?.status !== 'training'}>
          {t('run.pause')}
        </button>
      )}
      <button type="button" onClick={stepRun} disabled={!paused}>
        {t('run.step')}
      </button>
    </div>
  );
}
