import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessageText } from '../i18n/messageText.ts';
import { useLab } from '../../store/index.ts';

/** Far above any run this app can make (100,000 iterations per configuration is a few MB). */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Import a JSON file of runs: the file button, what the import did, and why it failed. */
export function ImportRunFile() {
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
      if (done)
        setOutcome(
          t('runs.imported', { file: file.name, runs: done.runs, added: done.added, shown: done.shown ? 'yes' : 'no' }),
        );
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
      <span role="status" className="muted">
        {outcome}
      </span>
      {importError && (
        <div role="alert" className="error">
          {typeof importError === 'string' ? importError : messages.text(importError)}{' '}
          <button type="button" onClick={dismiss}>
            {t('runs.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
