import type { ConfigRun } from '../../store/runState.ts';
import { aheadKey, type RunMoment } from './runMoment.ts';

export type AccuracyKey = 'trainAcc' | 'valAcc';

export interface EpochRow {
  epoch: number;
  [configId: string]: number;
}

const ALL: RunMoment = { checks: Infinity, iterations: Infinity, configId: null };

/**
 * One row per check (x = epoch; the first check, after one iteration, is epoch 0), one column per configuration: its
 * checks up to the moment; the checks past it (the configuration ahead) in its `aheadKey` column, from the last shared
 * one, so the faded line continues the solid one.
 */
export function accuracyRows(configs: ConfigRun[], key: AccuracyKey | 'gap', moment: RunMoment = ALL): EpochRow[] {
  const count = Math.max(0, ...configs.map((c) => c.checks.length));
  const rows: EpochRow[] = [];
  for (let i = 0; i < count; i++) {
    const row: EpochRow = { epoch: NaN };
    for (const c of configs) {
      const check = c.checks[i];
      if (!check) continue;
      row.epoch = check.epoch;
      const value = key === 'gap' ? check.trainAcc - check.valAcc : check[key];
      if (i < moment.checks) row[c.configId] = value;
      if (i >= moment.checks - 1 && c.checks.length > moment.checks) row[aheadKey(c.configId)] = value;
    }
    rows.push(row);
  }
  return rows;
}

export interface IterationRow {
  iteration: number;
  [configId: string]: number;
}

/**
 * Loss per iteration, averaged into at most `maxPoints` buckets so long runs stay cheap to draw. A bucket that ends past
 * the moment is drawn faded (`aheadKey`), joined to the last solid one.
 */
export function lossRows(configs: ConfigRun[], maxPoints = 600, moment: RunMoment = ALL): IterationRow[] {
  const length = Math.max(0, ...configs.map((c) => c.lossHistory.length));
  const bucket = Math.max(1, Math.ceil(length / maxPoints));
  const rows: IterationRow[] = [];
  const lastSolid = new Map<string, IterationRow>();
  for (let start = 0; start < length; start += bucket) {
    const row: IterationRow = { iteration: Math.min(start + bucket, length) };
    for (const c of configs) {
      const end = Math.min(start + bucket, c.lossHistory.length);
      if (end <= start) continue;
      let sum = 0;
      for (let i = start; i < end; i++) sum += c.lossHistory[i];
      const mean = sum / (end - start);
      if (end <= moment.iterations) {
        row[c.configId] = mean;
        lastSolid.set(c.configId, row);
      } else {
        const joint = lastSolid.get(c.configId);
        if (joint) joint[aheadKey(c.configId)] = joint[c.configId];
        row[aheadKey(c.configId)] = mean;
      }
    }
    rows.push(row);
  }
  return rows;
}

/** Every accuracy (or gap) value the chart draws, solid or faded: what its axis is fitted to. */
export function rowValues(rows: readonly Record<string, number>[], xKey: string): number[] {
  const values: number[] = [];
  for (const row of rows) for (const k in row) if (k !== xKey) values.push(row[k]);
  return values;
}
