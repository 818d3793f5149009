import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useLab } from '../store/index.ts';
import { isActive } from '../store/runState.ts';
import type { SavedRun } from '../store/savedRuns.ts';
import { SETTING_KEYS, SETTINGS_SCHEMA } from '../store/settingsSchema.ts';
import { ExportControls } from './ExportControls.tsx';
import { fixed } from './format.ts';
import { LineChartFigure } from './LineChartFigure.tsx';
import { settingsText } from './RunSettingsLine.tsx';

/** One color per compared run; the baseline dashed, the dropout net solid. */
const RUN_COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#e9a23b', '#6a4c93', '#8d6e63', '#457b9d', '#d62f8f'];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Best and final validation accuracy of every configuration, a line each ("p = 0.5: 0.861 / 0.855"). */
function Figures({ run }: { run: SavedRun }) {
  if (run.figures.length === 0) return <>—</>;
  return (
    <>
      {run.figures.map((f) => (
        <div key={f.configId}>
          {run.configs.find((c) => c.configId === f.configId)?.label}: {fixed(f.bestValAcc, 3)} / {fixed(f.finalValAcc, 3)}
        </div>
      ))}
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
function overlayData(runs: SavedRun[]): { series: Series[]; rows: Record<string, number>[] } {
  const series: Series[] = [];
  const byEpoch = new Map<number, Record<string, number>>();
  runs.forEach((run, i) => {
    for (const c of run.configs) {
      const key = `r${i}-${c.configId}`;
      series.push({ key, name: `${run.name}: ${c.label}`, color: RUN_COLORS[i % RUN_COLORS.length], dashed: c.configId === 'baseline' });
      for (const check of c.checks) {
        const row = byEpoch.get(check.epoch) ?? byEpoch.set(check.epoch, { epoch: check.epoch }).get(check.epoch)!;
        row[key] = check.valAcc;
      }
    }
  });
  return { series, rows: [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch) };
}

function OverlayChart({ runs }: { runs: SavedRun[] }) {
  const { series, rows } = useMemo(() => overlayData(runs), [runs]);
  return (
    <LineChartFigure title="Validation accuracy of the compared runs" rows={rows} series={series} xKey="epoch" xLabel="Epoch"
      yDomain={[0, 1]} digits={3} height={300} />
  );
}

function RenameForm({ run, onDone }: { run: SavedRun; onDone: () => void }) {
  const rename = useLab((s) => s.renameSavedRun);
  const [name, setName] = useState(run.name);
  const [problem, setProblem] = useState<string | null>(null);
  const messageId = useId();
  const input = useRef<HTMLInputElement>(null);
  // The rename field takes focus when it opens (the button that opened it is gone).
  useEffect(() => input.current?.focus(), []);
  const save = async () => {
    const message = await rename(run.id, name);
    if (message) setProblem(message);
    else onDone();
  };
  return (
    <form className="rename" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <input ref={input} aria-label={`New name for ${run.name}`} value={name} maxLength={200}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? messageId : undefined}
        onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onDone()} />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {problem && <small id={messageId} role="alert" className="error">{problem}</small>}
    </form>
  );
}

