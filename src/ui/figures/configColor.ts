import type { DropoutScaling } from '../../core/layers.ts';
import type { ConfigId } from '../../worker/trainProtocol.ts';

/**
 * A configuration's colour by what it is, not by its place in the run: p = 1 is always blue, inverted dropout always
 * red, no scaling always orange, whatever else trains beside them (the style sheet's variables, one per theme).
 */
const SCALING_COLORS: Record<DropoutScaling, string> = {
  inverted: 'var(--series-dropout)',
  none: 'var(--series-noscale)',
  vanilla: 'var(--series-vanilla)',
  gaussian: 'var(--series-gaussian)',
};

export const BASELINE_COLOR = 'var(--series-baseline)';

/** The scaling a configuration trains with: 'inverted' always, 'dropout' the run's chosen one (p = 1 drops nothing). */
export function configScaling(configId: ConfigId, runScaling: DropoutScaling): DropoutScaling {
  return configId === 'dropout' ? runScaling : 'inverted';
}

export function configColor(configId: ConfigId, keepProb: number, runScaling: DropoutScaling): string {
  return keepProb === 1 ? BASELINE_COLOR : SCALING_COLORS[configScaling(configId, runScaling)];
}
