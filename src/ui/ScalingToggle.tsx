import { useId } from 'react';
import type { DropoutScaling } from '../core/layers.ts';

export const SCALING_LABELS: Record<DropoutScaling, string> = {
  inverted: 'Inverted dropout (divide by p)',
  none: 'No scaling',
  vanilla: 'Vanilla dropout',
};

interface Props {
  value: DropoutScaling;
  onChange(value: DropoutScaling): void;
  disabled?: boolean;
}

/** How dropout scales: the assignment's inverted dropout, or the two variants its first question asks about. */
export function ScalingToggle({ value, onChange, disabled }: Props) {
  const name = useId();
  return (
    <fieldset className="toggle" disabled={disabled}>
      <legend>Scaling</legend>
      {(Object.keys(SCALING_LABELS) as DropoutScaling[]).map((s) => (
        <label key={s}>
          <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
          {SCALING_LABELS[s]}
        </label>
      ))}
    </fieldset>
  );
}
