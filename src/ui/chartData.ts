import type { ConfigRun } from '../store/runState.ts';

export type AccuracyKey = 'trainAcc' | 'valAcc';

export interface EpochRow {
  epoch: number;
  [configId: string]: number;
}

/** One row per check (x = epoch; the first check, after one iteration, is epoch 0), one column per configuration. */
export function accuracyRows(configs: ConfigRun[], key: AccuracyKey | 'gap'): EpochRow[] {
  const count = Math.max(0, ...configs.map((c) => c.checks.length));
  const rows: EpochRow[] = [];
  for (let i = 0; i < count; i++) {
    const row: EpochRow = { epoch: NaN };
    for (const c of configs) {
      const check = c.checks[i];
      if (!check) continue;
      row.epoch = check.epoch;
      row[c.configId] = key === 'gap' ? check.trainAcc - check.valAcc : check[key];
    }
    rows.push(row);
  }
  return rows;
}

export interface IterationRow {
  iteration: number;
  [configId: string]: number;
}

/** Loss per iteration, averaged into at most `maxPoints` buckets so long runs stay cheap to draw. */
export function lossRows(configs: ConfigRun[], maxPoints = 600): IterationRow[] {
  const length = Math.max(0, ...configs.map((c) => c.lossHistory.length));
  const bucket = Math.max(1, Math.ceil(length / maxPoints));
  const rows: IterationRow[] = [];
  for (let start = 0; start < length; start += bucket) {
    const row: IterationRow = { iteration: Math.min(start + bucket, length) };
    for (const c of configs) {
      const end = Math.min(start + bucket, c.lossHistory.length);
      if (end <= start) continue;
      let sum = 0;
      for (let i = start; i < end; i++) sum += c.lossHistory[i];
      row[c.configId] = sum / (end - start);
    }
    rows.push(row);
  }
  return rows;
}
