import { useLab } from '../store/index.ts';
import { configFigures, type ConfigRun } from '../store/runState.ts';
import { fixed } from './format.ts';

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
