import { useLab } from '../store/index.ts';
import type { ConfigRun } from '../store/runState.ts';
import { fixed } from './format.ts';

export interface ConfigFigures {
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
  bestEpoch: number;
  gap: number;
}

/** Final, best and gap figures from the checks so far (a stopped run keeps what it measured). */
export function configFigures(c: ConfigRun): ConfigFigures | null {
  const last = c.checks.at(-1);
  if (!last) return null;
  let best = c.checks[0];
  for (const check of c.checks) if (check.valAcc > best.valAcc) best = check;
  return {
    finalTrainAcc: last.trainAcc,
    finalValAcc: last.valAcc,
    bestValAcc: best.valAcc,
    bestEpoch: best.epoch,
    gap: last.trainAcc - last.valAcc,
  };
}

const STATUS: Record<ConfigRun['status'], string> = {
  starting: 'starting',
  training: 'training',
  finished: 'finished',
  diverged: 'diverged',
  failed: 'failed',
  stopped: 'stopped',
};

export function ResultsTable() {
  const run = useLab((s) => s.run);
  if (!run) return null;
  return (
    <table aria-label="Results">
      <thead>
        <tr>
          <th scope="col">Configuration</th>
          <th scope="col">Status</th>
          <th scope="col">Final train acc</th>
          <th scope="col">Final val acc</th>
          <th scope="col">Best val acc</th>
          <th scope="col">Train - val gap</th>
        </tr>
      </thead>
      <tbody>
        {run.configs.map((c) => {
          const f = configFigures(c);
          return (
            <tr key={c.configId}>
              <th scope="row">{c.label}</th>
              <td title={c.message ?? undefined}>{c.message && c.status !== 'finished' ? `${STATUS[c.status]}: ${c.message}` : STATUS[c.status]}</td>
              <td>{f ? fixed(f.finalTrainAcc, 3) : '—'}</td>
              <td>{f ? fixed(f.finalValAcc, 3) : '—'}</td>
              <td>{f ? `${fixed(f.bestValAcc, 3)} (epoch ${f.bestEpoch})` : '—'}</td>
              <td>{f ? fixed(f.gap, 3) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