function SavedRunRow({ run, shown, busy }: { run: SavedRun; shown: boolean; busy: boolean }) {
  const { openSavedRun, deleteSavedRun, toggleCompare } = useLab.getState();
  const compared = useLab((s) => s.compareIds.includes(run.id));
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  return (
    <tr aria-current={shown ? 'true' : undefined}>
      <td className="pick">
        <input type="checkbox" aria-label={`Compare ${run.name}`} checked={compared} onChange={() => toggleCompare(run.id)} />
      </td>
      <th scope="row" className="run-name">
        {mode === 'rename' ? <RenameForm run={run} onDone={() => setMode('view')} /> : run.name}
        {shown && <span className="muted"> (shown above)</span>}
      </th>
      <td>{dateFormat.format(run.savedAt)}</td>
      <td className="settings-cell" title={settingsText(run.settings, run.datasetName)}>{compactSettings(run.settings)}</td>
      <td>{run.status}</td>
      <td><Figures run={run} /></td>
      <td>
        <div className="row-actions">
          {mode === 'delete' ? (
            <>
              <button type="button" aria-label={`Confirm deleting ${run.name}`} onClick={() => void deleteSavedRun(run.id)}>Confirm delete</button>
              <button type="button" onClick={() => setMode('view')}>Cancel</button>
            </>
          ) : (
            <>
              <button type="button" aria-label={`Open ${run.name}`} disabled={busy}
                title={busy ? 'Stop the run in progress to open another' : undefined}
                onClick={() => openSavedRun(run.id)}>Open</button>
              <button type="button" aria-label={`Rename ${run.name}`} onClick={() => setMode('rename')}>Rename</button>
              <button type="button" aria-label={`Delete ${run.name}`} onClick={() => setMode('delete')}>Delete</button>
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
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(`${file.name}: this file is ${(file.size / 2 ** 20).toFixed(0)} MB, too large for a Dropout Lab run file. Nothing was imported.`);
      return;
    }
    setReading(file.name);
    try {
      await importRunFile(await file.text(), file.name);
    } finally {
      setReading(null);
    }
  };
  return (
    <>
      <label className="file-button">
        Import JSON
        <input type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void onFile(e)} />
      </label>
      {reading && <span className="muted">Reading {reading}…</span>}
      {importError && (
        <div role="alert" className="error">
          {importError}{' '}
          <button type="button" onClick={dismiss}>Dismiss</button>
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
  const compareIds = useLab((s) => s.compareIds);
  // Only what the panel shows: not the run itself, which changes about five times a second while training.
  const currentRunId = useLab((s) => s.run?.runId);
  const busy = useLab((s) => isActive(s.run));
  const loadSavedRuns = useLab((s) => s.loadSavedRuns);
  const overlayRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void loadSavedRuns();
  }, [loadSavedRuns]);

  const picked = useMemo(
    () => compareIds.map((id) => savedRuns.find((r) => r.id === id)).filter((r): r is SavedRun => !!r),
    [compareIds, savedRuns],
  );
  return (
    <section className="cell" aria-labelledby={headingId}>
      <div className="cell-gutter" aria-hidden="true" />
      <div className="cell-body">
        <h2 id={headingId}>Runs</h2>
        <div className="cell-intro">
          <p>
            Every run is kept in this browser when it ends or is stopped, with its settings, seed and full histories. Open
            one to see its charts again, pick two or more to overlay their validation curves, or export them.
          </p>
        </div>
        {storageProblem && <p role="alert" className="error">{storageProblem}</p>}
        <div className="cell-controls">
          <ImportRunFile />
        </div>
        {!loaded ? (
          <p className="muted">Reading saved runs…</p>
        ) : savedRuns.length === 0 ? (
          <p className="muted">No saved runs yet: train a run in the experiment above and it appears here when it ends.</p>
        ) : (
          <div className="cell-output">
            <table aria-label="Saved runs" className="saved-runs">
              <thead>
                <tr>
                  <th scope="col">Compare</th>
                  <th scope="col">Name</th>
                  <th scope="col">Saved</th>
                  <th scope="col">Settings and seed</th>
                  <th scope="col">Status</th>
                  <th scope="col">Val acc: best / final</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {savedRuns.map((run) => (
                  <SavedRunRow key={run.id} run={run} shown={currentRunId === run.id} busy={busy} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {savedRuns.length > 0 && (
          <div className="compare">
            <h3>Compare and export the picked runs</h3>
            {picked.length < 2 && (
              <p className="muted">
                {picked.length === 0 ? 'Pick two or more runs (Compare) to overlay their validation curves.' : 'Pick one more run to overlay its validation curve.'}
              </p>
            )}
            <div ref={overlayRef}>{picked.length >= 2 && <OverlayChart runs={picked} />}</div>
            <ExportControls
              runs={picked}
              charts={picked.length >= 2 ? overlayRef : undefined}
              label="Export the picked runs"
              disabledReason={picked.length === 0 ? 'Pick runs to export them together.' : null}
            />
          </div>
        )}
      </div>
    </section>
  );
}
