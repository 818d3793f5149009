import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { sweepCsv, sweepFileStem, sweepsToJson, type SavedSweep } from '../../store/savedSweeps.ts';
import { downloadText } from '../runs/download.ts';
import { useMessageText } from '../i18n/messageText.ts';

function SavedSweepRow({
  sweep,
  dateFormat,
  shown,
  busy,
}: {
  sweep: SavedSweep;
  dateFormat: Intl.DateTimeFormat;
  shown: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const open = useLab((s) => s.openSavedSweep);
  const remove = useLab((s) => s.deleteSavedSweep);
  const stem = sweepFileStem(sweep);
  const measured = sweep.jobs.filter((j) => j.figures).length;
  return (
    <tr aria-current={shown ? 'true' : undefined}>
      <th scope="row" className="run-name" data-label={t('runs.name')}>
        {/* One box: on phones the name and "(shown above)" sit together beside the label, not under it. */}
        <div>
          {/* Why its Open button is disabled: it is the sweep on screen. */}
          {sweep.name}
          {shown && <span className="muted">{t('runs.shown')}</span>}
        </div>
      </th>
      <td data-label={t('runs.saved')}>{dateFormat.format(sweep.savedAt)}</td>
      <td data-label={t('sweep.savedRunsHeading')}>{t('sweep.savedRuns', { measured, total: sweep.jobs.length })}</td>
      <td data-label={t('runs.actions')}>
        <div className="button-row">
          <button
            type="button"
            onClick={() => open(sweep.id)}
            disabled={busy || shown}
            aria-label={t('sweep.openLabel', { name: sweep.name })}
          >
            {t('sweep.open')}
          </button>
          <button
            type="button"
            onClick={() => downloadText(sweepCsv(sweep), `${stem}.csv`, 'text/csv')}
            aria-label={t('sweep.csvLabel', { name: sweep.name })}
          >
            {t('export.csv')}
          </button>
          <button
            type="button"
            onClick={() => downloadText(sweepsToJson([sweep], new Date()), `${stem}.json`, 'application/json')}
            aria-label={t('sweep.jsonLabel', { name: sweep.name })}
          >
            {t('export.json')}
          </button>
          <button
            type="button"
            onClick={() => void remove(sweep.id)}
            aria-label={t('sweep.deleteLabel', { name: sweep.name })}
          >
            {t('sweep.delete')}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** Ended sweeps saved in this browser: open one in the Sweep cell, export it as CSV or JSON, or delete it. */
export function SavedSweeps() {
  const { t, i18n } = useTranslation();
  const savedSweeps = useLab((s) => s.savedSweeps);
  const problem = useLab((s) => s.sweepStorageProblem);
  const load = useLab((s) => s.loadSavedSweeps);
  const shownId = useLab((s) => s.sweep?.sweepId);
  const busy = useLab((s) => s.sweep?.status === 'running');
  const messages = useMessageText();
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="saved-sweeps">
      <h3>{t('sweep.savedHeading')}</h3>
      {problem && (
        <p role="alert" className="error">
          {messages.text(problem)}
        </p>
      )}
      {savedSweeps.length === 0 ? (
        <p className="muted">{t('sweep.savedNone')}</p>
      ) : (
        <div className="cell-output">
          <table aria-label={t('sweep.savedHeading')} className="saved-runs">
            <thead>
              <tr>
                <th scope="col">{t('runs.name')}</th>
                <th scope="col">{t('runs.saved')}</th>
                <th scope="col">{t('sweep.savedRunsHeading')}</th>
                <th scope="col">{t('runs.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {savedSweeps.map((s) => (
                <SavedSweepRow key={s.id} sweep={s} dateFormat={dateFormat} shown={s.id === shownId} busy={busy} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
