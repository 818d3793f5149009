import { lazy, Suspense } from 'react';
import type { FormulaKey } from './formulaTex.ts';

// The typeset formulas (KaTeX's HTML and MathML, about 75 kB, and its style sheet) are a chunk of their own, asked for
// as soon as the app starts: the cells' text can be read before they arrive.
const loading = import('./FormulaList.tsx');
const LazyFormulaList = lazy(() => loading.then((m) => ({ default: m.FormulaList })));

/** A cell's formulas, each under its sentence (FormulaList.tsx), once their chunk has arrived. */
export function Formulas({ keys }: { keys: readonly FormulaKey[] }) {
  return (
    <Suspense fallback={null}>
      <LazyFormulaList keys={keys} />
    </Suspense>
  );
}
