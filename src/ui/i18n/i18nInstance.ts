import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../store/languageSlice.ts';
import type { Catalogue } from './en.ts';

/** One i18next instance with the catalogues given (English at least, the fallback), ICU messages, in `lang`. */
export function createI18nWith(lang: Lang, catalogues: { en: Catalogue } & Partial<Record<Lang, Catalogue>>): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    Object.entries(catalogues).map(([l, catalogue]) => [l, { translation: catalogue }]),
  );
  void instance
    .use(new ICU())
    .use(initReactI18next)
    .init({
      lng: lang,
      fallbackLng: 'en',
      resources,
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}
