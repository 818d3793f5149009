import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../store/index.ts';
import { isActive } from '../store/runState.ts';
import { NOTEBOOK_CELLS } from './notebookCells.ts';

const WIDE = '(min-width: 88rem)';

/** Whether the window is wide enough for a sidebar; follows resizes. */
function useWide(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
}

function Contents() {
  const { t } = useTranslation();
  const runAll = useLab((s) => s.runAll);
  const busy = useLab((s) => isActive(s.run) || [s.forwardCell, s.backwardCell, s.netCell].some((c) => c.status === 'running'));
  return (
    <>
      <ol className="toc-list">
        {NOTEBOOK_CELLS.map(({ anchor, titleKey, index }) => (
          <li key={anchor}>
            <a href={`#${anchor}`}>
              {index !== null && <span className="toc-index">[{index}] </span>}
              {t(titleKey)}
            </a>
          </li>
        ))}
      </ol>
      <button type="button" className="primary" onClick={() => void runAll()} disabled={busy}>
        {t('toc.runAll')}
      </button>
      <p className="muted toc-hint">{t('toc.shiftEnter')}</p>
    </>
  );
}

/** The notebook's contents, one click from every cell: a sidebar on wide screens, a menu on narrow ones; Run all. */
export function TableOfContents() {
  const { t } = useTranslation();
  const wide = useWide();
  return (
    <nav aria-label={t('toc.label')} className={wide ? 'toc toc-sidebar' : 'toc toc-menu'}>
      {wide ? (
        <>
          <h2 className="toc-heading">{t('toc.label')}</h2>
          <Contents />
        </>
      ) : (
        <details>
          <summary>{t('toc.label')}</summary>
          <Contents />
        </details>
      )}
    </nav>
  );
}
