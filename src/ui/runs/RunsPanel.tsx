import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { configLabel } from '../settings/configLabel.ts';
import type { Message } from '../../core/message.ts';
import { useMessageText } from '../i18n/messageText.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { useLab } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';
import { savedRunName, type SavedRun } from '../../store/savedRuns.ts';
import type { Lang } from '../../store/languageSlice.ts';
import { SETTING_KEYS, SETTINGS_SCHEMA } from '../../store/settingsSchema.ts';
import { useFocusableWhenScrolling } from '../shell/useFocusableWhenScrolling.ts';
import { ExportControls } from './ExportControls.tsx';
import { fixed } from '../i18n/format.ts';
import { LineChartFigure } from '../figures/lazyCharts.tsx';
import { FULL_ACCURACY_AXIS, fitAxis } from '../figures/axisTicks.ts';
import { rowValues } from '../experiment/chartData.ts';
import { AxisRangeNote } from '../experiment/RunCharts.tsx';
import { settingsText } from './RunSettingsLine.tsx';

/** One color per compared run; the baseline dashed, the dropout net solid. */
const RUN_COLORS = Array.from({ length: 8 }, (_, i) => `var(--series-${i + 1})`);


/** Best and final validation accuracy of every configuration, a line each ("p = 0.5: 0.861 / 0.855"). */
function Figures({ run }: { run: SavedRun }) {
  const { t } = useTranslation();
  if (run.figures.length === 0) return <>—</>;
  return (
    <>
      {run.figures.map((f) => {
        const config = run.configs.find((c) => c.configId === f.configId);
        return (
          <div key={f.configId}>
            {config ? configLabel(t, config.configId, config.keepProb, run.settings.scaling) : f.configId}: {fixed(f.bestValAcc, 3)} / {fixed(f.finalValAcc, 3)}
          </div>
        );
      })}
    </>
  );
}

/** The settings as the link writes them ("p=0.5 hidden=500 … seed=7"): short, and the full labels on hover. */
function compactSettings(settings: SavedRun['settings']): string {
  return SETTING_KEYS.map((key) => `${SETTINGS_SCHEMA[key].urlKey}=${String(settings[key])}`).join(' ');
}

interface Series {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
}

/** Validation accuracy of every configuration of the picked runs, by epoch. */
function overlayData(t: TFunction, runs: SavedRun[], lang: Lang): { series: Series[]; rows: Record<string, number>[] } {
  const series: Series[] = [];
  const byEpoch = new Map<number, Record<string, number>>();
  runs.forEach((run, i) => {
    for (const c of run.configs) {
      const key = `r${i}-${c.configId}`;
      series.push({ key, name: `${savedRunName(run, lang)}: ${configLabel(t, c.configId, c.keepProb, run.settings.scaling)}`, color: RUN_COLORS[i % RUN_COLORS.length], dashed: c.configId === 'baseline' });
      for (const check of c.checks) {
        const row = byEpoch.get(check.epoch) ?? byEpoch.set(check.epoch, { epoch: check.epoch }).get(check.epoch)!;
        row[key] = check.valAcc;
      }
    }
  });
  return { series, rows: [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch) };
}

function OverlayChart({ runs }: { runs: SavedRun[] }) {
  const { t } = useTranslation();
  const lang = useLab((s) => s.lang);
  const { series, rows } = useMemo(() => overlayData(t, runs, lang), [runs, t, lang]);
  const [fullRange, setFullRange] = useState(false);
  const axis = useMemo(() => (fullRange ? FULL_ACCURACY_AXIS : fitAxis(rowValues(rows, 'epoch'))), [rows, fullRange]);
  return (
    <>
      <LineChartFigure title={t('runs.overlay')} rows={rows} series={series} xKey="epoch" xLabel={t('charts.epoch')}
        yDomain={axis.domain} yTicks={axis.ticks} digits={3} height={300} />
      <AxisRangeNote fullRange={fullRange} onChange={setFullRange} />
    </>
  );
}

function RenameForm({ run, onDone }: { run: SavedRun; onDone: () => void }) {
  const rename = useLab((s) => s.renameSavedRun);
  const shownName = savedRunName(run, useLab((s) => s.lang));
  const [name, setName] = useState(shownName);
  const [problem, setProblem] = useState<Message | null>(null);
  const messageId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  const messages = useMessageText();
  // The rename field takes focus when it opens (the button that opened it is gone).
  useEffect(() => input.current?.focus(), []);
  const save = async () => {
    const message = await rename(run.id, name);
    if (message) setProblem(message);
    else onDone();
  };
  return (
    <form className="rename" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <input ref={input} aria-label={t('runs.newName', { name: shownName })} value={name} maxLength={200}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? messageId : undefined}
        onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onDone()} />
      <button type="submit">{t('runs.saveName')}</button>
      <button type="button" onClick={onDone}>{t('runs.cancel')}</button>
      {problem && <small id={messageId} role="alert" className="error">{messages.text(problem)}</small>}
    </form>
  );
}

type RowMode = 'view' | 'rename' | 'delete';

/**
 * One saved run. Renaming and deleting replace the row's buttons with a small form; focus goes into it (the name
 * field, the confirming button) and, when it closes, back to the button that opened it (after a deletion, to the
 * panel's heading: `onDeleted`).
 */
