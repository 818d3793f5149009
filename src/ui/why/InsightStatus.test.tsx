// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/createLabStore.ts';
import { newRun, type RunState } from '../../store/runState.ts';
import { defaultSettings } from '../../store/settingsSchema.ts';
import { renderWithStore } from '../../store/testing/renderWithStore.tsx';
import { testLabDeps } from '../../store/testing/testLabDeps.ts';
import { createI18n } from '../i18n/i18n.ts';
import { InsightStatus } from './InsightStatus.tsx';
import { useRunInsight } from './useRunInsight.ts';

const english = createI18n('en');
const InEnglish = ({ children }: { children: ReactNode }) => (
  <I18nextProvider i18n={english}>{children}</I18nextProvider>
);

function Note() {
  const view = useRunInsight();
  return <InsightStatus view={view} complete={view.kind === 'trained' && view.insights.length === view.configCount} />;
}

/** A run whose configurations ended as given, the run itself done (or still training). */
function runWith(statuses: ('training' | 'finished' | 'stopped')[], runStatus: RunState['status']): RunState {
  const run = newRun('r1', defaultSettings(), 'CIFAR-10 sample', 0);
  return { ...run, status: runStatus, configs: run.configs.map((c, i) => ({ ...c, status: statuses[i] })) };
}

afterEach(cleanup);

describe("the 'Why it works' cells' note", () => {
  it('says the figures come at the end while the run trains, that they are being computed once it has ended, and nothing when all are in', () => {
    const store = createLabStore(testLabDeps());
    act(() =>
      store.setState({
        run: runWith(['training', 'training'], 'training'),
        insight: { runId: 'r1', features: {}, configs: {}, problems: {} },
      }),
    );
    renderWithStore(<Note />, { store, wrapper: InEnglish });
    expect(screen.getByText(/The figures appear when the run has ended/)).toBeTruthy();

    // The run is done: one configuration's figures are in, the other's are still being computed.
    const figures = { baseline: {} } as never;
    act(() =>
      store.setState({
        run: runWith(['finished', 'finished'], 'done'),
        insight: { runId: 'r1', features: {}, configs: figures, problems: {} },
      }),
    );
    expect(screen.getByText('Computing the figures of the trained nets…')).toBeTruthy();

    act(() =>
      store.setState({
        insight: { runId: 'r1', features: {}, configs: { baseline: {}, dropout: {} } as never, problems: {} },
      }),
    );
    expect(screen.queryByText(/figures/)).toBeNull();
  });

  it('a configuration that was stopped has no figures to wait for: the note explains, it does not say "computing"', () => {
    const store = createLabStore(testLabDeps());
    act(() =>
      store.setState({
        run: runWith(['finished', 'stopped'], 'stopped'),
        insight: { runId: 'r1', features: {}, configs: { baseline: {} } as never, problems: {} },
      }),
    );
    renderWithStore(<Note />, { store, wrapper: InEnglish });
    expect(screen.getByText(/a configuration that was stopped, diverged or failed has none/)).toBeTruthy();
    expect(screen.queryByText(/Computing/)).toBeNull();
  });
});
