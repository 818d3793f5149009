import { isTerminal, type ConfigRun } from '../../store/runState.ts';

/**
 * The moment a run's figures all show: the last check and iteration every configuration still training has reached
 * (the workers run side by side, one ahead of the other). A configuration that has ended (finished, stopped, diverged)
 * holds nobody back; once all have ended, everything measured is shown.
 */
export interface RunMoment {
  /** How many checks of each configuration are drawn solid. */
  checks: number;
  /** How many iterations (losses) are drawn solid. */
  iterations: number;
  /** The configuration that sets the moment (the one behind), or null when all have ended. */
  configId: ConfigRun['configId'] | null;
}

export function runMoment(configs: readonly ConfigRun[]): RunMoment {
  const going = configs.filter((c) => !isTerminal(c.status));
  if (going.length === 0) return { checks: Infinity, iterations: Infinity, configId: null };
  const behind = going.reduce((a, c) => (c.iteration < a.iteration ? c : a), going[0]);
  return {
    checks: Math.min(...going.map((c) => c.checks.length)),
    iterations: Math.min(...going.map((c) => Math.min(c.iteration, c.lossHistory.length))),
    configId: behind.configId,
  };
}

/** The row field of a configuration's points past the moment (drawn faded). */
export const aheadKey = (configId: string) => `${configId}~ahead`;
