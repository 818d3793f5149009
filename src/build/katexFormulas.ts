import katex from 'katex';
import type { Plugin } from 'vite';
import { FORMULA_TEX } from '../ui/formulas/formulaTex.ts';

const MODULE_ID = 'virtual:formula-html';
const RESOLVED_ID = `\0${MODULE_ID}`;

/** Every formula of the table as KaTeX's HTML and MathML; a TeX error fails the build. */
export function typesetFormulas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(FORMULA_TEX).map(([key, tex]) => [
      key,
      katex.renderToString(tex, { displayMode: true, output: 'htmlAndMathml', throwOnError: true, strict: 'error' }),
    ]),
  );
}

/**
 * `virtual:formula-html`: the notebook's formulas typeset at build time, so KaTeX's code stays out of the page (only
 * its style sheet and fonts ship, from the app's own origin) and nothing is evaluated at run time.
 */
export function katexFormulas(): Plugin {
  return {
    name: 'dropout-lab:katex-formulas',
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load: (id) =>
      id === RESOLVED_ID ? `export const FORMULA_HTML = ${JSON.stringify(typesetFormulas())};` : undefined,
  };
}
