import type { TFunction } from 'i18next';
import type { DropoutScaling } from '../../core/layers.ts';
import type { ConfigId } from '../../worker/trainProtocol.ts';
import { SCALING_KEYS } from './ScalingToggle.tsx';

/**
 * A configuration's name in the reader's language, as runConfigs names it in English: "p = 1 (no dropout)", "p = 0.25",
 * and with another scaling "p = 0.25 (no scaling)" beside "p = 0.25 (inverted)". `runScaling` is the run's chosen scaling.
 */
export function configLabel(t: TFunction, configId: ConfigId, keepProb: number, runScaling: DropoutScaling): string {
  if (configId === 'baseline' || keepProb === 1)
    return keepProb === 1 ? t('config.baseline') : t('config.keep', { p: String(keepProb) });
  if (runScaling === 'inverted') return t('config.keep', { p: String(keepProb) });
  const scaling = configId === 'inverted' ? 'inverted' : runScaling;
  return t('config.keepScaled', { p: String(keepProb), scaling: t(SCALING_KEYS[scaling].short) });
}
