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
  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button type="button" className="primary" onClick={() => void startRun()} disabled={loading}>
        Train
      </button>
      <button type="button" onClick={stopRun} disabled={!active}>
        Stop
      </button>
      {paused ? (
        <button type="button" onClick={resumeRun}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={pauseRun} disabled={run?.status !== 'training'}>
          Pause
        </button>
      )}
      <button type="button" onClick={stepRun} disabled={!paused}>
        Step
      </button>
    </div>
  );
}
