import { lazy, Suspense, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { AppUpdateNotice } from './AppUpdateNotice.tsx';
import { BackwardCell } from '../checks/BackwardCell.tsx';
import { DataCredits } from './DataCredits.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ExperimentCell } from '../experiment/ExperimentCell.tsx';
import { ForwardCell } from '../checks/ForwardCell.tsx';
import { createPageI18n, switchLanguage } from '../i18n/loadCatalogues.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NetCell } from '../checks/NetCell.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { SweepCell } from '../sweep/SweepCell.tsx';
import { CellRunsContext, useShiftEnterRunsFocusedCell, type CellRuns } from './cellRuns.tsx';
import { TableOfContents } from './TableOfContents.tsx';
import { ThemeSwitch, useThemeOnRoot } from './ThemeSwitch.tsx';
import { useStopWorkOnLeave } from './useStopWorkOnLeave.ts';
import { useLandOnLinkedCell } from './useLandOnLinkedCell.ts';
import { ChosenCells } from '../teach/ChosenCells.tsx';
import { Presentation } from '../teach/Presentation.tsx';

// The notebook's second part (below the fold, and empty until a run ends) is a chunk of its own, asked for at once.
const loadingWhyItWorks = import('../why/WhyItWorks.tsx');
const WhyItWorks = lazy(() => loadingWhyItWorks.then((m) => ({ default: m.WhyItWorks })));

function Notebook() {
  const { t } = useTranslation();
  const detectGpu = useLab((s) => s.detectGpu);
  useEffect(() => {
    void detectGpu();
  }, [detectGpu]);
  const [cellRuns] = useState<CellRuns>(() => new Map());
  useShiftEnterRunsFocusedCell(cellRuns);
  useThemeOnRoot();
  useStopWorkOnLeave();
  useLandOnLinkedCell();
  const chosenCells = useLab((s) => s.view.cells);
  const presenting = useLab((s) => s.view.present);
  if (presenting) {
    return (
      <CellRunsContext.Provider value={cellRuns}>
        <Presentation cells={chosenCells} />
      </CellRunsContext.Provider>
    );
  }
  if (chosenCells) {
    return (
      <CellRunsContext.Provider value={cellRuns}>
        <ChosenCells cells={chosenCells} />
      </CellRunsContext.Provider>
    );
  }
  return (
    <CellRunsContext.Provider value={cellRuns}>
      <div className="page">
        <TableOfContents />
        <div className="notebook">
          <header className="masthead">
            <div className="masthead-row">
              <h1>{t('app.title')}</h1>
              <div className="masthead-switches">
                <ThemeSwitch />
                <LanguageSwitch />
              </div>
            </div>
            <p>{t('app.intro')}</p>
            <AppUpdateNotice />
          </header>
          <main>
            <ErrorBoundary what={t('errorBoundary.forward')}>
              <ForwardCell />
            </ErrorBoundary>
            <ErrorBoundary what={t('errorBoundary.backward')}>
              <BackwardCell />
            </ErrorBoundary>
            <ErrorBoundary what={t('errorBoundary.net')}>
              <NetCell />
            </ErrorBoundary>
            <ErrorBoundary what={t('errorBoundary.experiment')}>
              <ExperimentCell />
            </ErrorBoundary>
            <ErrorBoundary what={t('errorBoundary.runs')}>
              <RunsPanel />
            </ErrorBoundary>
            <ErrorBoundary what={t('errorBoundary.sweep')}>
              <SweepCell />
            </ErrorBoundary>
            <Suspense fallback={null}>
              <WhyItWorks firstIndex={6} />
            </Suspense>
          </main>
          <DataCredits />
        </div>
      </div>
    </CellRunsContext.Provider>
  );
}

/** The notebook in the store's language: <html lang> and the page title follow it. */
export function App() {
  const lang = useLab((s) => s.lang);
  // main.tsx loads the first language's catalogue before the first render; another one is loaded when chosen.
  const [i18n] = useState(() => createPageI18n(lang));
  useEffect(() => {
    let current = true;
    void switchLanguage(i18n, lang).then(() => {
      if (!current) return;
      document.documentElement.lang = lang;
      document.title = i18n.t('app.title');
    });
    return () => {
      current = false;
    };
  }, [i18n, lang]);
  return (
    <I18nextProvider i18n={i18n}>
      <Notebook />
    </I18nextProvider>
  );
}
