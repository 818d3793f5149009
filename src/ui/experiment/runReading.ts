import type { TFunction } from 'i18next';
import type { AccuracyCheck } from '../../core/solver.ts';
import { isActive, type ConfigRun, type RunState } from '../../store/runState.ts';
import { configLabel } from '../settings/configLabel.ts';

/** "88.4%": one decimal, since 1,000 validation images move accuracy in steps of 0.1%. */
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
/** A gap to two decimals, without "-0.00". */
const gapText = (v: number) => (Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2));
const gapOf = (c: AccuracyCheck) => c.trainAcc - c.valAcc;

const BROKEN: ConfigRun['status'][] = ['diverged', 'failed'];

/**
 * Two sentences reading the run's own figures (assignment question 2): where the net without dropout stands, then how
 * each dropout configuration changes its train - validation gap and its validation accuracy. While a run is going
 * (or after Stop) every configuration is read at the latest check all of them reached, so the figures compared are
 * from the same epoch. Null until there is something to compare.
 */
export function readRun(run: RunState, t: TFunction): string | null {
  const baseline = run.configs.find((c) => c.configId === 'baseline');
  if (!baseline || baseline.checks.length === 0 || BROKEN.includes(baseline.status)) return null;
  const others = run.configs.filter((c) => c !== baseline);
  const measured = others.filter((c) => c.checks.length > 0 && !BROKEN.includes(c.status));
  const broken = others.filter((c) => BROKEN.includes(c.status));
  if (measured.length === 0 && broken.length === 0) return null;
  const label = (c: ConfigRun) => configLabel(t, c.configId, c.keepProb, run.settings.scaling);

  const index = Math.min(baseline.checks.length, ...measured.map((c) => c.checks.length)) - 1;
  const b = baseline.checks[index];
  const standing = t('reading.standing', {
    train: percent(b.trainAcc),
    val: percent(b.valAcc),
    gap: gapText(gapOf(b)),
    higher: b.trainAcc > b.valAcc ? 'yes' : 'no',
  });
  const at = { epoch: String(b.epoch), epochs: String(run.settings.epochs), standing };
  const first = isActive(run)
    ? t(b.epoch === 0 ? 'reading.firstIteration' : 'reading.afterEpoch', at)
    : run.status === 'stopped'
      ? t('reading.stopped', at)
      : t('reading.done', { standing });

  const clauses = measured.map((c, i) => compareClause(t, label(c), b, c.checks[index], i === 0));
  for (const c of broken)
    clauses.push(
      t('reading.broken', { label: label(c), status: c.status, first: clauses.length === 0 ? 'yes' : 'no' }),
    );
  return t('reading.sentences', { first, second: clauses.join(t('reading.separator')) });
}

/** "with p = 0.25 the gap shrinks from 0.71 to 0.60 and validation accuracy rises from 28.0% to 31.0%". */
function compareClause(t: TFunction, label: string, base: AccuracyCheck, mine: AccuracyCheck, first: boolean): string {
  const gap = change(t, gapText(gapOf(base)), gapText(gapOf(mine)), 'reading.shrinks', 'reading.grows', first);
  const val = change(t, percent(base.valAcc), percent(mine.valAcc), 'reading.falls', 'reading.rises', first);
  return t('reading.clause', { label, gap, val, first: first ? 'yes' : 'no' });
}

type ChangeKey = 'reading.shrinks' | 'reading.grows' | 'reading.falls' | 'reading.rises';

/** Compares the figures as shown, so "stays" never sits beside two different numbers, nor "shrinks" beside equal ones. */
function change(t: TFunction, from: string, to: string, down: ChangeKey, up: ChangeKey, sayFrom: boolean): string {
  const a = parseFloat(from);
  const b = parseFloat(to);
  if (a === b) return t('reading.stays', { to });
  return t(b < a ? down : up, { from, to, sayFrom: sayFrom ? 'yes' : 'no' });
}
