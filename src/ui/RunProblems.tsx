import { useLab } from '../store/index.ts';

/** A configuration that diverged or failed is said out loud; its history so far stays in the charts. */
export function RunProblems() {
  const configs = useLab((s) => s.run?.configs);
  const problems = (configs ?? []).filter((c) => (c.status === 'diverged' || c.status === 'failed') && c.message);
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="error">
      {problems.map((c) => (
        <p key={c.configId}>
          {c.label} {c.status === 'diverged' ? '' : 'failed: '}
          {c.message}.{' '}
          {c.status === 'diverged'
            ? 'Its history up to there is kept; try a smaller learning rate.'
            : 'What it measured before is kept; press Train to start again.'}
        </p>
      ))}
    </div>
  );
}
