import { useId, useState, type DragEvent } from 'react';
import { activeDataset, activeDatasetLoad } from '../store/experimentSlice.ts';
import { useLab } from '../store/index.ts';
import { DatasetLoadProgress } from './DatasetLoadProgress.tsx';
import { ExampleGrid } from './ExampleGrid.tsx';

/** The active dataset: its name, size and examples; for CIFAR-10 the file control and drop zone. */
export function DatasetPanel() {
  const dataset = useLab((s) => s.dataset);
  const choice = useLab((s) => s.settings.dataset);
  const active = useLab(activeDataset);
  const load = useLab(activeDatasetLoad);
  const loadCifarFiles = useLab((s) => s.loadCifarFiles);
  const cancelCifarLoad = useLab((s) => s.cancelCifarLoad);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void loadCifarFiles([...e.dataTransfer.files]);
  };

  return (
    <div className="dataset">
      {choice === 'cifar10' && (
        <div
          className={`dropzone${dragging ? ' active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={inputId}>Load CIFAR-10</label>{' '}
          <input
            id={inputId}
            type="file"
            multiple
            accept=".bin,.gz,.tgz,application/gzip,application/octet-stream"
            onChange={(e) => {
              void loadCifarFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
          <p className="muted">
            The official binary version: any of <code>data_batch_1.bin</code> … <code>data_batch_5.bin</code> and{' '}
            <code>test_batch.bin</code>, or the whole <code>cifar-10-binary.tar.gz</code> (from the CIFAR-10 site). Drop
            them here or pick them. They are read in your browser and never uploaded.
          </p>
        </div>
      )}
      {load && <DatasetLoadProgress load={load} onCancel={cancelCifarLoad} />}
      {dataset.notice && <p className="muted">{dataset.notice}</p>}
      {dataset.error && (
        <p role="alert" className="error">
          {dataset.error}
        </p>
      )}
      {active ? (
        <>
          <p className="muted">
            Active dataset: <strong>{active.name}</strong>: {active.train.count.toLocaleString('en')} training images
            {active.test ? `, ${active.test.count.toLocaleString('en')} test images` : ''},{' '}
            {active.imageShape.join(' × ')} each.
          </p>
          <ExampleGrid dataset={active} />
        </>
      ) : (
        choice === 'cifar10' && !load && <p className="muted">No CIFAR-10 files loaded yet.</p>
      )}
    </div>
  );
}
