import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../store/languageSlice.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/** Every language of the page has a catalogue (a language without one fails the type check). */
const CATALOGUES = { en, 'zh-CN': zhCN } as const satisfies Record<Lang, unknown>;

/** One i18next instance with both catalogues, ICU messages, in `lang`; ready at once (no loading). */
export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(new ICU())
    .use(initReactI18next)
    .init({
      lng: lang,
      fallbackLng: 'en',
      resources: { en: { translation: CATALOGUES.en }, 'zh-CN': { translation: CATALOGUES['zh-CN'] } },
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}
