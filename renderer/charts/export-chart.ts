// Export works from the chart's own <svg>: the SVG file is that markup with a title, a legend and a background
// added (the on-screen legend is HTML), and the PNG is the same markup drawn into a canvas through a blob: URL,
// which the app's CSP (img-src 'self' data: blob:) allows; no inline script or remote fetch is involved.

import { toCsv } from '../../shared/csv/csv-write';
import type { ChartTable } from './chart-tables';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const TITLE_HEIGHT = 32;
const LEGEND_ROW = 20;

/** A legend entry; `shape` says how the series is drawn (a filled bar by default). */
export type LegendItem = { label: string; color: string; shape?: 'square' | 'line' | 'tick' | 'dash' | 'outline' | 'diamond' | 'circle' | 'hatch' | 'ring' };
export type ExportLook = { title: string; background: string; text: string; legend: readonly LegendItem[] };

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function legendSymbol(item: LegendItem, x: number, y: number): SVGElement {
  if (item.shape === 'line') return el('line', { x1: x, x2: x + 12, y1: y + 6, y2: y + 6, stroke: item.color, 'stroke-width': 2.5 });
  // Dashed shapes are the compared scenario's, beside the solid ones of the scenario in force.
  if (item.shape === 'tick') return el('line', { x1: x + 6, x2: x + 6, y1: y, y2: y + 12, stroke: item.color, 'stroke-width': 2.5 });
  if (item.shape === 'dash') return el('line', { x1: x, x2: x + 12, y1: y + 6, y2: y + 6, stroke: item.color, 'stroke-width': 2.5, 'stroke-dasharray': '4 2' });
  if (item.shape === 'outline') return el('rect', { x: x + 1, y: y + 1, width: 10, height: 10, fill: 'none', stroke: item.color, 'stroke-width': 1.5, 'stroke-dasharray': '3 2' });
  if (item.shape === 'diamond') return el('path', { d: `M${x + 6},${y} L${x + 12},${y + 6} L${x + 6},${y + 12} L${x},${y + 6} Z`, fill: item.color });
  if (item.shape === 'circle') return el('circle', { cx: x + 6, cy: y + 6, r: 5.5, fill: item.color });
  if (item.shape === 'ring') return el('circle', { cx: x + 6, cy: y + 6, r: 4.5, fill: 'none', stroke: item.color, 'stroke-width': 2, 'stroke-dasharray': '2 1.5' });
  if (item.shape === 'hatch') {
    // Not known is drawn as stripes, never as a fourth solid colour of money.
    const g = el('g', {});
    g.append(el('rect', { x, y, width: 12, height: 12, rx: 2, fill: 'none', stroke: item.color }));
    for (const d of [3, 7, 11]) g.append(el('line', { x1: x + d - 3, y1: y + 12, x2: x + d + 1, y2: y, stroke: item.color, 'stroke-width': 1.5 }));
    return g;
  }
  return el('rect', { x, y, width: 12, height: 12, rx: 2, fill: item.color });
}

/** Legend entries laid out in rows that fit the width; returns the group and its height. */
function legendGroup(items: readonly LegendItem[], width: number, text: string): { group: SVGGElement; height: number } {
  const group = el('g', { 'font-size': 12, fill: text });
  let x = 12;
  let y = 0;
  for (const item of items) {
    // No layout engine here: estimate the label width from its length, generously.
    const w = 22 + item.label.length * 7 + 14;
    if (x + w > width - 8 && x > 12) {
      x = 12;
      y += LEGEND_ROW;
    }
    group.append(legendSymbol(item, x, y + 4));
    const label = el('text', { x: x + 18, y: y + 14 });
    label.textContent = item.label;
    group.append(label);
    x += w;
  }
  return { group, height: items.length ? y + LEGEND_ROW + 8 : 0 };
}

/** Standalone SVG markup of a chart: background, title, the chart itself, legend. */
export function chartSvgMarkup(svg: SVGSVGElement, look: ExportLook): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(box.width || Number(svg.getAttribute('width')) || 600);
  const chartHeight = Math.ceil(box.height || Number(svg.getAttribute('height')) || 300);
  const legend = legendGroup(look.legend, width, look.text);
  // A long title (a compared chart names both scenarios) breaks before its parenthesis onto a second line; the
  // <text> keeps the whole title as its text, so a reader of the file finds it in one piece.
  const cut = look.title.indexOf(' (');
  const wraps = cut > 0 && look.title.length * 7.6 > width - 24;
  const top = wraps ? TITLE_HEIGHT + 18 : TITLE_HEIGHT;
  const height = top + chartHeight + legend.height;

  const root = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT });
  root.append(el('rect', { x: 0, y: 0, width, height, fill: look.background }));
  const title = el('text', { x: 12, y: 21, 'font-size': 14, 'font-weight': 600, fill: look.text });
  if (wraps) {
    const head = el('tspan', { x: 12 });
    head.textContent = look.title.slice(0, cut);
    const tail = el('tspan', { x: 12, dy: 18, 'font-size': 13, 'font-weight': 400 });
    tail.textContent = look.title.slice(cut);
    title.append(head, tail);
  } else title.textContent = look.title;
  root.append(title);

  const chart = svg.cloneNode(true) as SVGSVGElement;
  // Hover artefacts are not part of the picture.
  chart.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((n) => n.remove());
  chart.removeAttribute('style');
  chart.removeAttribute('class');
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(top));
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(chartHeight));
  if (!chart.getAttribute('viewBox')) chart.setAttribute('viewBox', `0 0 ${width} ${chartHeight}`);
  root.append(chart);

  legend.group.setAttribute('transform', `translate(0 ${top + chartHeight})`);
  root.append(legend.group);
  return { markup: new XMLSerializer().serializeToString(root), width, height };
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; keep the URL a moment for slow handlers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The numbers behind a chart as CSV (RFC 4180, numbers in full, text neutralised as the grid's export does). */
export function exportCsv(table: ChartTable, fileName: string): void {
  download(new Blob([toCsv(table.header, table.rows)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
}

export function exportSvg(svg: SVGSVGElement, look: ExportLook, fileName: string): void {
  const { markup } = chartSvgMarkup(svg, look);
  download(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), `${fileName}.svg`);
}

/** Renders the SVG markup into a canvas at `scale` x for a sharp PNG. */
export async function exportPng(svg: SVGSVGElement, look: ExportLook, fileName: string, scale = 2): Promise<void> {
  const { markup, width, height } = chartSvgMarkup(svg, look);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw into a canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('The chart could not be encoded as PNG');
    download(png, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
