import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VIEW_CELLS, type ViewCell } from '../../store/viewSchema.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { ThemeSwitch } from '../shell/ThemeSwitch.tsx';
import { ChosenCell, useWholeNotebookUrl } from './ChosenCells.tsx';

/** Keys a control uses for itself (a slider, the mask grid, a field): they never change the screen. */
function keyBelongsToControl(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, select, textarea, [contenteditable="true"], [role="slider"], [role="grid"]') !== null;
}

/** The screens: the link's cells (the mask panel is inside the experiment) or the whole notebook's, one each. */
export function presentedCells(cells: readonly ViewCell[] | null): ViewCell[] {
  return (cells ?? VIEW_CELLS).filter((c) => c !== 'mask');
}

/**
 * The presentation view (`?present=1`, with `cells=` to choose): one cell per screen for a projector, larger type and
 * thicker chart lines (styles.css, `.presenting`), the arrow keys (and Page Up/Down) or the buttons to move.
 */
export function Presentation({ cells }: { cells: readonly ViewCell[] | null }) {
  const { t } = useTranslation();
  const screens = presentedCells(cells);
  const [index, setIndex] = useState(0);
  const whole = useWholeNotebookUrl(screens);
  const move = (step: number) => setIndex((i) => Math.min(screens.length - 1, Math.max(0, i + step)));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || keyBelongsToControl(event.target)) return;
      const step =
        event.key === 'ArrowRight' || event.key === 'PageDown'
          ? 1
          : event.key === 'ArrowLeft' || event.key === 'PageUp'
            ? -1
            : 0;
      if (step === 0) return;
      event.preventDefault();
      setIndex((i) => Math.min(screens.length - 1, Math.max(0, i + step)));
      window.scrollTo({ top: 0 });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens.length]);

  useEffect(() => {
    document.documentElement.classList.add('presenting');
    return () => document.documentElement.classList.remove('presenting');
  }, []);

  return (
    <div className="presentation">
      <header className="presentation-bar">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('present.label')} className="presentation-nav">
          <button type="button" onClick={() => move(-1)} disabled={index === 0}>
            {t('present.previous')}
          </button>
          <span aria-live="polite">{t('present.position', { position: index + 1, count: screens.length })}</span>
          <button type="button" onClick={() => move(1)} disabled={index === screens.length - 1}>
            {t('present.next')}
          </button>
        </nav>
        <div className="masthead-switches">
          <ThemeSwitch />
          <LanguageSwitch />
        </div>
      </header>
      <main>
        <ChosenCell key={screens[index]} cell={screens[index]} />
      </main>
      <footer className="presentation-foot muted">
        <span>{t('present.keys')}</span>{' '}
        <a href={whole} target="_blank" rel="noopener">
          {t('view.openWhole')}
        </a>
      </footer>
    </div>
  );
}
