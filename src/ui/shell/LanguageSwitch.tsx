import { useId } from 'react';
import { useLab } from '../../store/index.ts';
import { LANGS, type Lang } from '../../store/languageSlice.ts';

/** Each language named in itself, so either reader finds theirs. */
const NATIVE_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '中文' };

/** The masthead's language switch; its label is in both languages on purpose. */
export function LanguageSwitch() {
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>Language · 语言</label>{' '}
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
