import { useTranslation } from 'react-i18next';
import { configFigures, isActive, type ConfigRun } from '../../store/runState.ts';
import { runMoment } from './runMoment.ts';
import { useShownRun } from './shownRun.tsx';
import { configLabel } from '../settings/configLabel.ts';
import { fixed } from '../i18n/format.ts';
import { knownText } from '../i18n/messageText.ts';

export const CONFIG_STATUS_KEYS = {
  starting: 'results.starting',
  training: 'results.training',
  finished: 'results.finished',
  diverged: 'results.diverged',
  failed: 'results.failedStatus',
  stopped: 'results.stoppedStatus',
} as const satisfies Record<ConfigRun['status'], string>;

export function ResultsTable() {
  const run = useShownRun();
  const { t } = useTranslation();
  if (!run) return null;
  // While the run goes, its figures are the latest at the moment the charts show; "final" only once it has ended.
  const going = isActive(run);
  const moment = runMoment(run.configs);
  const columns = [
    t('results.configuration'),
    t('results.status'),
    t(going ? 'results.latestTrain' : 'results.finalTrain'),
    t(going ? 'results.latestVal' : 'results.finalVal'),
    t(going ? 'results.bestValSoFar' : 'results.bestVal'),
    t(going ? 'results.latestGap' : 'results.gap'),
  ];
  return (
    <table aria-label={t('results.label')} className="stack-narrow">
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {run.configs.map((c) => {
          const f = configFigures(
            c.checks.length > moment.checks ? { ...c, checks: c.checks.slice(0, moment.checks) } : c,
          );
          // After Stop the two nets may be an epoch apart (each trains in its own worker): say where each one's figures are from.
          const lastEpoch = c.checks.at(-1)?.epoch;
          const status =
            c.status === 'stopped' && lastEpoch !== undefined
              ? t('results.stoppedAt', { epoch: String(lastEpoch) })
              : t(CONFIG_STATUS_KEYS[c.status]);
          return (
            <tr key={c.configId}>
              <th scope="row" data-label={columns[0]}>
                {configLabel(t, c.configId, c.keepProb, run.settings.scaling)}
              </th>
              <td data-label={columns[1]} title={c.message ? knownText(t, c.message) : undefined}>
                {c.message && c.status !== 'finished' ? `${status}: ${knownText(t, c.message)}` : status}
              </td>
              <td data-label={columns[2]}>{f ? fixed(f.finalTrainAcc, 3) : '—'}</td>
              <td data-label={columns[3]}>{f ? fixed(f.finalValAcc, 3) : '—'}</td>
              <td data-label={columns[4]}>
                {f ? t('results.bestAt', { value: fixed(f.bestValAcc, 3), epoch: f.bestEpoch }) : '—'}
              </td>
              <td data-label={columns[5]}>{f ? fixed(f.gap, 3) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
