import { describe, expect, it } from 'vitest';
import { runConfigs } from '../../store/runState.ts';
import { defaultSettings } from '../../store/settingsSchema.ts';
import { configColor } from './configColor.ts';

const colours = (keepProb: number, scaling: ReturnType<typeof defaultSettings>['scaling']) =>
  Object.fromEntries(
    runConfigs({ ...defaultSettings(), keepProb, scaling }).map((c) => [
      c.label,
      configColor(c.configId, c.keepProb, scaling),
    ]),
  );

describe('a configuration’s colour', () => {
  it('depends on what it is: inverted p = 0.25 is the same colour in a two-net and a three-net run', () => {
    const two = colours(0.25, 'inverted');
    const three = colours(0.25, 'none');
    expect(two['p = 0.25']).toBe(three['p = 0.25 (inverted)']);
    expect(two['p = 1 (no dropout)']).toBe(three['p = 1 (no dropout)']);
    expect(three['p = 0.25 (no scaling)']).not.toBe(three['p = 0.25 (inverted)']);
    expect(new Set(Object.values(three)).size).toBe(3);
  });

  it('every scaling has its own colour, and p = 1 is the baseline’s whatever the scaling', () => {
    const byScaling = (['inverted', 'none', 'vanilla', 'gaussian'] as const).map((s) => configColor('dropout', 0.5, s));
    expect(new Set(byScaling).size).toBe(4);
    expect(configColor('dropout', 1, 'none')).toBe(configColor('baseline', 1, 'inverted'));
  });
});
