import type { FloatArray } from '../tensor.ts';

/** The first layer's weights as one image per hidden unit (the dropout paper's section 7.1, Fig. 7). */
export interface FeatureTiles {
  tileWidth: number;
  tileHeight: number;
  /** Hidden units in the first layer. */
  hiddenUnits: number;
  /** The hidden unit each tile shows. */
  units: Int32Array;
  /** Each tile's weight vector's L2 norm. */
  norms: Float32Array;
  /** Tiles (positions in `units`) in unit order, and in order of decreasing norm: each at most `maxTiles` long. */
  byIndex: Int32Array;
  byNorm: Int32Array;
  /** tiles * tileHeight * tileWidth * 4 bytes, RGBA; each tile scaled on its own to 0-255. */
  rgba: Uint8ClampedArray;
  /**
   * Over all units: mean squared difference of horizontally and vertically neighbouring weights over twice
   * the weights' variance. About 1 for white noise, near 0 for smooth, image-like features.
   */
  roughness: number;
}

/**
 * W is [D, H] row-major with D = C * height * width in (C, H, W) order (the data's layout). Tiles for
 * the first `maxTiles` units and the `maxTiles` units of largest norm (one tile each when both).
 */
export function featureTiles(W: FloatArray, H: number, imageShape: readonly [number, number, number], maxTiles = 256): FeatureTiles {
  const [C, height, width] = imageShape;
  const plane = height * width;
  const D = C * plane;
  if (W.length !== D * H) throw new Error(`featureTiles: W has ${W.length} weights, expected ${D} x ${H}`);
  const column = new Float64Array(D);
  const norms = new Float64Array(H);
  let roughnessSum = 0;
  for (let j = 0; j < H; j++) {
    let sq = 0;
    let sum = 0;
    for (let d = 0; d < D; d++) {
      const v = W[d * H + j];
      column[d] = v;
      sq += v * v;
      sum += v;
    }
    norms[j] = Math.sqrt(sq);
    roughnessSum += roughnessOf(column, C, height, width, sum / D, sq / D);
  }
  const show = Math.min(H, maxTiles);
  const byNormUnits = Array.from({ length: H }, (_, j) => j).sort((a, b) => norms[b] - norms[a] || a - b).slice(0, show);
  const tileOf = new Map<number, number>();
  const units: number[] = [];
  const tile = (unit: number) => {
    let t = tileOf.get(unit);
    if (t === undefined) {
      t = units.length;
      units.push(unit);
      tileOf.set(unit, t);
    }
    return t;
  };
  const byIndex = Int32Array.from({ length: show }, (_, j) => tile(j));
  const byNorm = Int32Array.from(byNormUnits, tile);
  const rgba = new Uint8ClampedArray(units.length * plane * 4);
  units.forEach((unit, t) => drawTile(W, H, unit, C, plane, rgba.subarray(t * plane * 4, (t + 1) * plane * 4)));
  return {
    tileWidth: width, tileHeight: height, hiddenUnits: H,
    units: Int32Array.from(units), norms: Float32Array.from(units, (u) => norms[u]),
    byIndex, byNorm, rgba, roughness: H === 0 ? 0 : roughnessSum / H,
  };
}

function roughnessOf(w: Float64Array, C: number, height: number, width: number, mean: number, meanSquare: number): number {
  const variance = meanSquare - mean * mean;
  if (!(variance > 0)) return 0;
  let diffSq = 0;
  let pairs = 0;
  for (let c = 0; c < C; c++) {
    const base = c * height * width;
    for (let r = 0; r < height; r++) {
      for (let x = 0; x < width; x++) {
        const i = base + r * width + x;
        if (x + 1 < width) {
          diffSq += (w[i + 1] - w[i]) ** 2;
          pairs++;
        }
        if (r + 1 < height) {
          diffSq += (w[i + width] - w[i]) ** 2;
          pairs++;
        }
      }
    }
  }
  return pairs === 0 ? 0 : diffSq / pairs / (2 * variance);
}

/** One unit's weights, min to max across all its channels mapped to 0-255 (grey when C is 1). */
function drawTile(W: FloatArray, H: number, unit: number, C: number, plane: number, out: Uint8ClampedArray): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let d = 0; d < C * plane; d++) {
    const v = W[d * H + unit];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < plane; i++) {
    for (let ch = 0; ch < 3; ch++) {
      const d = (C === 3 ? ch * plane : 0) + i;
      out[i * 4 + ch] = scale === 0 ? 128 : (W[d * H + unit] - lo) * scale;
    }
    out[i * 4 + 3] = 255;
  }
}
