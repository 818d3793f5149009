import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellStatus } from '../store/checksSlice.ts';
import { seconds } from './format.ts';
import { knownText } from './messageText.ts';

interface CellProps {
  index: number;
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
export function Cell({ index, title, intro, onRun, status = 'idle', elapsedMs, error, controls, children }: CellProps) {
  const headingId = useId();
  const { t } = useTranslation();
  const running = status === 'running';
  return (
    <section className="cell" aria-labelledby={headingId}>
      <div className="cell-gutter" aria-hidden="true">[{running ? '*' : index}]</div>
      <div className="cell-body">
        <h2 id={headingId}>{title}</h2>
        <div className="cell-intro">{intro}</div>
        {(onRun || controls) && (
          <div className="cell-controls">
            {controls}
            {onRun && (
              <button type="button" className="run" onClick={onRun} disabled={running}>
                {running ? t('cell.running') : t('cell.run')}
              </button>
            )}
            {status === 'done' && elapsedMs != null && <span className="muted">{t('cell.ranIn', { time: seconds(elapsedMs) })}</span>}
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {knownText(t, error)}
          </p>
        )}
        <div className="cell-output" aria-busy={running}>
          {children}
        </div>
      </div>
    </section>
  );
}
