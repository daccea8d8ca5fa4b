import { useMemo } from 'react';
import type { Exposure } from '../../shared/analytics/aggregates';
import { cycleEdgeKeys, networkLayout, trimNetwork, type FlowEdge, type NetworkNode } from '../charts/chart-data';
import type { Cycle } from '../../shared/analytics/cycles';
import { partyKey } from '../../shared/model/deal';
import { formatMoney } from '../../shared/model/format';
import type { ChartColors } from '../charts/chart-theme';
import type { Selection } from '../charts/selection';

type Props = {
  edges: readonly FlowEdge[];
  exposure: readonly Exposure[];
  cycles: readonly Cycle[];
  /** Compare mode: the flows and exposure under the second scenario, and its name; null when not comparing. */
  compared: { name: string; edges: readonly FlowEdge[]; exposure: readonly Exposure[] } | null;
  colors: ChartColors;
  selectedKey: string | null;
  onSelect: (selection: Selection) => void;
};

const WIDTH = 760;
const HEIGHT = 560;
const MAX_NODES = 150;
const MAX_EDGES = 400;
const MAX_LABELS = 40;
const MIN_R = 4;
const MAX_R = 26;
const LABEL_ROOM = 120;
const MAX_LABEL = 20;

export const edgeSelectionKey = (e: FlowEdge): string => `edge:${e.key}`;

/** A curved edge from a's rim to b's rim; A -> B and B -> A bend to opposite sides, so both show. */
function edgePath(a: NetworkNode, b: NetworkNode): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bend = Math.min(40, len * 0.15);
  const cx = (a.x + b.x) / 2 - (dy / len) * bend;
  const cy = (a.y + b.y) / 2 + (dx / len) * bend;
  // Each end moves along its tangent (towards the control point) out of its circle.
  const rim = (n: NetworkNode, gap: number) => {
    const tx = cx - n.x;
    const ty = cy - n.y;
    const tlen = Math.hypot(tx, ty) || 1;
    return { x: n.x + (tx / tlen) * (n.r + gap), y: n.y + (ty / tlen) * (n.r + gap) };
  };
  const s = rim(a, 1);
  const e = rim(b, 3);
  return `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${e.x.toFixed(1)},${e.y.toFixed(1)}`;
}

