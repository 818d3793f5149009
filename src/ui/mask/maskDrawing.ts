import { maskBit } from '../../worker/maskBits.ts';
import type { RGB } from '../figures/themeColors.ts';

/** Writes a rows x cols bit mask into an ImageData, one pixel per unit (CSS scales it up crisply), in the theme's colours. */
export function maskImage(
  bits: Uint8Array,
  rows: number,
  cols: number,
  showAllKept: boolean,
  colors: { kept: RGB; dropped: RGB },
): ImageData {
  const img = new ImageData(cols, rows);
  const px = img.data;
  for (let i = 0; i < rows * cols; i++) {
    const c = showAllKept || maskBit(bits, i) ? colors.kept : colors.dropped;
    px[i * 4] = c[0];
    px[i * 4 + 1] = c[1];
    px[i * 4 + 2] = c[2];
    px[i * 4 + 3] = 255;
  }
  return img;
}

/** Histogram of per-unit kept fractions in `bins` equal bins over [0, 1]. */
export function keptFractionHistogram(keptPerUnit: Uint32Array, rowsSeen: number, bins = 20): number[] {
  const counts = new Array<number>(bins).fill(0);
  if (rowsSeen === 0) return counts;
  for (const kept of keptPerUnit) counts[Math.min(bins - 1, Math.floor((kept / rowsSeen) * bins))]++;
  return counts;
}

/** Draws values as vertical bars (zero at the bottom), one bar per unit, on the given background. */
export function drawBars(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  max: number,
  color: string,
  background: string,
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  if (!(max > 0)) return;
  ctx.fillStyle = color;
  const barWidth = width / values.length;
  for (let j = 0; j < values.length; j++) {
    const h = Math.max(0, (values[j] / max) * height);
    if (h > 0) ctx.fillRect(j * barWidth, height - h, Math.max(1, barWidth), h);
  }
}
