/** The formulas of formulaTex.ts, typeset at build time by KaTeX (HTML for the eye, MathML for screen readers). */
declare module 'virtual:formula-html' {
  export const FORMULA_HTML: Record<import('./formulaTex.ts').FormulaKey, string>;
}
