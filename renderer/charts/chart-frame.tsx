import { useRef, useState, type ReactNode } from 'react';
import { ChartLegend } from './chart-legend';
import type { ChartTable } from './chart-tables';
import { exportCsv, exportPng, exportSvg, type ExportLook } from './export-chart';

type Props = {
  testId: string;
  title: string;
  /** One line under the title: what is counted and how (in full on hover when the card is narrow). */
  note?: string;
  controls?: ReactNode;
  /** Title, legend and colours for the exported file (the on-screen legend is HTML, outside the SVG). */
  look: ExportLook;
  fileName: string;
  /** The numbers behind the chart, built when the CSV button is pressed; no CSV button without it. */
  table?: () => ChartTable;
  children: ReactNode;
};

/** A chart card: title, PNG / SVG export of the chart's SVG, controls, the chart itself and its legend. */
export function ChartFrame({ testId, title, note, controls, look, fileName, table, children }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const surface = (): SVGSVGElement | null =>
    body.current?.querySelector<SVGSVGElement>('svg[data-chart-surface], .recharts-wrapper > svg.recharts-surface') ?? null;

  const run = async (kind: 'png' | 'svg') => {
    const svg = surface();
    if (!svg) return setProblem('Nothing to export yet');
    try {
      setProblem(null);
      if (kind === 'svg') exportSvg(svg, look, fileName);
      else await exportPng(svg, look, fileName);
    } catch (err) {
      setProblem(`Export failed: ${(err as Error).message}`);
    }
  };

  return (
    <section className="charts-card" data-testid={testId} aria-label={title}>
      <header className="charts-card-head">
        <h3>{title}</h3>
        {controls}
        <span className="charts-card-spacer" />
        <span className="charts-export">
          <button type="button" data-testid={`${testId}-export-png`} onClick={() => void run('png')} title="Download as PNG">
            PNG
          </button>
          <button type="button" data-testid={`${testId}-export-svg`} onClick={() => void run('svg')} title="Download as SVG">
            SVG
          </button>
          {table && (
            <button type="button" data-testid={`${testId}-export-csv`} onClick={() => exportCsv(table(), fileName)}
              title="Download the numbers behind the chart as CSV (with the scenario on every row)">
              CSV
            </button>
          )}
        </span>
      </header>
      {note && <p className="charts-card-note" title={note}>{note}</p>}
      {problem && <p className="charts-problem" role="alert">{problem}</p>}
      <div ref={body} className="charts-card-body">
        {children}
      </div>
      {look.legend.length > 0 && <ChartLegend items={look.legend} />}
    </section>
  );
}
