import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DROPOUT_SCALINGS, type DropoutScaling } from '../../core/layers.ts';

export const SCALINGS: readonly DropoutScaling[] = DROPOUT_SCALINGS;

/** The catalogue keys of each scaling's name, long ("Inverted dropout (divide by p)") and short ("inverted"). */
export const SCALING_KEYS = {
  inverted: { long: 'scaling.inverted', short: 'scaling.invertedShort' },
  none: { long: 'scaling.none', short: 'scaling.noneShort' },
  vanilla: { long: 'scaling.vanilla', short: 'scaling.vanillaShort' },
  gaussian: { long: 'scaling.gaussian', short: 'scaling.gaussianShort' },
} as const satisfies Record<DropoutScaling, { long: string; short: string }>;

interface Props {
  value: DropoutScaling;
  onChange(value: DropoutScaling): void;
  disabled?: boolean;
  /** The id of a note about the choice (e.g. that the link fixes it). */
  describedBy?: string;
}

/** How dropout scales: the assignment's inverted dropout, the two variants its first question asks about, or the paper's Gaussian dropout. */
export function ScalingToggle({ value, onChange, disabled, describedBy }: Props) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="toggle" disabled={disabled} aria-describedby={describedBy}>
      <legend>{t('scaling.legend')}</legend>
      {SCALINGS.map((s) => (
        <label key={s}>
          <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
          {t(SCALING_KEYS[s].long)}
        </label>
      ))}
    </fieldset>
  );
}
