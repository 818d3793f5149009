import type { TFunction } from 'i18next';
import type { ActivationStats } from '../../core/insight/activationStats.ts';
import type { ConfigId, ConfigInsight } from '../../worker/trainProtocol.ts';

/** A configuration of the run on screen that has trained to its end, with its name in the reader's language. */
export interface LabelledInsight {
  configId: ConfigId;
  label: string;
  insight: ConfigInsight;
}

const two = (v: number) => v.toFixed(2);
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
/** Differences of accuracy in points, signed: "+1.2 points". */
const points = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;

/** Compares figures as shown, so "smoother" never sits beside two equal numbers. */
function direction(base: string, mine: string, lowerWord: string, higherWord: string): string {
  const [a, b] = [parseFloat(base), parseFloat(mine)];
  return a === b ? 'same' : b < a ? lowerWord : higherWord;
}

function split(items: LabelledInsight[]): { baseline: LabelledInsight | undefined; others: LabelledInsight[] } {
  return { baseline: items.find((i) => i.configId === 'baseline'), others: items.filter((i) => i.configId !== 'baseline') };
}

/** How noise-like each net's first-layer features are, the dropout nets against p = 1. */
export function readFeatures(t: TFunction, items: LabelledInsight[]): string | null {
  const { baseline, others } = split(items);
  if (!baseline || others.length === 0) return null;
  const base = two(baseline.insight.features.roughness ?? NaN);
  const clauses = others.map((o) => {
    const value = two(o.insight.features.roughness ?? NaN);
    return t('why.features.readingOther', { label: o.label, value, direction: direction(base, value, 'smoother', 'rougher') });
  });
  return t('why.features.reading', { label: baseline.label, value: base, others: clauses.join(t('reading.separator')) });
}

/** Mean activation and the share of near-zero activations, with and without dropout, against the paper's 2.0 and 0.7. */
export function readSparsity(t: TFunction, items: LabelledInsight[]): string | null {
  const { baseline, others } = split(items);
  if (!baseline || others.length === 0) return null;
  const b = baseline.insight.activations;
  const clauses = others.map((o) => {
    const a = o.insight.activations;
    const verdict = sparsityVerdict(b, a);
    return t('why.sparsity.readingOther', { label: o.label, mean: two(a.meanActivation), zeros: percent(a.nearZeroFraction), verdict });
  });
  return t('why.sparsity.reading', {
    label: baseline.label, mean: two(b.meanActivation), zeros: percent(b.nearZeroFraction), others: clauses.join(t('reading.separator')),
  });
}

/** A mean activation within 2% of the other's, or a near-zero share within one point, counts as the same. */
const SAME_MEAN_RATIO = 0.02;
const SAME_SHARE = 0.01;

/**
 * Sparser: a lower mean activation and more activations near zero (or one of them and the other the same); denser the
 * opposite; 'same' when both are within the tolerances; 'mixed' when they disagree.
 */
export function sparsityVerdict(base: ActivationStats, mine: ActivationStats): 'sparser' | 'denser' | 'same' | 'mixed' {
  const meanChange = base.meanActivation === 0 ? mine.meanActivation : (mine.meanActivation - base.meanActivation) / base.meanActivation;
  const mean = Math.abs(meanChange) <= SAME_MEAN_RATIO ? 0 : Math.sign(meanChange);
  const shareChange = mine.nearZeroFraction - base.nearZeroFraction;
  const zeros = Math.abs(shareChange) <= SAME_SHARE ? 0 : Math.sign(shareChange);
  if (mean === 0 && zeros === 0) return 'same';
  if (mean <= 0 && zeros >= 0) return 'sparser';
  if (mean >= 0 && zeros <= 0) return 'denser';
  return 'mixed';
}

/** Agreement within this accuracy counts as "the same" (10 of 1,000 validation images). */
export const MC_AGREEMENT = 0.01;

/** The smallest k from which every larger ensemble is within MC_AGREEMENT of the deterministic pass; null if none. */
export function agreementFrom(sampleCounts: number[], mcAcc: number[], deterministicAcc: number): number | null {
  let from: number | null = null;
  for (let i = sampleCounts.length - 1; i >= 0; i--) {
    if (Math.abs(mcAcc[i] - deterministicAcc) > MC_AGREEMENT + 1e-12) break;
    from = sampleCounts[i];
  }
  return from;
}

/** For each dropout net: the largest ensemble against one test-time pass, and from which k they agree. */
export function readMc(t: TFunction, items: LabelledInsight[]): string | null {
  const clauses = items.flatMap(({ label, insight }) => {
    const mc = insight.mc;
    if (!mc || mc.sampleCounts.length === 0) return [];
    const k = mc.sampleCounts.at(-1)!;
    const last = mc.mcAcc.at(-1)!;
    const from = agreementFrom(mc.sampleCounts, mc.mcAcc, mc.deterministicAcc);
    return [t('why.mc.readingConfig', {
      label, k: String(k), mc: percent(last), det: percent(mc.deterministicAcc), diff: points(last - mc.deterministicAcc),
      agree: from === null ? 'never' : 'from', from: String(from ?? k), first: String(mc.sampleCounts[0]), firstAcc: percent(mc.mcAcc[0]),
    })];
  });
  if (clauses.length === 0) return null;
  return t('why.mc.reading', { clauses: clauses.join(' ') });
}