/** Parties on a circle sized by exposure, flows as arrows sized by amount, edges on the listed cycles highlighted. */
export function NetworkView({ edges, exposure, cycles, compared, colors, selectedKey, onSelect }: Props) {
  const graph = useMemo(() => {
    const trimmed = trimNetwork(edges, MAX_NODES, MAX_EDGES);
    const nodes = networkLayout(trimmed.edges, exposure, { width: WIDTH, height: HEIGHT, minRadius: MIN_R, maxRadius: MAX_R, labelRoom: LABEL_ROOM });
    const labelled = new Set([...nodes].sort((a, b) => b.r - a.r).slice(0, MAX_LABELS).map((n) => n.key));
    return { ...trimmed, nodes, byKey: new Map(nodes.map((n) => [n.key, n])), labelled };
  }, [edges, exposure]);
  const onCycle = useMemo(() => cycleEdgeKeys(cycles), [cycles]);
  const maxAmount = Math.max(1, ...graph.edges.map((e) => e.amount));
  const other = useMemo(() => comparedLook(graph.nodes, graph.edges, compared), [graph, compared]);
  const width = (amount: number) => 1 + 7 * Math.sqrt(Math.min(1, amount / maxAmount));

  if (!graph.nodes.length) return <p className="charts-empty">No live deals with an amount between two parties among the rows shown.</p>;

  // Cycle edges last, so they draw on top.
  const ordered = [...graph.edges].sort((a, b) => Number(onCycle.has(a.key)) - Number(onCycle.has(b.key)));
  return (
    <>
      <svg data-chart-surface="" className="charts-network" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}
        role="img" aria-label="Network of parties and money flows">
        <defs>
          <marker id="charts-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 Z" fill={colors.axis} />
          </marker>
          <marker id="charts-arrow-hot" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 Z" fill={colors.highlight} />
          </marker>
        </defs>
        <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill={colors.background} />
        <g>
          {ordered.map((e) => {
            const a = graph.byKey.get(e.fromKey);
            const b = graph.byKey.get(e.toKey);
            if (!a || !b) return null;
            const hot = onCycle.has(e.key);
            const selected = selectedKey === edgeSelectionKey(e);
            const d = edgePath(a, b);
            const label = `${e.from} → ${e.to}`;
            const before = other?.amounts.get(e.key);
            const then = compared ? `; under ${compared.name}: ${before === undefined ? 'no flow' : formatMoney(before)}` : '';
            return (
              <path key={edgeSelectionKey(e)} d={d} fill="none" data-testid="network-edge" data-cycle={hot ? 'true' : undefined}
                stroke={hot || selected ? colors.highlight : colors.axis} strokeOpacity={hot || selected ? 0.95 : 0.55}
                strokeWidth={width(e.amount)} markerEnd={`url(#${hot || selected ? 'charts-arrow-hot' : 'charts-arrow'})`}
                style={{ cursor: 'pointer' }} onClick={() => onSelect({ key: edgeSelectionKey(e), label, ids: e.dealIds })}>
                <title>{`${label}: ${formatMoney(e.amount)} in ${e.dealIds.length === 1 ? '1 deal' : `${e.dealIds.length} deals`}${hot ? ' (on a cycle)' : ''}${then}`}</title>
              </path>
            );
          })}
          {compared && other?.gone.map((e) => {
            const a = graph.byKey.get(e.fromKey);
            const b = graph.byKey.get(e.toKey);
            if (!a || !b) return null;
            return (
              <path key={`was:${e.key}`} d={edgePath(a, b)} fill="none" data-testid="network-edge-compared" stroke={colors.muted} strokeOpacity={0.9}
                strokeDasharray="5 4" strokeWidth={width(e.amount)} markerEnd="url(#charts-arrow)">
                <title>{`${e.from} → ${e.to}: no flow under this scenario; ${formatMoney(e.amount)} under ${compared.name}`}</title>
              </path>
            );
          })}
        </g>
        <g>
          {graph.nodes.map((n) => {
            const right = n.x >= WIDTH / 2;
            const dx = (n.x - WIDTH / 2) / (Math.hypot(n.x - WIDTH / 2, n.y - HEIGHT / 2) || 1);
            const dy = (n.y - HEIGHT / 2) / (Math.hypot(n.x - WIDTH / 2, n.y - HEIGHT / 2) || 1);
            const ring = other?.rings.get(n.key);
            const then = compared ? `; under ${compared.name}: ${formatMoney(ring?.exposure ?? 0) || '$0'}` : '';
            return (
              <g key={n.key} data-testid="network-node" data-name={n.name}>
                <circle cx={n.x} cy={n.y} r={n.r} fill={n.exposure > 0 ? colors.cash : colors.other} fillOpacity={0.85}
                  stroke={colors.background} strokeWidth={1.5}>
                  <title>{`${n.name}${n.exposure > 0 ? `: exposure ${formatMoney(n.exposure)}` : ''}${then}`}</title>
                </circle>
                {ring && (
                  <circle className="charts-ghost-marker" data-testid="network-node-compared" cx={n.x} cy={n.y} r={ring.r} fill="none"
                    stroke={colors.text} strokeWidth={1.5} strokeDasharray="3 2" pointerEvents="none" />
                )}
                {graph.labelled.has(n.key) && (
                  // Outside the compared ring too, and cut short: a long group name would run off the picture.
                  <text x={n.x + dx * (Math.max(n.r, ring?.r ?? 0) + 6)} y={n.y + dy * (Math.max(n.r, ring?.r ?? 0) + 6)} dy={4} fontSize={11} fill={colors.text}
                    textAnchor={Math.abs(dx) < 0.2 ? 'middle' : right ? 'start' : 'end'}>
                    {n.name.length > MAX_LABEL ? `${n.name.slice(0, MAX_LABEL - 1)}…` : n.name}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
      {graph.parties > graph.nodes.length && (
        <p className="charts-hint">Showing the {graph.nodes.length} parties with the most money flowing through them, of {graph.parties}.</p>
      )}
    </>
  );
}

type ComparedLook = {
  /** Exposure under the compared scenario per laid-out party, as a ring on the same scale as the discs. */
  rings: Map<string, { r: number; exposure: number }>;
  /** Flow per edge key under the compared scenario. */
  amounts: Map<string, number>;
  /** Flows between laid-out parties that only the compared scenario has (drawn dashed). */
  gone: FlowEdge[];
};

function comparedLook(nodes: readonly NetworkNode[], edges: readonly FlowEdge[], compared: Props['compared']): ComparedLook | null {
  if (!compared) return null;
  const maxWeight = Math.max(0, ...nodes.map((n) => n.exposure));
  const by = new Map(compared.exposure.map((e) => [partyKey(e.investor), e.exposure]));
  const rings = new Map<string, { r: number; exposure: number }>();
  for (const n of nodes) {
    const w = by.get(n.key) ?? 0;
    // A party with exposure only under the compared scenario is scaled against the largest disc drawn (capped).
    if (w > 0) rings.set(n.key, { exposure: w, r: maxWeight > 0 ? Math.min(MAX_R * 1.5, MIN_R + (MAX_R - MIN_R) * Math.sqrt(w / maxWeight)) : MIN_R });
  }
  const shown = new Set(edges.map((e) => e.key));
  const placed = new Set(nodes.map((n) => n.key));
  const gone = compared.edges.filter((e) => !shown.has(e.key) && placed.has(e.fromKey) && placed.has(e.toKey));
  return { rings, amounts: new Map(compared.edges.map((e) => [e.key, e.amount])), gone };
}
