/**
 * How many workgroups each shader launches, as pure functions of its sizes: GpuShaders dispatches by them and the
 * bench's `--gpu-plan` prints them, so the printed plan is the one the GPU runs.
 */

/** Threads per workgroup of the elementwise, per-row and split-K reduction shaders. */
export const ELEMENTWISE_WORKGROUP = 256;
/** The most workgroups one dispatch dimension may have (WebGPU's default limit). */
export const MAX_GROUPS_PER_DIMENSION = 65535;
/** A product's tile sizes (rows and columns of C per workgroup of 16 x 16 threads), largest first. */
export const MATMUL_TILES = [64, 32, 16] as const;
export type MatmulTile = (typeof MATMUL_TILES)[number];
/**
 * Workgroups a product should launch to fill a large GPU: an H100 has 132 multiprocessors, and a 64 x 64-tiled
 * forward product of a training step (100 x 3,072 x 500) launched 16.
 */
export const TARGET_WORKGROUPS = 128;
/** The shortest stretch of K a slice of a split product walks with tiles larger than the smallest. */
const MIN_SLICE_K = 128;
/** The shortest slice with the smallest tiles: one load of a tile's 16 steps of K (a shorter one wastes most of it). */
const MIN_SMALLEST_SLICE_K = 16;

export type Groups = readonly [number, number, number];

/** A product c[M, N] = a @ b over K: its tile, its split of K into slices, and what it launches. */
export interface MatmulPlan {
  tile: MatmulTile;
  /** Slices of K computed by separate workgroups into partial sums (1: no split, the product writes C itself). */
  slices: number;
  /** Steps of K per slice (K where there is one slice). */
  sliceK: number;
  /** The product's workgroups: column tiles, row tiles, slices. */
  groups: Groups;
  /** The reduction that sums the slices into C (with the bias and ReLU), or null. */
  reduceGroups: Groups | null;
}

/**
 * The largest tile whose product launches `target` workgroups, by itself or split along K into slices of at least
 * MIN_SLICE_K; failing that, the smallest tile, split as far as the target needs (in slices of at least 16). So a product with rows to spare
 * (a check's 1,000 rows by 500) keeps 64 x 64 tiles unsplit, and a training step's products split or shrink.
 */
export function planMatmul(M: number, K: number, N: number, target = TARGET_WORKGROUPS): MatmulPlan {
  for (const [index, tile] of MATMUL_TILES.entries()) {
    const tiles = Math.ceil(M / tile) * Math.ceil(N / tile);
    const wanted = Math.max(1, Math.min(Math.ceil(target / tiles), K));
    const last = index === MATMUL_TILES.length - 1;
    const sliceK = last ? Math.min(K, Math.max(MIN_SMALLEST_SLICE_K, Math.ceil(K / wanted))) : Math.ceil(K / wanted);
    if (wanted === 1 || sliceK >= MIN_SLICE_K || last) {
      const slices = Math.ceil(K / sliceK);
      const [x, y] = [Math.ceil(N / tile), Math.ceil(M / tile)];
      if (x > MAX_GROUPS_PER_DIMENSION || y > MAX_GROUPS_PER_DIMENSION)
        throw new RangeError(`a ${M} x ${K} x ${N} product is more than one dispatch can cover`);
      return {
        tile,
        slices,
        sliceK,
        groups: [x, y, slices],
        reduceGroups: slices > 1 ? elementwiseGroups(M * N) : null,
      };
    }
  }
  throw new Error('planMatmul: no tile');
}

/** One thread per element, over a 2-D grid when one dimension is not enough. */
export function elementwiseGroups(count: number): Groups {
  const groups = Math.max(1, Math.ceil(count / ELEMENTWISE_WORKGROUP));
  const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
  return [x, Math.ceil(groups / x), 1];
}

/** One thread per row (or column). */
export function perRowGroups(rows: number): Groups {
  const groups = Math.max(1, Math.ceil(rows / ELEMENTWISE_WORKGROUP));
  if (groups > MAX_GROUPS_PER_DIMENSION) throw new RangeError(`${rows} rows is more than one dispatch can cover`);
  return [groups, 1, 1];
}

/** Workgroups in all. */
export function totalGroups([x, y, z]: Groups): number {
  return x * y * z;
}
