import type { FloatArray } from '../tensor.ts';

/** Which units come first: largest weight norm, or unit index. */
export type TileOrder = 'norm' | 'index';

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
   * the weights' variance. About 1 for white noise, near 0 for smooth, image-like features. Null when not asked for.
   */
  roughness: number | null;
}

/**
 * W is [D, H] row-major with D = C * height * width in (C, H, W) order (the data's layout). Tiles for
 * the first `maxTiles` units and the `maxTiles` units of largest norm (one tile each when both), or for one `order`.
 */
export function featureTiles(
  W: FloatArray,
  H: number,
  imageShape: readonly [number, number, number],
  {
    maxTiles = 256,
    withRoughness = true,
    order,
  }: { maxTiles?: number; withRoughness?: boolean; order?: TileOrder } = {},
): FeatureTiles {
  const [C, height, width] = imageShape;
  const plane = height * width;
  const D = C * plane;
  if (W.length !== D * H) throw new Error(`featureTiles: W has ${W.length} weights, expected ${D} x ${H}`);
  // Row by row (W's own order): a unit's weights are a column, far apart in memory. A live frame (no roughness) needs
  // only the norms here; the drawn units' ranges come after, for them alone.
  const sums = new Float64Array(H);
  const squares = new Float64Array(H);
  const neighbourSq = new Float64Array(H);
  let neighbourPairs = 0;
  for (let d = 0; d < D; d++) {
    const row = d * H;
    const x = d % width;
    const y = Math.floor(d / width) % height;
    if (!withRoughness) {
      for (let j = 0; j < H; j++) squares[j] += W[row + j] * W[row + j];
      continue;
    }
    for (let j = 0; j < H; j++) {
      const v = W[row + j];
      sums[j] += v;
      squares[j] += v * v;
    }
    if (x + 1 < width) {
      neighbourPairs++;
      for (let j = 0; j < H; j++) neighbourSq[j] += (W[row + H + j] - W[row + j]) ** 2;
    }
    if (y + 1 < height) {
      neighbourPairs++;
      const below = row + width * H;
      for (let j = 0; j < H; j++) neighbourSq[j] += (W[below + j] - W[row + j]) ** 2;
    }
  }
  const norms = squares.map(Math.sqrt);
  let roughnessSum = 0;
  for (let j = 0; j < H; j++) {
    const mean = sums[j] / D;
    const variance = squares[j] / D - mean * mean;
    if (variance > 0 && neighbourPairs > 0) roughnessSum += neighbourSq[j] / neighbourPairs / (2 * variance);
  }
  const show = Math.min(H, maxTiles);
  const byNormUnits = Array.from({ length: H }, (_, j) => j)
    .sort((a, b) => norms[b] - norms[a] || a - b)
    .slice(0, show);
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
  // With an order given, only that order's tiles are drawn (a live frame draws what is on screen).
  const byIndex = order === 'norm' ? new Int32Array(0) : Int32Array.from({ length: show }, (_, j) => tile(j));
  const byNorm = order === 'index' ? new Int32Array(0) : Int32Array.from(byNormUnits, tile);
  const rgba = drawTiles(W, H, units, C, plane);
  return {
    tileWidth: width,
    tileHeight: height,
    hiddenUnits: H,
    units: Int32Array.from(units),
    norms: Float32Array.from(units, (u) => norms[u]),
    byIndex,
    byNorm,
    rgba,
    roughness: withRoughness && H > 0 ? roughnessSum / H : null,
  };
}

/** Each unit's weights, its min to max across all channels mapped to 0-255 (grey when C is 1; mid-grey when constant). */
function drawTiles(W: FloatArray, H: number, units: number[], C: number, plane: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(units.length * plane * 4);
  const lo = new Float64Array(H).fill(Infinity);
  const hi = new Float64Array(H).fill(-Infinity);
  for (let d = 0; d < C * plane; d++) {
    for (const u of units) {
      const v = W[d * H + u];
      if (v < lo[u]) lo[u] = v;
      if (v > hi[u]) hi[u] = v;
    }
  }
  const scales = units.map((u) => (hi[u] > lo[u] ? 255 / (hi[u] - lo[u]) : 0));
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < plane; i++) {
      const row = (c * plane + i) * H;
      for (let t = 0; t < units.length; t++) {
        const u = units[t];
        const value = scales[t] === 0 ? 128 : (W[row + u] - lo[u]) * scales[t];
        const at = (t * plane + i) * 4;
        if (C === 3) rgba[at + c] = value;
        else rgba[at] = rgba[at + 1] = rgba[at + 2] = value;
        rgba[at + 3] = 255;
      }
    }
  }
  return rgba;
}
