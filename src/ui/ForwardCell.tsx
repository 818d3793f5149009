import { useLab } from '../store/index.ts';
import { Cell } from './Cell.tsx';
import { fixed } from './format.ts';
import { SCALING_LABELS, ScalingToggle } from './ScalingToggle.tsx';

const SCALING_NOTES = {
  inverted: 'Train-time and test-time means agree: dividing by p at train time keeps the expected activation the same, so test time needs no change.',
  none: 'Without scaling, the train-time mean is about p times the test-time mean: at test time the next layer sees activations about 1/p times larger than it was trained on.',
  vanilla: 'Vanilla dropout does not scale at train time and multiplies by p at test time instead: the means agree again, at the price of extra work at test time.',
} as const;

export function ForwardCell() {
  const cell = useLab((s) => s.forwardCell);
  const scaling = useLab((s) => s.forwardScaling);
  const setScaling = useLab((s) => s.setForwardScaling);
  const run = useLab((s) => s.runForwardCheck);
  const result = cell.result;
  return (
    <Cell
      index={1}
      title="Dropout forward pass"
      intro={
        <p>
          In train mode each unit is kept with probability <var>p</var> (the <em>keep</em> probability) and kept units are
          divided by <var>p</var>; in test mode the layer passes its input through. The check feeds{' '}
          <code>x = randn(500, 500) + 10</code> through both modes: the train-time mean should match the input mean and about{' '}
          <var>1 − p</var> of the outputs should be zero.
        </p>
      }
      onRun={run}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
      controls={<ScalingToggle value={scaling} onChange={setScaling} disabled={cell.status === 'running'} />}
    >
      {result && (
        <>
          <table aria-label="Dropout forward pass results">
            <caption>{SCALING_LABELS[result.scaling]}</caption>
            <thead>
              <tr>
                <th scope="col">p</th>
                <th scope="col">Input mean</th>
                <th scope="col">Train-time mean</th>
                <th scope="col">Test-time mean</th>
                <th scope="col">Test / train</th>
                <th scope="col">Zeros at train</th>
                <th scope="col">Zeros at test</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.p}>
                  <th scope="row">{r.p}</th>
                  <td>{fixed(r.inputMean)}</td>
                  <td>{fixed(r.trainMean)}</td>
                  <td>{fixed(r.testMean)}</td>
                  <td>{fixed(r.testMean / r.trainMean, 3)}</td>
                  <td>{fixed(r.trainZeroFraction, 4)}</td>
                  <td>{fixed(r.testZeroFraction, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="reading">{SCALING_NOTES[result.scaling]}</p>
        </>
      )}
    </Cell>
  );
}
