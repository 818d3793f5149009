import { useTranslation } from 'react-i18next';
import { useLab } from '../store/index.ts';
import { configFigures, type ConfigRun } from '../store/runState.ts';
import { configLabel } from './configLabel.ts';
import { fixed } from './format.ts';
import { knownText } from './messageText.ts';

export const CONFIG_STATUS_KEYS = {
  starting: 'results.starting',
  training: 'results.training',
  finished: 'results.finished',
  diverged: 'results.diverged',
  failed: 'results.failedStatus',
  stopped: 'results.stoppedStatus',
} as const satisfies Record<ConfigRun['status'], string>;

export function ResultsTable() {
  const run = useLab((s) => s.run);
  const { t } = useTranslation();
  if (!run) return null;
  return (
    <table aria-label={t('results.label')}>
      <thead>
        <tr>
          <th scope="col">{t('results.configuration')}</th>
          <th scope="col">{t('results.status')}</th>
          <th scope="col">{t('results.finalTrain')}</th>
          <th scope="col">{t('results.finalVal')}</th>
          <th scope="col">{t('results.bestVal')}</th>
          <th scope="col">{t('results.gap')}</th>
        </tr>
      </thead>
      <tbody>
        {run.configs.map((c) => {
          const f = configFigures(c);
          const status = t(CONFIG_STATUS_KEYS[c.status]);
          return (
            <tr key={c.configId}>
              <th scope="row">{configLabel(t, c.configId, c.keepProb, run.settings.scaling)}</th>
              <td title={c.message ? knownText(t, c.message) : undefined}>{c.message && c.status !== 'finished' ? `${status}: ${knownText(t, c.message)}` : status}</td>
              <td>{f ? fixed(f.finalTrainAcc, 3) : '—'}</td>
              <td>{f ? fixed(f.finalValAcc, 3) : '—'}</td>
              <td>{f ? t('results.bestAt', { value: fixed(f.bestValAcc, 3), epoch: f.bestEpoch }) : '—'}</td>
              <td>{f ? fixed(f.gap, 3) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
