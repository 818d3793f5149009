import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { shownTheme, THEME_CHOICES, type ThemeChoice } from '../../store/themeSlice.ts';

/** The masthead's colour theme: the system's (naming what it is now), light or dark. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const choice = useLab((s) => s.themeChoice);
  const systemTheme = useLab((s) => s.systemTheme);
  const setThemeChoice = useLab((s) => s.setThemeChoice);
  const id = useId();
  const label = (c: ThemeChoice) =>
    c === 'system'
      ? t('theme.system', { shown: t(systemTheme === 'dark' ? 'theme.shownDark' : 'theme.shownLight') })
      : t(c === 'dark' ? 'theme.dark' : 'theme.light');
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('theme.label')}</label>{' '}
      <select id={id} value={choice} onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {label(c)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Puts the theme on the page's root element, where the style sheet's colour variables follow it. */
export function useThemeOnRoot(): void {
  const theme = useLab(shownTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
