import { formatUsdExact } from './chart-data';
import { formatMoney } from '../../shared/model/format';

/** One tooltip line: the rounded value as the grid shows it and, muted beside it, the exact dollars. */
export type TooltipLine = { label: string; value: string; exact?: string; color?: string; strong?: boolean };

/** Tooltip body shared by the charts: a heading, one line per value, and a footnote (deal counts). */
export function TooltipCard({ title, lines, footer }: { title: string; lines: readonly TooltipLine[]; footer?: string }) {
  return (
    <div className="charts-tooltip">
      <div className="charts-tooltip-title">{title}</div>
      <table>
        <tbody>
          {lines.map((l) => (
            <tr key={l.label} className={l.strong ? 'strong' : undefined} data-line={l.label}>
              <td>
                {l.color && <span className="charts-swatch" style={{ background: l.color }} />}
                {l.label}
              </td>
              <td className="num">{l.value}</td>
              <td className="num exact">{l.exact ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer && <div className="charts-tooltip-foot">{footer}</div>}
    </div>
  );
}

/** The change from the compared scenario to the one in force, signed: `+$2.0B`, `−$500M` (compare mode). */
export function changeLine(n: number): TooltipLine {
  const sign = n < 0 ? '−' : '+';
  return { label: 'Change', value: `${sign}${formatMoney(Math.abs(n)) || '$0'}`, exact: `${sign}${formatUsdExact(Math.abs(n))}` };
}
