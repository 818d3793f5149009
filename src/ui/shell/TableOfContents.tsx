import { useRef, useSyncExternalStore, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { isActive } from '../../store/runState.ts';
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

function RunAllButton() {
  const { t } = useTranslation();
  const runAll = useLab((s) => s.runAll);
  const busy = useLab(
    (s) => isActive(s.run) || [s.forwardCell, s.backwardCell, s.netCell].some((c) => c.status === 'running'),
  );
  return (
    <button type="button" className="primary" onClick={() => void runAll()} disabled={busy}>
      {t('toc.runAll')}
    </button>
  );
}

function CellLinks({ onFollow }: { onFollow?(): void }) {
  const { t } = useTranslation();
  return (
    <ol className="toc-list">
      {NOTEBOOK_CELLS.map(({ anchor, titleKey, index }) => (
        <li key={anchor}>
          <a href={`#${anchor}`} onClick={onFollow}>
            {index !== null && <span className="toc-index">[{index}] </span>}
            {t(titleKey)}
          </a>
        </li>
      ))}
    </ol>
  );
}

/**
 * The notebook's contents, one click from every cell: a sidebar on wide screens; on narrower ones a bar that stays at
 * the top of the window as the page scrolls, with the contents as a menu and Run all beside it. The keyboard hint is
 * not shown on touch screens (styles.css, pointer: coarse).
 */
export function TableOfContents() {
  const { t } = useTranslation();
  const wide = useWide();
  const menu = useRef<HTMLDetailsElement>(null);
  // Following a link closes the menu, so the cell it leads to is not under it.
  const close = (e?: MouseEvent) => {
    if (e?.defaultPrevented) return;
    if (menu.current) menu.current.open = false;
  };
  return (
    <nav aria-label={t('toc.label')} className={wide ? 'toc toc-sidebar' : 'toc toc-menu'}>
      {wide ? (
        <>
          <h2 className="toc-heading">{t('toc.label')}</h2>
          <CellLinks />
          <RunAllButton />
          <p className="muted toc-hint keyboard-hint">{t('toc.shiftEnter')}</p>
        </>
      ) : (
        <div className="toc-bar">
          <details ref={menu}>
            <summary>{t('toc.label')}</summary>
            <div className="toc-dropdown">
              <CellLinks onFollow={close} />
              <p className="muted toc-hint keyboard-hint">{t('toc.shiftEnter')}</p>
            </div>
          </details>
          <RunAllButton />
        </div>
      )}
    </nav>
  );
}
