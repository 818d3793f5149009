import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { activeDatasetLoad } from '../../store/experimentSlice.ts';
import { useLab, useLabStore } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';

/**
 * Train (Restart while a run goes: it asks first, `confirming`), Stop, and Pause / Step / Resume for the whole run.
 * `onTrain` is the cell's own action (also Shift+Enter): it trains, or asks when a run would be thrown away.
 */
export function RunControls({
  onTrain,
  confirming,
  onCancelRestart,
}: {
  onTrain(): void;
  confirming: boolean;
  onCancelRestart(): void;
}) {
  const run = useLab((s) => s.run);
  const loading = useLab((s) => activeDatasetLoad(s) !== null);
  const { startRun, stopRun, pauseRun, resumeRun, stepRun } = useLabStore().getState();
  const active = isActive(run);
  const paused = run?.status === 'paused';
  const asking = confirming && active;
  const confirmButton = useRef<HTMLButtonElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);
  return (
    <>
      <div className="run-controls" role="group" aria-label={t('run.controls')}>
        <button
          type="button"
          className="primary"
          onClick={onTrain}
          disabled={loading || asking}
          aria-expanded={active ? asking : undefined}
        >
          {active ? t('run.restart') : t('run.train')}
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
      {asking && (
        <div className="restart-question notice" role="group" aria-label={t('run.restart')}>
          <p>{t('run.restartQuestion')}</p>
          <div className="run-controls">
            <button
              type="button"
              ref={confirmButton}
              className="primary"
              onClick={() => {
                onCancelRestart();
                void startRun();
              }}
            >
              {t('run.restartConfirm')}
            </button>
            <button type="button" onClick={onCancelRestart} onKeyDown={(e) => e.key === 'Escape' && onCancelRestart()}>
              {t('run.restartCancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
