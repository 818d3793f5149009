import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FORMULA_HTML } from 'virtual:formula-html';
import 'katex/dist/katex.min.css';
import { useFocusableWhenScrolling } from '../shell/useFocusableWhenScrolling.ts';
import type { FormulaKey } from './formulaTex.ts';

/** One typeset formula; on a narrow screen it scrolls sideways, and then it can be reached with the keyboard. */
function Formula({ formulaKey }: { formulaKey: FormulaKey }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusableWhenScrolling(ref);
  // Built by KaTeX at build time from our own TeX (formulaTex.ts): no text from a person or a file reaches it.
  return <div className="formula-math" ref={ref} dangerouslySetInnerHTML={{ __html: FORMULA_HTML[formulaKey] }} />;
}

/**
 * A cell's formulas, each under its sentence: typeset at build time (KaTeX, HTML and MathML), so the page runs no
 * TeX and the CSP needs no eval; screen readers read the MathML, the HTML is hidden from them.
 */
export function FormulaList({ keys }: { keys: readonly FormulaKey[] }) {
  const { t } = useTranslation();
  return (
    <div className="formulas" role="group" aria-label={t('formulas.label')}>
      {keys.map((key) => (
        <div className="formula" key={key}>
          <p className="formula-caption">{t(`formulas.${key}`)}</p>
          <Formula formulaKey={key} />
        </div>
      ))}
    </div>
  );
}
