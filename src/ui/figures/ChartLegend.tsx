import type { LegendPayload } from 'recharts';

/**
 * The charts' legend: Recharts' own look (its class names, which the layout test measures), but the line icons are
 * decoration (aria-hidden) next to their names, instead of SVGs labelled "… legend icon" in English on every page.
 */
export function ChartLegend({ payload = [] }: { payload?: readonly LegendPayload[] }) {
  return (
    <ul className="recharts-default-legend chart-legend">
      {/* A series drawn without a legend entry (legendType 'none': the leading net's faded points) is not listed. */}
      {payload
        .filter((entry) => entry.type !== 'none')
        .map((entry, i) => {
          const dashed = Boolean((entry.payload as { strokeDasharray?: string } | undefined)?.strokeDasharray);
          return (
            <li key={`${String(entry.dataKey)}-${i}`} className={`recharts-legend-item legend-item-${i}`}>
              <svg width={14} height={14} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <line
                  x1={0}
                  y1={16}
                  x2={32}
                  y2={16}
                  stroke={entry.color}
                  strokeWidth={4}
                  strokeDasharray={dashed ? '8 5' : undefined}
                />
              </svg>
              <span className="recharts-legend-item-text" style={{ color: entry.color }}>
                {entry.value}
              </span>
            </li>
          );
        })}
    </ul>
  );
}
