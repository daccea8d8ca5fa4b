import type { LegendItem } from './export-chart';

/**
 * The legend under a chart, drawn from the same items the exported file gets, so screen and file always agree
 * (Recharts' own legend orders entries by registration, which changes as series come and go).
 */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="charts-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            {item.shape === 'line' ? (
              <line x1="0" x2="12" y1="6" y2="6" stroke={item.color} strokeWidth="2.5" />
            ) : item.shape === 'tick' ? (
              <line x1="6" x2="6" y1="0" y2="12" stroke={item.color} strokeWidth="2.5" />
            ) : item.shape === 'dash' ? (
              <line x1="0" x2="12" y1="6" y2="6" stroke={item.color} strokeWidth="2.5" strokeDasharray="4 2" />
            ) : item.shape === 'outline' ? (
              <rect x="1" y="1" width="10" height="10" fill="none" stroke={item.color} strokeWidth="1.5" strokeDasharray="3 2" />
            ) : item.shape === 'circle' ? (
              <circle cx="6" cy="6" r="5.5" fill={item.color} />
            ) : item.shape === 'ring' ? (
              <circle cx="6" cy="6" r="4.5" fill="none" stroke={item.color} strokeWidth="2" strokeDasharray="2 1.5" />
            ) : item.shape === 'hatch' ? (
              <g>
                <rect x="0.5" y="0.5" width="11" height="11" rx="2" fill="none" stroke={item.color} />
                <path d="M0,12 L4,0 M4,12 L8,0 M8,12 L12,0" stroke={item.color} strokeWidth="1.5" />
              </g>
            ) : item.shape === 'diamond' ? (
              <path d="M6,0 L12,6 L6,12 L0,6 Z" fill={item.color} />
            ) : (
              <rect width="12" height="12" rx="2" fill={item.color} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
