import { describe, expect, it } from 'vitest';
import { histogram, type ActivationStats } from '../../core/insight/activationStats.ts';
import type { ConfigId, ConfigInsight } from '../../worker/trainProtocol.ts';
import { createI18n } from '../i18n/i18n.ts';
import {
  agreementFrom,
  readFeatures,
  readMc,
  readSparsity,
  sparsityVerdict,
  type LabelledInsight,
} from './insightReading.ts';

const english = createI18n('en');
const chinese = createI18n('zh-CN');

function stats(meanActivation: number, nearZeroFraction: number): ActivationStats {
  const h = histogram([0], 2, 1);
  return {
    rows: 10,
    units: 5,
    meanActivation,
    maxActivation: 10,
    nearZeroFraction,
    quietUnitFraction: 0,
    activations: h,
    unitMeans: h,
  };
}

function item(
  configId: ConfigId,
  label: string,
  o: { roughness?: number; mean?: number; zeros?: number; mc?: [number[], number] } = {},
): LabelledInsight {
  const insight = {
    imageShape: [1, 2, 2],
    classNames: ['a', 'b'],
    features: { roughness: o.roughness ?? 0.5 },
    activations: stats(o.mean ?? 1, o.zeros ?? 0.5),
    mc: o.mc ? { sampleCounts: [1, 2, 5, 10, 20, 50, 100], mcAcc: o.mc[0], deterministicAcc: o.mc[1] } : null,
    uncertain: [],
  } as unknown as ConfigInsight;
  return { configId, label, insight };
}

/** The default experiment (125 steps on 500 images) and the paper's setting. */
const experiment = { paper: false, steps: 125, images: 500 };
const paper = { paper: true, steps: 1800, images: 9000 };

