import { useLab } from '../../store/index.ts';
import { shownTheme, type Theme } from '../../store/themeSlice.ts';

/**
 * The style sheet's colour variables where code needs their values: canvases cannot draw `var(--x)`, the heat map
 * picks its text colour by contrast, and the PNG export draws in the light theme whatever the page shows. SVG
 * attributes and inline styles use `var(--x)` directly and follow the theme by themselves.
 */
export type RGB = readonly [number, number, number];

const probes = new Map<Theme, HTMLElement>();

/** A hidden element in the given theme: the variables' values there, whatever theme the page shows. */
function probe(theme: Theme): HTMLElement {
  let element = probes.get(theme);
  if (!element || !element.isConnected) {
    element = document.createElement('div');
    element.dataset.theme = theme;
    element.hidden = true;
    document.body.append(element);
    probes.set(theme, element);
  }
  return element;
}

const values = new Map<string, string>();

/**
 * The value of `--name` in a theme, read once (the style sheet does not change while the page runs; reading computed
 * style on every mask frame would make the browser recompute styles). '' where the style sheet is not loaded, as in
 * unit tests; that is not kept.
 */
export function themeColor(theme: Theme, name: string): string {
  const key = `${theme} ${name}`;
  let value = values.get(key);
  if (value === undefined) {
    value = getComputedStyle(probe(theme)).getPropertyValue(`--${name}`).trim();
    if (value) values.set(key, value);
  }
  return value;
}

/** Replaces every `var(--name)` in a text (a serialized SVG, a colour) by its value in a theme. */
export function resolveThemeVars(text: string, theme: Theme): string {
  return text.replace(/var\(--([\w-]+)\)/g, (whole, name: string) => themeColor(theme, name) || whole);
}

/** #rgb or #rrggbb as numbers (black for anything else). */
export function rgbOf(color: string): RGB {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return [0, 0, 0];
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as RGB;
}

/** WCAG's relative luminance and contrast ratio. */
function luminance([r, g, b]: RGB): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `t` of the way from one colour to another. */
export function mixRgb(from: RGB, to: RGB, t: number): RGB {
  return from.map((c, i) => Math.round(c + (to[i] - c) * t)) as unknown as RGB;
}

export const cssRgb = ([r, g, b]: RGB) => `rgb(${r}, ${g}, ${b})`;

/** The theme on screen (components that draw on canvases redraw when it changes). */
export function useShownTheme(): Theme {
  return useLab(shownTheme);
}
