import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLab } from '../../store/index.ts';
import { isActive, type RunState } from '../../store/runState.ts';

/**
 * The run as the experiment's figures show it: the store's run, taken at most once a second while it trains, so that
 * the charts, the status line, the Results table and the mask panel all show the same moment (the charts cannot
 * redraw as often as the store updates: a Recharts render costs tens of milliseconds). A new run, a change of state
 * (paused, ended) and anything after the end are shown at once.
 */
const ShownRunContext = createContext<RunState | null | undefined>(undefined);

/** How often a training run's snapshot is taken (npm run bench: the charts are the main thread's main cost). */
export const SHOWN_RUN_INTERVAL_MS = 1000;

export function ShownRunProvider({ children }: { children: ReactNode }) {
  const run = useLab((s) => s.run);
  const [shown, setShown] = useState(run);
  const shownAt = useRef(0);
  const immediate = !run || !shown || run.runId !== shown.runId || run.status !== shown.status || !isActive(run);
  // Adjusting state while rendering (React's documented pattern): no frame shows the old run beside the new state.
  if (immediate && run !== shown) setShown(run);
  useEffect(() => {
    shownAt.current = performance.now();
  }, [shown]);
  useEffect(() => {
    if (run === shown) return;
    const timer = setTimeout(
      () => setShown(run),
      Math.max(0, shownAt.current + SHOWN_RUN_INTERVAL_MS - performance.now()),
    );
    return () => clearTimeout(timer);
  }, [run, shown]);
  return <ShownRunContext.Provider value={shown}>{children}</ShownRunContext.Provider>;
}

/** The shown run; outside a provider (a component test), the store's run as it is. */
export function useShownRun(): RunState | null {
  const shown = useContext(ShownRunContext);
  const live = useLab((s) => (shown === undefined ? s.run : null));
  return shown === undefined ? live : shown;
}
