import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { shareUrl } from '../../store/urlState.ts';
import { urlWithView, WHOLE_NOTEBOOK, type ViewCell } from '../../store/viewSchema.ts';
import { AppUpdateNotice } from '../shell/AppUpdateNotice.tsx';
import { BackwardCell } from '../checks/BackwardCell.tsx';
import { LinkNotice } from '../shell/CopyLinkButton.tsx';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { ExperimentCell } from '../experiment/ExperimentCell.tsx';
import { ForwardCell } from '../checks/ForwardCell.tsx';
import { NetCell } from '../checks/NetCell.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { SweepCell } from '../sweep/SweepCell.tsx';

// The "Why it works" cells stay in their own chunks, as in the whole notebook.
const FeaturesCell = lazy(() => import('../why/FeaturesCell.tsx').then((m) => ({ default: m.FeaturesCell })));
const SparsityCell = lazy(() => import('../why/SparsityCell.tsx').then((m) => ({ default: m.SparsityCell })));
const McCell = lazy(() => import('../why/McCell.tsx').then((m) => ({ default: m.McCell })));

/** Each part a link can show alone, as the whole notebook shows it (`mask` is inside the experiment). */
export function ChosenCell({ cell }: { cell: ViewCell }): ReactNode {
  const { t } = useTranslation();
  switch (cell) {
    case 'forward':
      return (
        <ErrorBoundary what={t('errorBoundary.forward')}>
          <ForwardCell />
        </ErrorBoundary>
      );
    case 'backward':
      return (
        <ErrorBoundary what={t('errorBoundary.backward')}>
          <BackwardCell />
        </ErrorBoundary>
      );
    case 'net':
      return (
        <ErrorBoundary what={t('errorBoundary.net')}>
          <NetCell />
        </ErrorBoundary>
      );
    case 'experiment':
      return (
        <ErrorBoundary what={t('errorBoundary.experiment')}>
          <ExperimentCell />
        </ErrorBoundary>
      );
    case 'mask':
      return null;
    case 'runs':
      return (
        <ErrorBoundary what={t('errorBoundary.runs')}>
          <RunsPanel />
        </ErrorBoundary>
      );
    case 'sweep':
      return (
        <ErrorBoundary what={t('errorBoundary.sweep')}>
          <SweepCell />
        </ErrorBoundary>
      );
    case 'features':
      return (
        <ErrorBoundary what={t('why.features.title')}>
          <FeaturesCell index={6} />
        </ErrorBoundary>
      );
    case 'sparsity':
      return (
        <ErrorBoundary what={t('why.sparsity.title')}>
          <SparsityCell index={7} />
        </ErrorBoundary>
      );
    case 'mc':
      return (
        <ErrorBoundary what={t('why.mc.title')}>
          <McCell index={8} />
        </ErrorBoundary>
      );
  }
}

/** The page's address for the whole notebook: the same settings, no view, at the first chosen cell. */
export function useWholeNotebookUrl(cells: readonly ViewCell[]): string {
  // The settings on screen (the address follows them a moment later).
  const settings = useLab((s) => s.settings);
  return urlWithView(shareUrl(window.location.href, settings), WHOLE_NOTEBOOK, cells.length ? `#cell-${cells[0]}` : '');
}

/**
 * A link's chosen cells alone (`?cells=experiment,mask`), for a class or an iframe: no masthead or contents, a
 * title line with the way to the whole notebook, then the cells as the notebook shows them.
 */
export function ChosenCells({ cells }: { cells: readonly ViewCell[] }) {
  const { t } = useTranslation();
  const whole = useWholeNotebookUrl(cells);
  return (
    <div className="chosen-cells">
      <header className="chosen-bar">
        <h1>{t('app.title')}</h1>
        <a href={whole} target="_blank" rel="noopener">
          {t('view.openWhole')} <span className="muted">{t('view.openWholeNote')}</span>
        </a>
        {/* Registers the service worker here too (offline, also inside another site's iframe, in its partition). */}
        <AppUpdateNotice />
      </header>
      <main aria-label={t('view.chosenLabel')}>
        {!cells.includes('experiment') && <LinkNotice />}
        <Suspense fallback={null}>
          {cells.map((cell) => (
            <ChosenCell key={cell} cell={cell} />
          ))}
        </Suspense>
      </main>
    </div>
  );
}
