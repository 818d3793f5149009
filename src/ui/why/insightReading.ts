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

/**
 * What the readings need to know of the run behind the figures: the paper's autoencoder, or the experiment's classifier
 * with how long it trained (its effects need many steps on many images).
 */
export interface ReadingContext {
  paper: boolean;
  /** Adam steps per configuration and training images. */
  steps: number;
  images: number;
}

/** Roughness at or above this reads as noise (white noise is 1): no feature has formed yet. */
export const NOISE_ROUGHNESS = 0.9;
/** Roughness differences below this are not a finding (the reference's tiles differ by 0.02 where the eye sees strokes). */
export const ROUGHNESS_DIFFERENCE = 0.1;

function split(items: LabelledInsight[]): { baseline: LabelledInsight | undefined; others: LabelledInsight[] } {
  return {
    baseline: items.find((i) => i.configId === 'baseline'),
    others: items.filter((i) => i.configId !== 'baseline'),
  };
}

/**
 * How noise-like each net's first-layer features are, the dropout nets against p = 1: "still noise" when all are, a
 * direction only for differences the eye can see, and for the paper's autoencoder (whose tiles the roughness does not
 * separate) what to look for, in words.
 */
export function readFeatures(t: TFunction, items: LabelledInsight[], context: ReadingContext): string | null {
  const { baseline, others } = split(items);
  if (!baseline || others.length === 0) return null;
  if (context.paper) return t('why.features.readingPaper');
  const roughness = (i: LabelledInsight) => i.insight.features.roughness ?? NaN;
  if ([baseline, ...others].every((i) => roughness(i) >= NOISE_ROUGHNESS)) {
    const values = [baseline, ...others].map((i) => `${i.label} ${two(roughness(i))}`).join(t('reading.separator'));
    return t('why.features.readingNoise', { values, steps: count(context.steps), images: count(context.images) });
  }
  const base = two(roughness(baseline));
  const clauses = others.map((o) => {
    const value = two(roughness(o));
    const visible = Math.abs(roughness(o) - roughness(baseline)) >= ROUGHNESS_DIFFERENCE;
    return t('why.features.readingOther', {
      label: o.label,
      value,
      direction: visible ? direction(base, value, 'smoother', 'rougher') : 'same',
    });
  });
  return t('why.features.reading', {
    label: baseline.label,
    value: base,
    others: clauses.join(t('reading.separator')),
  });
}

const count = (v: number) => v.toLocaleString('en');

/**
 * Mean activation and the share of near-zero activations, with and without dropout, against the paper's 2.0 and 0.7.
 * Where the experiment's short run shows no effect (or the other way), it says why and points to the paper's setting.
 */
export function readSparsity(t: TFunction, items: LabelledInsight[], context: ReadingContext): string | null {
  const { baseline, others } = split(items);
  if (!baseline || others.length === 0) return null;
  const b = baseline.insight.activations;
  const clauses = others.map((o) => {
    const a = o.insight.activations;
    const found = sparsityVerdict(b, a);
    const verdict =
      found === 'denser'
        ? context.paper
          ? 'opposite'
          : 'shortDenser'
        : found === 'same' && !context.paper
          ? 'shortSame'
          : found;
    return t('why.sparsity.readingOther', {
      label: o.label,
      mean: two(a.meanActivation),
      zeros: percent(a.nearZeroFraction),
      verdict,
      steps: count(context.steps),
      images: count(context.images),
    });
  });
  return t('why.sparsity.reading', {
    label: baseline.label,
    mean: two(b.meanActivation),
    zeros: percent(b.nearZeroFraction),
    others: clauses.join(t('reading.separator')),
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
  const meanChange =
    base.meanActivation === 0 ? mine.meanActivation : (mine.meanActivation - base.meanActivation) / base.meanActivation;
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
    return [
      t('why.mc.readingConfig', {
        label,
        k: String(k),
        mc: percent(last),
        det: percent(mc.deterministicAcc),
        diff: points(last - mc.deterministicAcc),
        agree: from === null ? 'never' : 'from',
        from: String(from ?? k),
        first: String(mc.sampleCounts[0]),
        firstAcc: percent(mc.mcAcc[0]),
      }),
    ];
  });
  if (clauses.length === 0) return null;
  return t('why.mc.reading', { clauses: clauses.join(' ') });
}
