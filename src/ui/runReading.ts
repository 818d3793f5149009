import type { AccuracyCheck } from '../core/solver.ts';
import { isActive, type ConfigRun, type RunState } from '../store/runState.ts';

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
export function readRun(run: RunState): string | null {
  const baseline = run.configs.find((c) => c.configId === 'baseline');
  if (!baseline || baseline.checks.length === 0 || BROKEN.includes(baseline.status)) return null;
  const others = run.configs.filter((c) => c !== baseline);
  const measured = others.filter((c) => c.checks.length > 0 && !BROKEN.includes(c.status));
  const broken = others.filter((c) => BROKEN.includes(c.status));
  if (measured.length === 0 && broken.length === 0) return null;

  const index = Math.min(baseline.checks.length, ...measured.map((c) => c.checks.length)) - 1;
  const b = baseline.checks[index];
  const conjunction = b.trainAcc > b.valAcc ? 'but only' : 'and';
  const standing = `${percent(b.trainAcc)} training accuracy ${conjunction} ${percent(b.valAcc)} validation accuracy (a gap of ${gapText(gapOf(b))})`;
  let first: string;
  if (isActive(run)) {
    const when = b.epoch === 0 ? 'After the first iteration' : `After epoch ${b.epoch} of ${run.settings.epochs}`;
    first = `${when}, the net without dropout is at ${standing}.`;
  } else if (run.status === 'stopped') {
    first = `Stopped at epoch ${b.epoch} of ${run.settings.epochs}: without dropout the net had reached ${standing}.`;
  } else {
    first = `Without dropout the net reaches ${standing}.`;
  }

  const clauses = measured.map((c, i) => compareClause(c.label, b, c.checks[index], i === 0));
  for (const c of broken) clauses.push(`the configuration ${c.label} ${c.status === 'diverged' ? 'diverged' : 'failed'}`);
  const second = clauses.join('; ');
  return `${first} ${second.charAt(0).toUpperCase()}${second.slice(1)}.`;
}

/** "with p = 0.25 the gap shrinks from 0.71 to 0.60 and validation accuracy rises from 28.0% to 31.0%". */
function compareClause(label: string, base: AccuracyCheck, mine: AccuracyCheck, first: boolean): string {
  const gap = change(gapText(gapOf(base)), gapText(gapOf(mine)), 'shrinks', 'grows', first);
  const val = change(percent(base.valAcc), percent(mine.valAcc), 'falls', 'rises', first);
  return `with ${label} the gap ${gap} and validation accuracy ${val}`;
}

/** Compares the figures as shown, so "stays" never sits beside two different numbers, nor "shrinks" beside equal ones. */
function change(from: string, to: string, down: string, up: string, sayFrom: boolean): string {
  const a = parseFloat(from);
  const b = parseFloat(to);
  if (a === b) return `stays at ${to}`;
  return `${b < a ? down : up} ${sayFrom ? `from ${from} ` : ''}to ${to}`;
}
