/** How chart axes write their ticks. */

/**
 * A tick as it is, floating-point noise aside ("0.275", "0.3", "2.5"): rounding to two decimals wrote Recharts'
 * evenly spaced 0.225, 0.25, 0.275 as 0.23, 0.25, 0.28, uneven steps on even gridlines.
 */
export const valueTick = (v: number) => String(Number(v.toFixed(4)));

/** A share as exact as its tick (3.5%, 7%, 10.5%): whole percents wrote 3.5% as 4%. */
export const shareTick = (v: number) => `${Number((v * 100).toFixed(2))}%`;

/** The nice step (1, 2, 2.5 or 5 times a power of ten) nearest above `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= rough * (1 - 1e-9))!;
  return step * power;
}

/**
 * Ticks for an axis of whole numbers from `min` to `max` (epochs, iterations): even steps from a multiple of the step,
 * and the last value itself, so the axis shows where the data ends. An even tick closer to the end than half a step
 * is left out: Recharts put the end right after it ("12 13", "450 540").
 */
export function endTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [min] : [];
  const step = Math.max(1, niceStep((max - min) / (count - 1)));
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v < max; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[0] !== min && ticks[0] - min < step / 2) ticks.shift();
  if (ticks[0] !== min) ticks.unshift(min);
  while (ticks.length > 1 && max - ticks.at(-1)! < step / 2) ticks.pop();
  return [...ticks, max];
}
