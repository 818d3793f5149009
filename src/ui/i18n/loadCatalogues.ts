import type { i18n } from 'i18next';
import type { Lang } from '../../store/languageSlice.ts';
import { en, type Catalogue } from './en.ts';
import { createI18nWith } from './i18nInstance.ts';

/**
 * The page's catalogues: English comes with the app (it is also the fallback); Chinese is a chunk of its own,
 * downloaded when it is chosen (and precached for offline like every script).
 */
const LOADERS: Record<Lang, () => Promise<Catalogue>> = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
};

const loaded: { en: Catalogue } & Partial<Record<Lang, Catalogue>> = { en };

/** Loads a language's catalogue once; later calls return at once. */
export async function loadCatalogue(lang: Lang): Promise<Catalogue> {
  loaded[lang] ??= await LOADERS[lang]();
  return loaded[lang];
}

/** An instance with every catalogue loaded so far, in `lang` (load it first, or the page speaks English). */
export function createPageI18n(lang: Lang): i18n {
  return createI18nWith(lang, loaded);
}

/** Switches an instance to `lang`, loading its catalogue first. */
export async function switchLanguage(instance: i18n, lang: Lang): Promise<void> {
  const catalogue = await loadCatalogue(lang);
  if (!instance.hasResourceBundle(lang, 'translation')) instance.addResourceBundle(lang, 'translation', catalogue);
  if (instance.language !== lang) await instance.changeLanguage(lang);
}
