import {
  SETTING_KEYS,
  SETTINGS_ADDED_LATER,
  SETTINGS_SCHEMA,
  checkSetting,
  settingsProblems,
  type RunSettings,
} from './settingsSchema.ts';

/** Field-by-field checks for records read from files and from the browser's storage: each throws Invalid naming the path. */

/** JSON has no NaN or Infinity (a diverged run's last loss); they are written as these strings. */
const NON_FINITE = new Map<string, number>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

/** A JSON.stringify replacer that writes NaN and the infinities as text (read back by `num`). */
export const nonFiniteAsText = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;

export class Invalid extends Error {}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function record(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) throw new Invalid(`${path} is not an object`);
  return v;
}

export function num(v: unknown, path: string, { finite = false, integer = false, min = -Infinity } = {}): number {
  const n = typeof v === 'string' && NON_FINITE.has(v) ? NON_FINITE.get(v)! : v;
  if (typeof n !== 'number') throw new Invalid(`${path} is not a number`);
  if ((finite || integer) && !Number.isFinite(n)) throw new Invalid(`${path} is not a finite number`);
  if (integer && !Number.isInteger(n)) throw new Invalid(`${path} is not a whole number`);
  if (n < min) throw new Invalid(`${path} is below ${min}`);
  return n;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new Invalid(`${path} is not text`);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new Invalid(`${path} is not true or false`);
  return v;
}

export function oneOf<T extends string>(v: unknown, options: readonly T[], path: string): T {
  if (!options.includes(v as T)) throw new Invalid(`${path} is not one of ${options.join(', ')}`);
  return v as T;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new Invalid(`${path} is not a list`);
  return v;
}

export function settingsOf(v: unknown, path: string): RunSettings {
  const r = record(v, path);
  const settings = {} as Record<string, unknown>;
  for (const key of SETTING_KEYS) {
    // Records made before a setting existed read as its default (the model: runs were classifiers).
    const value = r[key] === undefined && SETTINGS_ADDED_LATER.includes(key) ? SETTINGS_SCHEMA[key].default : r[key];
    const problem = checkSetting(key, value);
    if (problem) throw new Invalid(`${path}.${key}: ${problem}`);
    settings[key] = value;
  }
  const between = Object.values(settingsProblems(settings as unknown as RunSettings));
  if (between.length) throw new Invalid(`${path}: ${between.join('; ')}`);
  return settings as unknown as RunSettings;
}
