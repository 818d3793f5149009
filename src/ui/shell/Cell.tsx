import { useId, useRef, type ReactNode } from 'react';
import { useFocusableWhenScrolling } from './useFocusableWhenScrolling.ts';
import { useTranslation } from 'react-i18next';
import type { CellStatus } from '../../store/checksSlice.ts';
import { seconds } from '../i18n/format.ts';
import { knownText } from '../i18n/messageText.ts';
import { useCellRun } from './cellRuns.tsx';
import type { CellAnchor } from './notebookCells.ts';
import { ShareThisCell } from '../teach/ShareThisCell.tsx';
import { useLab } from '../../store/index.ts';

interface CellProps {
  index: number;
  /** The section's id (the table of contents links to it). */
  anchor: CellAnchor;
  /** What Shift+Enter runs when the cell has no Run button (Train, Run sweep). */
  runAction?: () => void;
  title: string;
  intro: ReactNode;
  /** When given, the cell has a Run button. */
  onRun?: () => void;
  status?: CellStatus;
  elapsedMs?: number | null;
  error?: string | null;
  controls?: ReactNode;
  children?: ReactNode;
}

/** One notebook cell: heading, explanation, Run button and its output. */
export function Cell({
  index,
  anchor,
  runAction,
  title,
  intro,
  onRun,
  status = 'idle',
  elapsedMs,
  error,
  controls,
  children,
}: CellProps) {
  const headingId = useId();
  const { t } = useTranslation();
  const running = status === 'running';
  useCellRun(anchor, onRun ?? runAction);
  const outputRef = useRef<HTMLDivElement>(null);
  useFocusableWhenScrolling(outputRef);
  // Sharing is offered in the whole notebook, not in a link's chosen cells or the presentation.
  const wholeNotebook = useLab((s) => !s.view.cells && !s.view.present);
  return (
    <section className="cell" id={anchor} data-cell={anchor} aria-labelledby={headingId}>
      <div className="cell-gutter" aria-hidden="true">
        [{running ? '*' : index}]
      </div>
      <div className="cell-body">
        <h2 id={headingId}>{title}</h2>
        {wholeNotebook && <ShareThisCell anchor={anchor} title={title} />}
        <div className="cell-intro">{intro}</div>
        {(onRun || controls) && (
          <div className="cell-controls">
            {controls}
            {onRun && (
              <button type="button" className="run" onClick={onRun} disabled={running}>
                {running ? t('cell.running') : t('cell.run')}
              </button>
            )}
            {status === 'done' && elapsedMs != null && (
              <span className="muted">{t('cell.ranIn', { time: seconds(elapsedMs) })}</span>
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {knownText(t, error)}
          </p>
        )}
        <div className="cell-output" aria-busy={running} ref={outputRef}>
          {children}
        </div>
      </div>
    </section>
  );
}
