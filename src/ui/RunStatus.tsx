import { activeDatasetLoad } from '../store/experimentSlice.ts';
import { useLab } from '../store/index.ts';
import { isActive, type RunState } from '../store/runState.ts';
import { seconds } from './format.ts';
import { useNow } from './useNow.ts';

export interface RunProgress {
  epoch: number;
  epochs: number;
  iteration: number;
  numIterations: number;
  iterationsPerSecond: number;
  elapsedMs: number;
  remainingMs: number | null;
}

/** Progress of the slower configuration, with wall-clock speed over both. */
export function runProgress(run: RunState, now: number): RunProgress {
  const numIterations = Math.max(...run.configs.map((c) => c.numIterations), 0);
  const slowest = run.configs.reduce((a, c) => (c.iteration < a.iteration ? c : a), run.configs[0]);
  const elapsedMs = Math.max(0, (run.endedAt ?? now) - run.startedAt);
  const done = run.configs.reduce((s, c) => s + c.iteration, 0);
  const total = run.configs.reduce((s, c) => s + c.numIterations, 0);
  const activeMs = Math.max(...run.configs.map((c) => c.elapsedMs), 1);
  const iterationsPerSecond = (done / activeMs) * 1000;
  const remainingMs = isActive(run) && done > 0 && total > 0 ? ((total - done) / done) * activeMs : null;
  return {
    epoch: slowest.epoch,
    epochs: run.settings.epochs,
    iteration: slowest.iteration,
    numIterations,
    iterationsPerSecond,
    elapsedMs,
    remainingMs,
  };
}

const STATUS_TEXT = {
  training: 'Training',
  paused: 'Paused',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
} as const;

export function RunStatus() {
  const run = useLab((s) => s.run);
  const loading = useLab((s) => activeDatasetLoad(s)?.label);
  const now = useNow(isActive(run));

  if (!run) {
    return (
      <p role="status" className="status muted">
        {loading ? `Loading ${loading}…` : 'Not trained yet: press Train.'}
      </p>
    );
  }
  const p = runProgress(run, now);
  const parts = [
    STATUS_TEXT[run.status],
    `Epoch ${p.epoch} / ${p.epochs}`,
    `iteration ${p.iteration} / ${p.numIterations || '…'}`,
    `${p.iterationsPerSecond.toFixed(1)} it/s`,
    `${seconds(p.elapsedMs)} elapsed`,
  ];
  if (p.remainingMs !== null) parts.push(`about ${seconds(p.remainingMs)} left`);
  return (
    <div className="run-status">
      <progress aria-label="Training progress" max={p.numIterations || 1} value={p.iteration} />
      <p role="status" className="status">
        {parts.join(' · ')}
      </p>
      {run.configs[0].kernel && <span className="muted">matrix products: {run.configs[0].kernel}</span>}
    </div>
  );
}
