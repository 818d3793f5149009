/** How chart axes write their ticks. */

/**
 * A tick as it is, floating-point noise aside ("0.275", "0.3", "2.5"): rounding to two decimals wrote Recharts'
 * evenly spaced 0.225, 0.25, 0.275 as 0.23, 0.25, 0.28, uneven steps on even gridlines.
 */
export const valueTick = (v: number) => String(Number(v.toFixed(4)));

/** A share as exact as its tick (3.5%, 7%, 10.5%): whole percents wrote 3.5% as 4%. */
export const shareTick = (v: number) => `${Number((v * 100).toFixed(2))}%`;

/** An axis range and its ticks, at even steps. */
export interface AxisFit {
  domain: [number, number];
  ticks: number[];
}

/** Tick steps an axis may take, smallest first: each a round number a reader adds up at a glance. */
const NICE_STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5];
/** At most this many gaps between ticks: more crowd a 230 px chart. */
const MAX_STEPS = 6;

/**
 * A range that holds `values` with room above and below (a tenth of their spread, at least 0.01), its ends on an even
 * step, clamped to `bounds` (accuracy cannot leave 0-1). With nothing to show, the whole of `bounds`.
 * `include` adds values the axis must show, without room beyond them (the gap's 0).
 */
export function fitAxis(values: Iterable<number>, bounds: [number, number] = [0, 1], include: number[] = []): AxisFit {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return evenTicks(bounds[0], bounds[1], stepFor(bounds[1] - bounds[0]));
  const room = Math.max((hi - lo) / 10, 0.01);
  lo = Math.max(bounds[0], Math.min(lo - room, ...include));
  hi = Math.min(bounds[1], Math.max(hi + room, ...include));
  let step = stepFor(hi - lo);
  // Rounding the ends out to the step can add a gap or two: widen the step until the ticks fit.
  for (;;) {
    const start = Math.max(bounds[0], Math.floor(lo / step + 1e-9) * step);
    const end = Math.min(bounds[1], Math.ceil(hi / step - 1e-9) * step);
    if ((end - start) / step <= MAX_STEPS + 1e-9 || step === NICE_STEPS.at(-1)) return evenTicks(start, end, step);
    step = NICE_STEPS[NICE_STEPS.indexOf(step) + 1];
  }
}

function stepFor(span: number): number {
  return NICE_STEPS.find((s) => span / s <= MAX_STEPS + 1e-9) ?? NICE_STEPS.at(-1)!;
}

function evenTicks(start: number, end: number, step: number): AxisFit {
  const count = Math.round((end - start) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((start + i * step).toFixed(4)));
  return { domain: [ticks[0], ticks.at(-1)!], ticks };
}

/** The full accuracy range, 0 to 1 by 0.2. */
export const FULL_ACCURACY_AXIS: AxisFit = evenTicks(0, 1, 0.2);

/** The nice step (1, 2, 2.5 or 5 times a power of ten) nearest above `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= rough * (1 - 1e-9))!;
  return step * power;
}

/**
 * Ticks for an axis of whole numbers from `min` to `max` (epochs, iterations; `smallestStep` 0 for any numbers, as a
 * histogram's activations): even steps from a multiple of the step,
 * and the last value itself, so the axis shows where the data ends. An even tick closer to the end than half a step
 * is left out: Recharts put the end right after it ("12 13", "450 540").
 */
export function endTicks(min: number, max: number, count = 5, smallestStep = 1): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [min] : [];
  const step = Math.max(smallestStep, niceStep((max - min) / (count - 1)));
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v < max; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[0] !== min && ticks[0] - min < step / 2) ticks.shift();
  if (ticks[0] !== min) ticks.unshift(min);
  while (ticks.length > 1 && max - ticks.at(-1)! < step / 2) ticks.pop();
  return [...ticks, max];
}
