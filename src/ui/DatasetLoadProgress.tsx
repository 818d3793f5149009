import type { DatasetLoad } from '../store/experimentSlice.ts';
import { megabytes } from './format.ts';

/** A load in progress: a bar with megabytes read of the total, and Cancel where the load can be stopped. */
export function DatasetLoadProgress({ load, onCancel }: { load: DatasetLoad; onCancel: () => void }) {
  const { label, bytesRead, totalBytes } = load;
  const amount = totalBytes ? `${megabytes(bytesRead)} of ${megabytes(totalBytes)}` : megabytes(bytesRead);
  return (
    <div className="dataset-load">
      <progress aria-label={`Loading ${label}`} max={totalBytes ?? undefined} value={totalBytes ? Math.min(bytesRead, totalBytes) : undefined} />
      <span className="muted">
        Loading {label}: {amount}
      </span>
      {load.cancellable && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
