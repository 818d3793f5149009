import { useId, useState, type DragEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { activeDataset, activeDatasetLoad } from '../../store/experimentSlice.ts';
import { useLab } from '../../store/index.ts';
import { DatasetLoadProgress } from './DatasetLoadProgress.tsx';
import { ExampleGrid } from './ExampleGrid.tsx';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { useDatasetName } from '../i18n/datasetName.ts';
import { useMessageText } from '../i18n/messageText.ts';

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
  const { t } = useTranslation();
  const datasetName = useDatasetName();
  const messages = useMessageText();

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
          <label htmlFor={inputId}>{t('dataset.load')}</label>{' '}
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
            <Trans i18nKey="dataset.loadHelp" components={RICH_TEXT} />
          </p>
        </div>
      )}
      {load && <DatasetLoadProgress load={load} onCancel={cancelCifarLoad} />}
      {dataset.notice && <p className="muted">{messages.text(dataset.notice)}</p>}
      {dataset.error && (
        <p role="alert" className="error">
          {messages.text(dataset.error)}
        </p>
      )}
      {active ? (
        <>
          <p className="muted">
            <Trans
              i18nKey="dataset.active"
              values={{
                name: datasetName(active.name),
                train: active.train.count,
                test: active.test?.count ?? 0,
                hasTest: active.test ? 'yes' : 'no',
                shape: active.imageShape.join(' × '),
              }}
              components={RICH_TEXT}
            />
          </p>
          <ExampleGrid dataset={active} />
        </>
      ) : (
        choice === 'cifar10' && !load && <p className="muted">{t('dataset.noneLoaded')}</p>
      )}
    </div>
  );
}
