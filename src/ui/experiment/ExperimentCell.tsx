import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBuiltInDataset } from '../../data/builtInDatasets.ts';
import { useLab, useLabStore } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';
import { Cell } from '../shell/Cell.tsx';
import { CopyLinkButton, LinkNotice } from '../shell/CopyLinkButton.tsx';
import { DatasetExpectation } from './DatasetExpectation.tsx';
import { DatasetPanel } from './DatasetPanel.tsx';
import { ExperimentScaling } from './ExperimentScaling.tsx';
import { useMessageText } from '../i18n/messageText.ts';
import { CurrentRunExport } from '../runs/ExportControls.tsx';
import { MaskPanel } from '../mask/MaskPanel.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { ScalingAnswer } from './ScalingAnswer.tsx';
import { RunProblems } from './RunProblems.tsx';
import { RunCharts } from './RunCharts.tsx';
import { RunControls } from './RunControls.tsx';
import { RunStatus } from './RunStatus.tsx';
import { Formulas } from '../formulas/Formulas.tsx';
import { ShownRunProvider } from './shownRun.tsx';
import { ChoiceSetting, ComputeSetting, KeepProbSlider, NumberSetting } from '../settings/SettingField.tsx';

/** Says when the controls no longer match the run on screen: changes apply to the next run. */
function PendingChangesNotice() {
  const run = useLab((s) => s.run);
  const settings = useLab((s) => s.settings);
  const { t } = useTranslation();
  if (!run || !isActive(run)) return null;
  // The model setting chooses what "Why it works" shows; the experiment always trains the classifier.
  const changed = (Object.keys(settings) as (keyof typeof settings)[]).filter(
    (k) => k !== 'model' && settings[k] !== run.settings[k],
  );
  if (changed.length === 0) return null;
  return (
    <p className="notice">
      {changed.includes('keepProb')
        ? t('experiment.pendingKeepProb', {
            keepProb: String(settings.keepProb),
            runKeepProb: String(run.settings.keepProb),
          })
        : t('experiment.pendingOther', {
            names: changed.map((k) => t(`settings.${k}`)).join(t('experiment.nameSeparator')),
          })}
    </p>
  );
}

export function ExperimentCell() {
  const runError = useLab((s) => s.runError);
  const loadBuiltIn = useLab((s) => s.loadBuiltIn);
  const startRun = useLab((s) => s.startRun);
  const store = useLabStore();
  /** Train while a run goes would throw it away: ask first. */
  const [confirmRestart, setConfirmRestart] = useState(false);
  const train = useCallback(() => {
    if (isActive(store.getState().run)) setConfirmRestart(true);
    else void startRun();
  }, [store, startRun]);
  const cancelRestart = useCallback(() => setConfirmRestart(false), []);
  const choice = useLab((s) => s.settings.dataset);
  const { t } = useTranslation();
  const messages = useMessageText();
  // A link showing chosen cells shows the mask panel only when it names it (cells=experiment,mask).
  const showMask = useLab((s) => !s.view.cells || s.view.cells.includes('mask'));
  /** The charts of the run on screen, for Export PNG. */
  const chartsRef = useRef<HTMLDivElement>(null);
  // A built-in dataset is fetched when it is chosen (the default one on first open), never before.
  useEffect(() => {
    if (isBuiltInDataset(choice)) void loadBuiltIn(choice);
  }, [choice, loadBuiltIn]);

  return (
    <Cell
      index={4}
      anchor="cell-experiment"
      runAction={train}
      title={t('experiment.title')}
      intro={
        <>
          <p>{t('experiment.intro')}</p>
          <DatasetExpectation />
          <Formulas keys={['trainForward', 'softmaxLoss', 'adam']} />
        </>
      }
    >
      <LinkNotice />
      <div className="settings">
        <KeepProbSlider />
        <NumberSetting name="hiddenSize" />
        <NumberSetting name="hiddenLayers" />
        <NumberSetting name="numTrain" />
        <NumberSetting name="epochs" />
        <NumberSetting name="batchSize" />
        <NumberSetting name="learningRate" />
        <NumberSetting name="weightScale" />
        <NumberSetting name="seed" />
        <ChoiceSetting name="updateRule" />
        <ChoiceSetting name="dataset" wide />
        <ComputeSetting />
      </div>
      <ExperimentScaling />
      <CopyLinkButton />
      <DatasetPanel />
      <ShownRunProvider>
        <div className="run-bar">
          <RunControls onTrain={train} confirming={confirmRestart} onCancelRestart={cancelRestart} />
          <RunStatus />
        </div>
        <PendingChangesNotice />
        {runError && (
          <p role="alert" className="error">
            {messages.join(runError)}
          </p>
        )}
        <RunProblems />
        <div ref={chartsRef}>
          <RunCharts />
        </div>
        <ResultsTable />
        <ScalingAnswer />
        <CurrentRunExport charts={chartsRef} />
        {showMask && <MaskPanel />}
      </ShownRunProvider>
    </Cell>
  );
}
