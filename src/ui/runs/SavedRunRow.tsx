import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { configLabel } from '../settings/configLabel.ts';
import type { Message } from '../../core/message.ts';
import { useMessageText } from '../i18n/messageText.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { useLab, useLabStore } from '../../store/index.ts';
import { savedRunName, type SavedRun } from '../../store/savedRuns.ts';
import { SETTING_KEYS, SETTINGS_SCHEMA } from '../../store/settingsSchema.ts';
import { fixed } from '../i18n/format.ts';
import { settingsText } from './RunSettingsLine.tsx';

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
            {config ? configLabel(t, config.configId, config.keepProb, run.settings.scaling) : f.configId}:{' '}
            {fixed(f.bestValAcc, 3)} / {fixed(f.finalValAcc, 3)}
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

function RenameForm({ run, onDone }: { run: SavedRun; onDone: () => void }) {
  const rename = useLab((s) => s.renameSavedRun);
  const shownName = savedRunName(
    run,
    useLab((s) => s.lang),
  );
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
    <form
      className="rename"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        ref={input}
        aria-label={t('runs.newName', { name: shownName })}
        value={name}
        maxLength={200}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? messageId : undefined}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <button type="submit">{t('runs.saveName')}</button>
      <button type="button" onClick={onDone}>
        {t('runs.cancel')}
      </button>
      {problem && (
        <small id={messageId} role="alert" className="error">
          {messages.text(problem)}
        </small>
      )}
    </form>
  );
}

type RowMode = 'view' | 'rename' | 'delete';

/**
 * One saved run. Renaming and deleting replace the row's buttons with a small form; focus goes into it (the name
 * field, the confirming button) and, when it closes, back to the button that opened it (after a deletion, to the
 * panel's heading: `onDeleted`).
 */
export function SavedRunRow({
  run,
  shown,
  busy,
  onDeleted,
}: {
  run: SavedRun;
  shown: boolean;
  busy: boolean;
  onDeleted(): void;
}) {
  const { openSavedRun, deleteSavedRun, toggleCompare } = useLabStore().getState();
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
  const name = savedRunName(
    run,
    useLab((s) => s.lang),
  );
  const datasetName = useDatasetName();
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
  return (
    <tr aria-current={shown ? 'true' : undefined}>
      <td className="pick" data-label={t('runs.compare')}>
        {/* A label as large as a fingertip on phones: a tap anywhere on it toggles the box. */}
        <label className="touch-target">
          <input
            type="checkbox"
            aria-label={t('runs.compareRun', { name })}
            checked={compared}
            onChange={() => toggleCompare(run.id)}
          />
        </label>
      </td>
      <th scope="row" className="run-name" data-label={t('runs.name')}>
        <div>
          {mode === 'rename' ? <RenameForm run={run} onDone={() => setMode('view')} /> : name}
          {shown && <span className="muted">{t('runs.shown')}</span>}
        </div>
      </th>
      <td data-label={t('runs.saved')}>{dateFormat.format(run.savedAt)}</td>
      <td
        data-label={t('runs.settings')}
        className="settings-cell"
        title={settingsText(t, run.settings, datasetName(run.datasetName))}
      >
        <code>{compactSettings(run.settings)}</code>
      </td>
      <td data-label={t('runs.status')}>{run.replaced ? t('runs.replaced') : t(`runs.${run.status}`)}</td>
      <td data-label={t('runs.valAcc')} className="figures-cell">
        <div>
          <Figures run={run} />
        </div>
      </td>
      <td data-label={t('runs.actions')}>
        <div className="row-actions">
          {mode === 'delete' ? (
            <>
              <button
                type="button"
                ref={confirmButton}
                aria-label={t('runs.confirmDeleteRun', { name })}
                onClick={() => void deleteSavedRun(run.id).then(onDeleted)}
              >
                {t('runs.confirmDelete')}
              </button>
              <button
                type="button"
                onClick={() => setMode('view')}
                onKeyDown={(e) => e.key === 'Escape' && setMode('view')}
              >
                {t('runs.cancel')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                aria-label={t('runs.openRun', { name })}
                disabled={busy}
                title={busy ? t('runs.openBusy') : undefined}
                onClick={() => openSavedRun(run.id)}
              >
                {t('runs.open')}
              </button>
              <button
                type="button"
                ref={renameButton}
                aria-label={t('runs.renameRun', { name })}
                onClick={() => setMode('rename')}
              >
                {t('runs.rename')}
              </button>
              <button
                type="button"
                ref={deleteButton}
                aria-label={t('runs.deleteRun', { name })}
                onClick={() => setMode('delete')}
              >
                {t('runs.delete')}
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
