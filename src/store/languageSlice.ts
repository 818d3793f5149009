import type { StateCreator } from 'zustand';
import type { LabState } from './labState.ts';

/** The languages of the page: English and Simplified Chinese. */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** The URL key of the page's language (`?lang=zh-CN`). It is not a run setting: runs and exports keep no language. */
export const LANG_URL_KEY = 'lang';

export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/** The first of the browser's languages that we speak: any Chinese is zh-CN, anything else English. */
export function langFromBrowser(languages: readonly string[]): Lang {
  for (const tag of languages) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

export interface LanguageSlice {
  lang: Lang;
  /** Switching language changes no setting and leaves a run in progress alone. */
  setLang(lang: Lang): void;
}

export const createLanguageSlice: StateCreator<LabState, [], [], LanguageSlice> = (set) => ({
  lang: 'en',
  setLang: (lang) => {
    if (isLang(lang)) set({ lang });
  },
});

/** What the language binding needs from the page: window in the app, a fake in tests. */
export interface LanguageHost {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  navigator: { languages?: readonly string[]; language?: string };
  localStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

const STORAGE_KEY = 'dropout-lab:lang';

function remembered(host: LanguageHost): string | null {
  try {
    return host.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/**
 * The page's language: the link's `lang` when it names one we speak, else the one chosen on an earlier visit,
 * else the browser's. A choice is remembered and written to the address (so Copy link shares it).
 */
export function syncLanguage(
  store: {
    getState(): LanguageSlice;
    subscribe(listener: (state: LanguageSlice, previous: LanguageSlice) => void): () => void;
  },
  host: LanguageHost,
): () => void {
  const fromUrl = new URL(host.location.href).searchParams.get(LANG_URL_KEY);
  const stored = remembered(host);
  const browser = langFromBrowser(
    host.navigator.languages ?? (host.navigator.language ? [host.navigator.language] : []),
  );
  store.getState().setLang(isLang(fromUrl) ? fromUrl : isLang(stored) ? stored : browser);
  return store.subscribe((state, previous) => {
    if (state.lang === previous.lang) return;
    try {
      host.localStorage?.setItem(STORAGE_KEY, state.lang);
    } catch {
      // storage refused (private mode): the address still carries the choice
    }
    const url = new URL(host.location.href);
    url.searchParams.set(LANG_URL_KEY, state.lang);
    if (url.href !== host.location.href) host.history.replaceState(host.history.state, '', url.href);
  });
}
