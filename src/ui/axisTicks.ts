/** How chart axes write their ticks. */

/**
 * A tick as it is, floating-point noise aside ("0.275", "0.3", "2.5"): rounding to two decimals wrote Recharts'
 * evenly spaced 0.225, 0.25, 0.275 as 0.23, 0.25, 0.28, uneven steps on even gridlines.
 */
export const valueTick = (v: number) => String(Number(v.toFixed(4)));

/** A share as exact as its tick (3.5%, 7%, 10.5%): whole percents wrote 3.5% as 4%. */
export const shareTick = (v: number) => `${Number((v * 100).toFixed(2))}%`;