describe('the "Why it works" readings', () => {
  it("features: the dropout net's roughness against p = 1, as shown, and only differences the eye can see", () => {
    const text = readFeatures(
      english.t,
      [item('baseline', 'p = 1', { roughness: 0.85 }), item('dropout', 'p = 0.5', { roughness: 0.41 })],
      experiment,
    );
    expect(text).toBe(
      'Roughness (neighbouring weights’ mean squared difference over twice their variance: about 1 for noise, near 0 for smooth images) is 0.85 for p = 1; p = 0.5: 0.41, smoother, more image-like features than without dropout.',
    );
    expect(
      readFeatures(
        english.t,
        [item('baseline', 'p = 1', { roughness: 0.6 }), item('dropout', 'p = 0.5', { roughness: 0.57 })],
        experiment,
      ),
    ).toContain('0.57, about the same as without dropout');
    expect(
      readFeatures(
        english.t,
        [item('baseline', 'p = 1', { roughness: 0.5 }), item('dropout', 'p = 0.5', { roughness: 0.8 })],
        experiment,
      ),
    ).toContain('noisier features');
    expect(
      readFeatures(
        chinese.t,
        [item('baseline', 'p = 1', { roughness: 0.85 }), item('dropout', 'p = 0.5', { roughness: 0.41 })],
        experiment,
      ),
    ).toContain('更平滑');
    expect(readFeatures(english.t, [item('baseline', 'p = 1')], experiment)).toBeNull();
  });

  it('features: two noise-like grids (0.98 and 0.95 after a 10-epoch default run) are "still noise", with why, not "smoother"', () => {
    const text = readFeatures(
      english.t,
      [item('baseline', 'p = 1', { roughness: 0.98 }), item('dropout', 'p = 0.25', { roughness: 0.95 })],
      { ...experiment, steps: 50 },
    );
    expect(text).toBe(
      'Both nets’ features are still close to noise (roughness p = 1 0.98; p = 0.25 0.95; about 1 for noise, near 0 for smooth images): 50 Adam steps on 500 images move the first layer little from its random start, too few for the paper’s effect to show. The paper’s setting (above) trains long enough for it.',
    );
    expect(text).not.toContain('smoother');
    expect(
      readFeatures(
        chinese.t,
        [item('baseline', 'p = 1', { roughness: 0.98 }), item('dropout', 'p = 0.25', { roughness: 0.95 })],
        experiment,
      ),
    ).toContain('仍接近噪声');
  });

  it("features, the paper's setting: what to look for in words (its roughness, 0.56 and 0.58, does not separate the tiles)", () => {
    const text = readFeatures(
      english.t,
      [item('baseline', 'p = 1', { roughness: 0.56 }), item('dropout', 'p = 0.5', { roughness: 0.58 })],
      paper,
    )!;
    expect(text).toContain(
      'What to look for: with dropout (p = 0.5) the paper finds that each unit detects a stroke or a blob',
    );
    expect(text).not.toMatch(/0\.5[68]/);
    expect(readFeatures(chinese.t, [item('baseline', 'p = 1'), item('dropout', 'p = 0.5')], paper)).toContain(
      '要看的是',
    );
  });

  it("sparsity wording: the effect, no effect (with why and the paper's setting) and the opposite", () => {
    const pair = (mean: number, zeros: number) => [
      item('baseline', 'p = 1', { mean: 2.5, zeros: 0.06 }),
      item('dropout', 'p = 0.5', { mean, zeros }),
    ];
    expect(readSparsity(english.t, pair(0.53, 0.5), paper)).toBe(
      'Mean activation on the validation set is 2.50 for p = 1, with 6.0% of activations below 1% of the largest; p = 0.5: 0.53, with 50.0% near zero: sparser activations, as the paper finds. (The paper’s autoencoder: 2.0 without dropout, 0.7 with.)',
    );
    const same = [
      item('baseline', 'p = 1', { mean: 33.45, zeros: 0.54 }),
      item('dropout', 'p = 0.25', { mean: 33.45, zeros: 0.54 }),
    ];
    expect(readSparsity(english.t, same, experiment)).toContain(
      'about the same: 125 Adam steps on 500 images are too few for the effect to appear; the paper’s setting (above) shows it',
    );
    expect(readSparsity(english.t, same, paper)).toContain('about the same: this run shows no sparsifying effect');
    const denser = [
      item('baseline', 'p = 1', { mean: 30, zeros: 0.54 }),
      item('dropout', 'p = 0.25', { mean: 33, zeros: 0.5 }),
    ];
    const short = readSparsity(english.t, denser, experiment)!;
    expect(short).toContain('denser, but 125 Adam steps on 500 images are too few for the paper’s effect to appear');
    expect(short).not.toContain('opposite');
    expect(readSparsity(chinese.t, denser, experiment)).not.toContain('相反');
    expect(readSparsity(english.t, denser, paper)).toContain('denser activations, the opposite of the paper’s finding');
    expect(readSparsity(chinese.t, denser, paper)).toContain('与论文的发现相反');
  });

  it('sparsity: sparser, denser, the same or mixed, with tolerances', () => {
    expect(sparsityVerdict(stats(2.0, 0.3), stats(0.7, 0.6))).toBe('sparser');
    expect(sparsityVerdict(stats(2.0, 0.3), stats(0.7, 0.305))).toBe('sparser');
    expect(sparsityVerdict(stats(0.7, 0.6), stats(2.0, 0.3))).toBe('denser');
    expect(sparsityVerdict(stats(33.445, 0.536), stats(33.451, 0.538))).toBe('same');
    expect(sparsityVerdict(stats(2.0, 0.3), stats(1.0, 0.1))).toBe('mixed');
    const text = readSparsity(
      english.t,
      [item('baseline', 'p = 1', { mean: 2, zeros: 0.3 }), item('dropout', 'p = 0.5', { mean: 0.7, zeros: 0.6 })],
      experiment,
    );
    expect(text).toBe(
      'Mean activation on the validation set is 2.00 for p = 1, with 30.0% of activations below 1% of the largest; p = 0.5: 0.70, with 60.0% near zero: sparser activations, as the paper finds. (The paper’s autoencoder: 2.0 without dropout, 0.7 with.)',
    );
  });

  it('Monte-Carlo dropout: from which k the ensemble agrees with one pass, and the largest ensemble against it', () => {
    const counts = [1, 2, 5, 10, 20, 50, 100];
    expect(agreementFrom(counts, [0.2, 0.25, 0.28, 0.3, 0.305, 0.31, 0.312], 0.31)).toBe(10);
    expect(agreementFrom(counts, [0.2, 0.25, 0.28, 0.31, 0.2, 0.31, 0.312], 0.31)).toBe(50);
    expect(agreementFrom(counts, [0.2, 0.25, 0.28, 0.3, 0.29, 0.29, 0.29], 0.31)).toBeNull();
    const text = readMc(english.t, [
      item('baseline', 'p = 1'),
      item('dropout', 'p = 0.5', { mc: [[0.2, 0.25, 0.28, 0.3, 0.305, 0.31, 0.312], 0.31] }),
    ]);
    expect(text).toBe(
      'For p = 0.5, averaging 100 thinned nets gives 31.2% validation accuracy against 31.0% for one test-time pass (+0.2 points; one thinned net alone: 20.0%); they agree within one point from k = 10 on. (The paper finds the two agreeing from about k = 50.)',
    );
    expect(
      readMc(english.t, [item('dropout', 'p = 0.5', { mc: [[0.2, 0.25, 0.28, 0.3, 0.29, 0.29, 0.28], 0.31] })]),
    ).toContain('−3.0 points');
    expect(
      readMc(english.t, [item('dropout', 'p = 0.5', { mc: [[0.2, 0.25, 0.28, 0.3, 0.29, 0.29, 0.28], 0.31] })]),
    ).toContain('still more than one point apart at k = 100');
    expect(readMc(english.t, [item('baseline', 'p = 1')])).toBeNull();
  });
});
