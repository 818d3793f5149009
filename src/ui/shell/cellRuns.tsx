import { createContext, useContext, useEffect } from 'react';
import type { CellAnchor } from './notebookCells.ts';

/** What each cell runs (its Run button, or Train), by anchor: Shift+Enter runs the cell that has the focus. */
export type CellRuns = Map<string, () => void>;

export const CellRunsContext = createContext<CellRuns | null>(null);

/** Registers a cell's run action while it is on the page. */
export function useCellRun(anchor: CellAnchor | undefined, run: (() => void) | undefined): void {
  const runs = useContext(CellRunsContext);
  useEffect(() => {
    if (!runs || !anchor || !run) return;
    runs.set(anchor, run);
    return () => {
      if (runs.get(anchor) === run) runs.delete(anchor);
    };
  }, [runs, anchor, run]);
}

/** Shift+Enter anywhere inside a cell runs it, as in Jupyter. */
export function useShiftEnterRunsFocusedCell(runs: CellRuns): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !event.shiftKey || event.isComposing) return;
      const cell = event.target instanceof Element ? event.target.closest('[data-cell]') : null;
      const run = cell ? runs.get(cell.getAttribute('data-cell') ?? '') : undefined;
      if (!run) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [runs]);
}
