import type { StateCreator } from 'zustand';
import type { LabState } from './labState.ts';

/** The colour themes, and the choice of one: the system's (the default), or light or dark whatever the system says. */
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return (THEME_CHOICES as readonly unknown[]).includes(value);
}

export interface ThemeSlice {
  themeChoice: ThemeChoice;
  /** What the system asks for (`prefers-color-scheme`), followed while the choice is 'system'. */
  systemTheme: Theme;
  setThemeChoice(choice: ThemeChoice): void;
  setSystemTheme(theme: Theme): void;
}

export const createThemeSlice: StateCreator<LabState, [], [], ThemeSlice> = (set) => ({
  themeChoice: 'system',
  systemTheme: 'light',
  setThemeChoice: (themeChoice) => {
    if (isThemeChoice(themeChoice)) set({ themeChoice });
  },
  setSystemTheme: (systemTheme) => set({ systemTheme }),
});

/** The theme on screen. */
export function shownTheme(state: Pick<ThemeSlice, 'themeChoice' | 'systemTheme'>): Theme {
  return state.themeChoice === 'system' ? state.systemTheme : state.themeChoice;
}

/** What the theme binding needs from the page: window in the app, a fake in tests. */
export interface ThemeHost {
  localStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  matchMedia?: (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
}

const STORAGE_KEY = 'dropout-lab:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Follows the system's colour scheme as it changes, starts from the choice remembered from an earlier visit, and
 * remembers a new choice (a preference of this browser: unlike the language, links do not carry it).
 */
export function syncTheme(
  store: { getState(): ThemeSlice; subscribe(listener: (state: ThemeSlice, previous: ThemeSlice) => void): () => void },
  host: ThemeHost,
): () => void {
  let stored: string | null = null;
  try {
    stored = host.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // storage refused (private mode): the system's theme
  }
  if (isThemeChoice(stored)) store.getState().setThemeChoice(stored);
  const query = host.matchMedia?.(DARK_QUERY);
  const follow = () => store.getState().setSystemTheme(query?.matches ? 'dark' : 'light');
  follow();
  query?.addEventListener('change', follow);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.themeChoice === previous.themeChoice) return;
    try {
      host.localStorage?.setItem(STORAGE_KEY, state.themeChoice);
    } catch {
      // not remembered; the choice still holds for this visit
    }
  });
  return () => {
    query?.removeEventListener('change', follow);
    unsubscribe();
  };
}
