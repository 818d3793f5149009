import { BackwardCell } from './BackwardCell.tsx';
import { DataCredits } from './DataCredits.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ExperimentCell } from './ExperimentCell.tsx';
import { ForwardCell } from './ForwardCell.tsx';
import { NetCell } from './NetCell.tsx';
import { RunsPanel } from './RunsPanel.tsx';
import { SweepCell } from './SweepCell.tsx';

export function App() {
  return (
    <div className="notebook">
      <header className="masthead">
        <h1>Dropout Lab</h1>
        <p>
          Stanford CS231n's dropout assignment as a notebook you can run: read each cell top to bottom and press its Run
          button. Everything is computed in your browser, off the main thread.
        </p>
      </header>
      <main>
        <ErrorBoundary what="the forward-pass cell">
          <ForwardCell />
        </ErrorBoundary>
        <ErrorBoundary what="the backward-pass cell">
          <BackwardCell />
        </ErrorBoundary>
        <ErrorBoundary what="the net cell">
          <NetCell />
        </ErrorBoundary>
        <ErrorBoundary what="the regularization experiment">
          <ExperimentCell />
        </ErrorBoundary>
        <ErrorBoundary what="the runs panel">
          <RunsPanel />
        </ErrorBoundary>
        <ErrorBoundary what="the sweep">
          <SweepCell />
        </ErrorBoundary>
      </main>
      <DataCredits />
    </div>
  );
}
