import type { i18n } from 'i18next';
import type { Lang } from '../../store/languageSlice.ts';
import { en } from './en.ts';
import { createI18nWith } from './i18nInstance.ts';
import { zhCN } from './zh-CN.ts';

/** Every language of the page has a catalogue (a language without one fails the type check). */
const CATALOGUES = { en, 'zh-CN': zhCN } as const satisfies Record<Lang, unknown>;

/**
 * One i18next instance with both catalogues, ICU messages, in `lang`; ready at once (no loading). For tests and
 * tools; the page loads the Chinese catalogue only when it is chosen (loadCatalogues.ts).
 */
export function createI18n(lang: Lang): i18n {
  return createI18nWith(lang, CATALOGUES);
}
