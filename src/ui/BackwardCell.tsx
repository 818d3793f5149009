import { useLab } from '../store/index.ts';
import { Cell } from './Cell.tsx';
import { sci } from './format.ts';

export function BackwardCell() {
  const cell = useLab((s) => s.backwardCell);
  const run = useLab((s) => s.runBackwardCheck);
  return (
    <Cell
      index={2}
      title="Dropout backward pass"
      intro={
        <p>
          The backward pass routes the upstream gradient through the same mask: <code>dx = dout * mask</code>. The check
          compares it with a centred-difference numerical gradient on <code>x = randn(10, 10) + 10</code> with{' '}
          <var>p</var> = 0.2 in float64; the relative error should be tiny (the assignment prints about 1e-11).
        </p>
      }
      onRun={run}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
    >
      {cell.result && (
        <dl className="figures">
          <dt>p</dt>
          <dd>{cell.result.p}</dd>
          <dt>dx relative error</dt>
          <dd data-testid="dx-rel-error">{sci(cell.result.dxRelError)}</dd>
        </dl>
      )}
    </Cell>
  );
}
