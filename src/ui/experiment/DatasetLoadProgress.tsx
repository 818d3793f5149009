import { useTranslation } from 'react-i18next';
import type { DatasetLoad } from '../../store/experimentSlice.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { megabytes } from '../i18n/format.ts';

/** A load in progress: a bar with megabytes read of the total, and Cancel where the load can be stopped. */
export function DatasetLoadProgress({ load, onCancel }: { load: DatasetLoad; onCancel: () => void }) {
  const { t } = useTranslation();
  const label = useDatasetName()(load.label);
  const { bytesRead, totalBytes } = load;
  const amount = totalBytes
    ? t('dataset.amountOf', { read: megabytes(bytesRead), total: megabytes(totalBytes) })
    : megabytes(bytesRead);
  return (
    <div className="dataset-load">
      <progress
        aria-label={t('dataset.loadingLabel', { label })}
        max={totalBytes ?? undefined}
        value={totalBytes ? Math.min(bytesRead, totalBytes) : undefined}
      />
      <span className="muted">{t('dataset.loading', { label, amount })}</span>
      {load.cancellable && (
        <button type="button" onClick={onCancel}>
          {t('dataset.cancel')}
        </button>
      )}
    </div>
  );
}
