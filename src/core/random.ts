import seedrandom from 'seedrandom';

/** A seeded stream of random numbers; every random draw in the app goes through one. */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Integer uniform on [0, n). */
  randint(n: number): number;
  /** Fills `out` with uniforms on [0, 1). */
  fillUniform(out: Float32Array | Float64Array): void;
}

export type Seed = string | number;

/** Streams are derived by name from a run's seed, e.g. `deriveSeed(231, 'weights')`. */
export function deriveSeed(seed: Seed, ...names: (string | number)[]): string {
  return [String(seed), ...names.map(String)].join(':');
}

export function createRng(seed: Seed): Rng {
  // Alea: fast, good statistical quality, and reproducible across engines.
  const next = seedrandom.alea(String(seed));
  let spare: number | null = null;
  return {
    uniform: () => next(),
    normal(): number {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    randint(n: number): number {
      if (!(Number.isInteger(n) && n > 0)) throw new Error(`randint: n must be a positive integer, got ${n}`);
      return Math.floor(next() * n);
    },
    fillUniform(out): void {
      for (let i = 0; i < out.length; i++) out[i] = next();
    },
  };
}

/** Fisher-Yates shuffle of 0..n-1 driven by `rng`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.randint(i + 1);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx;
}
