/** The charts' colours as the style sheet's variables, so Recharts' SVG follows the theme without a redraw. */
export const GRID_STROKE = 'var(--chart-grid)';
export const AXIS_PROPS = { stroke: 'var(--chart-axis)', tick: { fill: 'var(--muted)' } } as const;
export const AXIS_LABEL_FILL = 'var(--muted)';
export const TOOLTIP_PROPS = {
  contentStyle: { background: 'var(--card)', borderColor: 'var(--line)', color: 'var(--ink)' },
  labelStyle: { color: 'var(--ink)' },
  cursor: { stroke: 'var(--chart-axis)', fill: 'var(--chart-grid)' },
} as const;
