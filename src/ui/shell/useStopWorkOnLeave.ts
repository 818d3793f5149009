import { useEffect } from 'react';
import { useLabStore } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';

/**
 * Leaving or reloading the page ends a run or sweep that is going (or paused) as stopped, so it is saved with the saved
 * ones like any stopped run instead of vanishing with its workers. A page put in the back/forward cache keeps it.
 */
export function useStopWorkOnLeave(): void {
  const store = useLabStore();
  useEffect(() => {
    const onHide = (event: PageTransitionEvent) => {
      if (event.persisted) return;
      const state = store.getState();
      if (isActive(state.run)) state.stopRun();
      if (state.sweep?.status === 'running') state.stopSweep();
    };
    addEventListener('pagehide', onHide);
    return () => removeEventListener('pagehide', onHide);
  }, [store]);
}
