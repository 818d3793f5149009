import { useLab } from '../store/index.ts';
import { Cell } from './Cell.tsx';
import { fixed, sci } from './format.ts';

export function NetCell() {
  const cell = useLab((s) => s.netCell);
  const run = useLab((s) => s.runNetCheck);
  const names = cell.result ? Object.keys(cell.result[0].relErrors) : [];
  return (
    <Cell
      index={3}
      title="Fully-connected net with dropout"
      intro={
        <p>
          A net <code>{'{affine – ReLU – dropout} × 2 – affine – softmax'}</code> with N, D, H1, H2, C = 2, 15, 20, 30, 10,
          weight scale 5e-2, float64 and a fixed mask seed. For each keep probability: the initial loss (about ln 10 ≈ 2.30
          for small random weights) and the relative error of every parameter's gradient (below 1e-4 means the
          backward pass is right).
        </p>
      }
      onRun={run}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
    >
      {cell.result && (
        <table aria-label="Gradient check results">
          <thead>
            <tr>
              <th scope="col">Dropout (keep p)</th>
              <th scope="col">Initial loss</th>
              {names.map((n) => (
                <th scope="col" key={n}>
                  {n} rel. error
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cell.result.map((r) => (
              <tr key={r.dropout}>
                <th scope="row">{r.dropout}</th>
                <td>{fixed(r.initialLoss, 4)}</td>
                {names.map((n) => (
                  <td key={n}>{sci(r.relErrors[n])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Cell>
  );
}