function SavedRunRow({ run, shown, busy, onDeleted }: { run: SavedRun; shown: boolean; busy: boolean; onDeleted(): void }) {
  const { openSavedRun, deleteSavedRun, toggleCompare } = useLab.getState();
  const compared = useLab((s) => s.compareIds.includes(run.id));
  const [mode, setModeState] = useState<RowMode>('view');
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  /** The form that just closed: its opening button takes focus once the row shows its buttons again. */
  const closing = useRef<RowMode | null>(null);
  const setMode = (next: RowMode) => {
    if (next === 'view' && mode !== 'view') closing.current = mode;
    setModeState(next);
  };
  useEffect(() => {
    if (mode === 'delete') confirmButton.current?.focus();
    const closed = closing.current;
    closing.current = null;
    if (closed === 'rename') renameButton.current?.focus();
    else if (closed === 'delete') deleteButton.current?.focus();
  }, [mode]);
  const { t, i18n } = useTranslation();
  const name = savedRunName(run, useLab((s) => s.lang));
  const datasetName = useDatasetName();
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  return (
    <tr aria-current={shown ? 'true' : undefined}>
      <td className="pick" data-label={t('runs.compare')}>
        {/* A label as large as a fingertip on phones: a tap anywhere on it toggles the box. */}
        <label className="touch-target">
          <input type="checkbox" aria-label={t('runs.compareRun', { name })} checked={compared} onChange={() => toggleCompare(run.id)} />
        </label>
      </td>
      <th scope="row" className="run-name" data-label={t('runs.name')}>
        <div>
          {mode === 'rename' ? <RenameForm run={run} onDone={() => setMode('view')} /> : name}
          {shown && <span className="muted">{t('runs.shown')}</span>}
        </div>
      </th>
      <td data-label={t('runs.saved')}>{dateFormat.format(run.savedAt)}</td>
      <td data-label={t('runs.settings')} className="settings-cell" title={settingsText(t, run.settings, datasetName(run.datasetName))}><code>{compactSettings(run.settings)}</code></td>
      <td data-label={t('runs.status')}>{run.replaced ? t('runs.replaced') : t(`runs.${run.status}`)}</td>
      <td data-label={t('runs.valAcc')} className="figures-cell"><div><Figures run={run} /></div></td>
      <td data-label={t('runs.actions')}>
        <div className="row-actions">
          {mode === 'delete' ? (
            <>
              <button type="button" ref={confirmButton} aria-label={t('runs.confirmDeleteRun', { name })}
                onClick={() => void deleteSavedRun(run.id).then(onDeleted)}>{t('runs.confirmDelete')}</button>
              <button type="button" onClick={() => setMode('view')} onKeyDown={(e) => e.key === 'Escape' && setMode('view')}>{t('runs.cancel')}</button>
            </>
          ) : (
            <>
              <button type="button" aria-label={t('runs.openRun', { name })} disabled={busy}
                title={busy ? t('runs.openBusy') : undefined}
                onClick={() => openSavedRun(run.id)}>{t('runs.open')}</button>
              <button type="button" ref={renameButton} aria-label={t('runs.renameRun', { name })} onClick={() => setMode('rename')}>{t('runs.rename')}</button>
              <button type="button" ref={deleteButton} aria-label={t('runs.deleteRun', { name })} onClick={() => setMode('delete')}>{t('runs.delete')}</button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Far above any run this app can make (100,000 iterations per configuration is a few MB). */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

function ImportRunFile() {
  const importRunFile = useLab((s) => s.importRunFile);
  const storeError = useLab((s) => s.importError);
  const dismissStoreError = useLab((s) => s.dismissImportError);
  const [reading, setReading] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  /** What the last import did, said once (a new file replaces it). */
  const [outcome, setOutcome] = useState<string | null>(null);
  const { t } = useTranslation();
  const messages = useMessageText();
  const importError = tooLarge ?? storeError;
  const dismiss = () => {
    setTooLarge(null);
    dismissStoreError();
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    dismiss();
    setOutcome(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(t('runs.tooLarge', { name: file.name, size: (file.size / 2 ** 20).toFixed(0) }));
      return;
    }
    setReading(file.name);
    try {
      const done = await importRunFile(await file.text(), file.name);
      if (done) setOutcome(t('runs.imported', { file: file.name, runs: done.runs, added: done.added, shown: done.shown ? 'yes' : 'no' }));
    } finally {
      setReading(null);
    }
  };
  return (
    <>
      <label className="file-button">
        {t('runs.importJson')}
        <input type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void onFile(e)} />
      </label>
      {reading && <span className="muted">{t('runs.readingFile', { name: reading })}</span>}
      <span role="status" className="muted">{outcome}</span>
      {importError && (
        <div role="alert" className="error">
          {typeof importError === 'string' ? importError : messages.text(importError)}{' '}
          <button type="button" onClick={dismiss}>{t('runs.dismiss')}</button>
        </div>
      )}
    </>
  );
}

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
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>{t('runs.heading')}</h2>
        <div className="cell-intro">
          <p>{t('runs.intro')}</p>
        </div>
        {storageProblem && <p role="alert" className="error">{messages.text(storageProblem)}</p>}
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
                  <SavedRunRow key={run.id} run={run} shown={(run.settings.model === 'autoencoder' ? paperRunId : currentRunId) === run.id}
                    busy={run.settings.model === 'autoencoder' ? paperBusy : busy} onDeleted={() => headingRef.current?.focus()} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {savedRuns.length > 0 && (
          <div className="compare">
            <h3>{t('runs.compareHeading')}</h3>
            {picked.length < 2 && (
              <p className="muted">
                {picked.length === 0 ? t('runs.pickTwo') : t('runs.pickOne')}
              </p>
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
