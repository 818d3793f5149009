import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { checksCsv, exportFileStem, lossCsv, runsToJson } from '../../store/runExport.ts';
import { isActive } from '../../store/runState.ts';
import { defaultRunName, savedRunFrom, type SavedRun } from '../../store/savedRuns.ts';
import { chartsToPng } from './chartPng.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { runCaption } from './runCaption.ts';
import { downloadBlob, downloadText } from './download.ts';
import { RunSettingsLine } from './RunSettingsLine.tsx';
import { errorMessage } from '../../core/errorMessage.ts';

interface ExportControlsProps {
  /** The runs to export: the current run, or the runs picked in the Runs panel. */
  runs: SavedRun[];
  /** Where the charts to export as PNG are; no PNG button without it. */
  charts?: RefObject<HTMLElement | null>;
  /** The group's accessible name ("Export this run"). */
  label: string;
  /** Why the buttons are off, shown beside them when there is nothing to export. */
  disabledReason?: string | null;
}

/** Export CSV (accuracy checks), loss CSV (per iteration), JSON (everything saved) and the charts as PNG. */
export function ExportControls({ runs, charts, label, disabledReason }: ExportControlsProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const { t } = useTranslation();
  const datasetName = useDatasetName();
  const disabled = runs.length === 0 || !!disabledReason;
  const stem = exportFileStem(runs);

  const exportPng = async () => {
    setProblem(null);
    try {
      if (!charts?.current) throw new Error('there is no chart on screen to export');
      downloadBlob(
        await chartsToPng(
          charts.current,
          runs.map((run) => runCaption(t, run, datasetName(run.datasetName))),
        ),
        `${stem}.png`,
      );
    } catch (error) {
      setProblem(t('export.pngFailed', { reason: errorMessage(error) }));
    }
  };

  return (
    <div className="export-controls">
      <div role="group" aria-label={label} className="button-row">
        <button
          type="button"
          disabled={disabled}
          onClick={() => downloadText(checksCsv(runs), `${stem}-checks.csv`, 'text/csv')}
        >
          {t('export.csv')}
        </button>
        <button
          type="button"
          disabled={disabled}
          onClick={() => downloadText(lossCsv(runs), `${stem}-loss.csv`, 'text/csv')}
        >
          {t('export.lossCsv')}
        </button>
        <button
          type="button"
          disabled={disabled}
          onClick={() => downloadText(runsToJson(runs, new Date()), `${stem}.json`, 'application/json')}
        >
          {t('export.json')}
        </button>
        {charts && (
          <button type="button" disabled={disabled} onClick={() => void exportPng()}>
            {t('export.png')}
          </button>
        )}
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The current run's settings and seed, and its exports, below its results in the experiment cell. */
export function CurrentRunExport({ charts }: { charts: RefObject<HTMLElement | null> }) {
  // Re-render when the run starts or ends, not on every streamed update (about 10 a second).
  const settings = useLab((s) => s.run?.settings);
  const datasetName = useLab((s) => s.run?.datasetName);
  const active = useLab((s) => isActive(s.run));
  const ended = useLab((s) => (isActive(s.run) ? null : s.run));
  const saved = useLab((s) => (s.run ? s.savedRuns.find((r) => r.id === s.run!.runId) : undefined));
  const lang = useLab((s) => s.lang);
  // A run that ended but could not be saved (nothing measured) still exports what it has.
  const exported = useMemo(
    () =>
      ended
        ? (saved ?? savedRunFrom(ended, defaultRunName(ended.settings, lang), ended.endedAt ?? ended.startedAt))
        : null,
    [ended, saved, lang],
  );
  if (!settings || datasetName === undefined) return null;
  return (
    <CurrentRunExportView
      settings={settings}
      datasetName={datasetName}
      exported={exported}
      active={active}
      charts={charts}
    />
  );
}

function CurrentRunExportView({
  settings,
  datasetName,
  exported,
  active,
  charts,
}: {
  settings: NonNullable<SavedRun['settings']>;
  datasetName: string;
  exported: SavedRun | null;
  active: boolean;
  charts: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <div className="current-run-export">
      <RunSettingsLine settings={settings} datasetName={datasetName} />
      <ExportControls
        runs={exported ? [exported] : []}
        charts={charts}
        label={t('export.thisRun')}
        disabledReason={active ? t('export.whenEnded') : null}
      />
    </div>
  );
}
