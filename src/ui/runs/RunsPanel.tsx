import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessageText } from '../i18n/messageText.ts';
import { useLab } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';
import type { SavedRun } from '../../store/savedRuns.ts';
import { useFocusableWhenScrolling } from '../shell/useFocusableWhenScrolling.ts';
import { ExportControls } from './ExportControls.tsx';
import { ImportRunFile } from './ImportRunFile.tsx';
import { OverlayChart } from './OverlayChart.tsx';
import { SavedRunRow } from './SavedRunRow.tsx';

/** The saved runs: open, rename, delete, pick two or more to overlay, export and import. */
export function RunsPanel() {
  const headingId = useId();
  const savedRuns = useLab((s) => s.savedRuns);
  const loaded = useLab((s) => s.savedRunsLoaded);
  const storageProblem = useLab((s) => s.storageProblem);
  const persistence = useLab((s) => s.storagePersistence);
  const compareIds = useLab((s) => s.compareIds);
  // Only what the panel shows: not the run itself, which changes about five times a second while training.
  // A paper's autoencoder run opens in "Why it works", beside the experiment's: each slot has its own run on screen.
  const currentRunId = useLab((s) => s.run?.runId);
  const busy = useLab((s) => isActive(s.run));
  const paperRunId = useLab((s) => s.paperRun?.runId);
  const paperBusy = useLab((s) => isActive(s.paperRun));
  const loadSavedRuns = useLab((s) => s.loadSavedRuns);
  const overlayRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusableWhenScrolling(tableRef);
  const { t } = useTranslation();
  const messages = useMessageText();
  useEffect(() => {
    void loadSavedRuns();
  }, [loadSavedRuns]);

  const picked = useMemo(
    () => compareIds.map((id) => savedRuns.find((r) => r.id === id)).filter((r): r is SavedRun => !!r),
    [compareIds, savedRuns],
  );
  return (
    <section className="cell" id="cell-runs" data-cell="cell-runs" aria-labelledby={headingId}>
      <div className="cell-gutter" aria-hidden="true" />
      <div className="cell-body">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('runs.heading')}
        </h2>
        <div className="cell-intro">
          <p>{t('runs.intro')}</p>
        </div>
        {storageProblem && (
          <p role="alert" className="error">
            {messages.text(storageProblem)}
          </p>
        )}
        {persistence && persistence !== 'unsupported' && (
          <p className="muted">{t(persistence === 'granted' ? 'runs.persistGranted' : 'runs.persistDenied')}</p>
        )}
        <div className="cell-controls">
          <ImportRunFile />
        </div>
        {!loaded ? (
          <p className="muted">{t('runs.reading')}</p>
        ) : savedRuns.length === 0 ? (
          <p className="muted">{t('runs.none')}</p>
        ) : (
          <div className="cell-output" ref={tableRef}>
            <table aria-label={t('runs.table')} className="saved-runs">
              <thead>
                <tr>
                  <th scope="col">{t('runs.compare')}</th>
                  <th scope="col">{t('runs.name')}</th>
                  <th scope="col">{t('runs.saved')}</th>
                  <th scope="col">{t('runs.settings')}</th>
                  <th scope="col">{t('runs.status')}</th>
                  <th scope="col">{t('runs.valAcc')}</th>
                  <th scope="col">{t('runs.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {savedRuns.map((run) => (
                  <SavedRunRow
                    key={run.id}
                    run={run}
                    shown={(run.settings.model === 'autoencoder' ? paperRunId : currentRunId) === run.id}
                    busy={run.settings.model === 'autoencoder' ? paperBusy : busy}
                    onDeleted={() => headingRef.current?.focus()}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {savedRuns.length > 0 && (
          <div className="compare">
            <h3>{t('runs.compareHeading')}</h3>
            {picked.length < 2 && (
              <p className="muted">{picked.length === 0 ? t('runs.pickTwo') : t('runs.pickOne')}</p>
            )}
            <div ref={overlayRef}>{picked.length >= 2 && <OverlayChart runs={picked} />}</div>
            <ExportControls
              runs={picked}
              charts={picked.length >= 2 ? overlayRef : undefined}
              label={t('runs.exportPicked')}
              disabledReason={picked.length === 0 ? t('runs.pickToExport') : null}
            />
          </div>
        )}
      </div>
    </section>
  );
}
