import type { KeyboardEvent } from 'react';
import type { ReciprocalPair } from '../../shared/analytics/aggregates';
import type { Cycle } from '../../shared/analytics/cycles';
import { pairCells } from '../../shared/analytics/pair-text';
import { BASIS_WORDS, formatMoney, formatRatio, formatRoundTrip } from '../../shared/model/format';
import type { Selection } from '../charts/selection';

type Props = {
  pairs: readonly ReciprocalPair[];
  /** The pairs under the compared scenario (compare mode), or null; matched by investor and investee. */
  compared: readonly ReciprocalPair[] | null;
  scenario: string;
  compareName: string | null;
  cycles: readonly Cycle[];
  /** The cycles under the compared scenario (compare mode), or null; matched by their parties in flow order. */
  comparedCycles: readonly Cycle[] | null;
  /** False when the cycle search hit its work bound: the list is then the best found, not all. */
  complete: boolean;
  selectedKey: string | null;
  onSelect: (selection: Selection) => void;
};

const MAX_PAIRS = 100;

export const pairSelectionKey = (p: ReciprocalPair): string => `pair:${p.investor.toLowerCase()}\u0000${p.investee.toLowerCase()}`;
export const cycleSelectionKey = (c: Cycle): string => `cycle:${c.parties.map((p) => p.toLowerCase()).join('\u0000')}`;

const deals = (n: number): string => (n === 1 ? '1 deal' : `${n} deals`);

/** Enter and Space act like a click on a focusable row, as on a button. */
function onKeys(action: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  };
}

/** Reciprocal pairs (A invests in B, B buys from A) and longer loops of money, each a click away from its deals. */
export function CircularityPanel({ pairs, compared, scenario, compareName, cycles, comparedCycles, complete, selectedKey, onSelect }: Props) {
  const before = new Map((compared ?? []).map((p) => [pairSelectionKey(p), p]));
  const cyclesBefore = new Map((comparedCycles ?? []).map((c) => [cycleSelectionKey(c), c]));
  const missingTitle = (p: ReciprocalPair) =>
    `${p.investor} -> ${p.investee}: ${BASIS_WORDS[p.basis]}.${p.missingIds.length ? ` Missing amounts or splits: ${p.missingIds.map((id) => `#${id}`).join(', ')}.` : ''} ${deals(p.dealIds.length)}; click to filter the grid`;
  const pickPair = (p: ReciprocalPair) => onSelect({ key: pairSelectionKey(p), label: `${p.investor} ⇄ ${p.investee}`, ids: p.dealIds });
  const pickCycle = (c: Cycle) =>
    onSelect({ key: cycleSelectionKey(c), label: [...c.parties, c.parties[0]].join(' → '), ids: [...new Set(c.dealIds)] });

  return (
    <div className="charts-circularity">
      <h4>Reciprocal pairs <span className="charts-count">{pairs.length}</span></h4>
      <p className="charts-hint">
        A invests in B and B buys from A. Round trip = credits + bought back; ratio = round trip / invested (above 1x, more
        flows back than went in). Sorted by round trip; click a pair to filter the grid.
      </p>
      {pairs.length === 0 ? (
        <p className="charts-empty">No reciprocal pairs among the rows shown.</p>
      ) : (
        <div className="charts-table-wrap">
          <table className="charts-table" data-testid="circularity-pairs">
            <thead>
              <tr>
                <th>Investor → investee</th>
                <th className="num">Invested</th>
                <th className="num">Credits</th>
                <th className="num">Bought back</th>
                <th className="num">Round trip</th>
                <th className="num" title={`Under scenario ${scenario}`}>Ratio{compared && <span className="charts-th-sub">{scenario}</span>}</th>
                {compared && <th className="num" title={`Under scenario ${compareName ?? ''}`}>Ratio<span className="charts-th-sub">{compareName}</span></th>}
                {compared && <th className="num" title={`Ratio under ${scenario} minus ratio under ${compareName ?? ''}`}>Change</th>}
                <th title="Rows of the pair, either way, whose amount is not disclosed">Undisclosed</th>
              </tr>
            </thead>
            <tbody>
              {pairs.slice(0, MAX_PAIRS).map((p) => {
                const [invested, credits, boughtBack, roundTrip, ratio] = pairCells(p);
                return (
                <tr key={pairSelectionKey(p)} data-testid="circularity-pair" data-investor={p.investor} data-investee={p.investee}
                  aria-selected={selectedKey === pairSelectionKey(p)} tabIndex={0} title={missingTitle(p)} data-basis={p.basis}
                  onClick={() => pickPair(p)} onKeyDown={onKeys(() => pickPair(p))}>
                  <td>{p.investor} → {p.investee}</td>
                  <td className="num" data-testid="pair-invested">{invested}</td>
                  <td className="num" data-testid="pair-credits">{credits}</td>
                  <td className="num" data-testid="pair-bought-back">{boughtBack}</td>
                  <td className="num strong" data-testid="pair-round-trip">{roundTrip}</td>
                  <td className={`num ratio-${p.basis}`} data-testid="pair-ratio">{ratio}</td>
                  {compared && <CompareCells pair={p} other={before.get(pairSelectionKey(p)) ?? null} />}
                  <td data-testid="pair-undisclosed">{p.undisclosed_legs > 0 ? `${p.undisclosed_legs} undisclosed` : ''}</td>
                </tr>
                );
              })}
            </tbody>
          </table>
          {pairs.length > MAX_PAIRS && <p className="charts-hint">Showing the top {MAX_PAIRS} of {pairs.length} pairs.</p>}
        </div>
      )}

      <h4>Cycles of 3 to 5 parties <span className="charts-count">{cycles.length}</span></h4>
      <p className="charts-hint">
        Loops in the money flow (each counted deal is an edge from → to, those of amount 0 aside; ⇢? marks an edge with deals of unknown amount).
        Value = the smallest edge: at most that much can travel all the way round (≥ where amounts are missing, ? where
        an edge has none).{complete ? '' : ' The search stopped at its work bound; these are the best found.'}
      </p>
      {cycles.length === 0 ? (
        <p className="charts-empty">No cycles of 3 to 5 parties among the rows shown.</p>
      ) : (
        <ol className="charts-cycles" data-testid="circularity-cycles">
          {cycles.map((c) => (
            <li key={cycleSelectionKey(c)} data-testid="circularity-cycle" aria-selected={selectedKey === cycleSelectionKey(c)}
              tabIndex={0} onClick={() => pickCycle(c)} onKeyDown={onKeys(() => pickCycle(c))} title="Click to filter the grid">
              <span className="charts-cycle-path">
                {c.parties.map((p, i) => (
                  <span key={i}>{i > 0 && ((c.undisclosed[i - 1] ?? 0) > 0 ? ' ⇢? ' : ' → ')}{p}</span>
                ))}
                {(c.undisclosed[c.parties.length - 1] ?? 0) > 0 ? ' ⇢? ' : ' → '}{c.parties[0]}
              </span>
              {undisclosedEdges(c) > 0 && (
                <span className="charts-hint charts-undisclosed" data-testid="cycle-undisclosed" title={undisclosedTitle(c)}>
                  {undisclosedEdges(c)} undisclosed
                </span>
              )}
              <span className="num strong" data-testid="cycle-value" title={cycleValueTitle(c)}>{cycleValue(c)}</span>
              {comparedCycles && <CycleThen name={compareName ?? ''} value={cyclesBefore.get(cycleSelectionKey(c))?.value ?? null} now={c.value} />}
              <span className="charts-hint">{deals(new Set(c.dealIds).size)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const undisclosedEdges = (c: Cycle): number => c.undisclosed.filter((n) => n > 0).length;

/**
 * A loop's value is its lightest edge. With deals of unknown amount on an edge, the sum found is a floor (`≥`),
 * and where an edge has no amount at all nothing bounds the loop: `?`, never a `$0` that reads as "nothing".
 */
function cycleValue(c: Cycle): string {
  if (undisclosedEdges(c) === 0) return formatMoney(c.value);
  return c.value > 0 ? `≥ ${formatMoney(c.value)}` : '?';
}

function cycleValueTitle(c: Cycle): string {
  if (undisclosedEdges(c) === 0) return 'The lightest edge: at most this much can travel all the way round';
  return c.value > 0 ? 'At least this much: some deals on the loop have no amount' : 'Not known: an edge of the loop has no disclosed amount';
}

function undisclosedTitle(c: Cycle): string {
  const edges = c.parties.map((p, i) => [p, c.parties[(i + 1) % c.parties.length]!, c.undisclosed[i] ?? 0] as const);
  return edges.filter(([, , n]) => n > 0).map(([a, b, n]) => `${a} → ${b}: ${n} deal${n === 1 ? '' : 's'} with no amount`).join('\n');
}

/** The compared scenario's ratio and the change from it to the scenario in force. */
function CompareCells({ pair, other }: { pair: ReciprocalPair; other: ReciprocalPair | null }) {
  const change = other && other.ratio !== null && pair.ratio !== null ? pair.ratio - other.ratio : null;
  return (
    <>
      <td className={`num ratio-${other?.basis ?? 'none'}`} data-testid="pair-ratio-compared">{other ? formatRoundTrip(other.ratio, other.basis) || '–' : 'not a pair'}</td>
      <td className="num" data-testid="pair-ratio-change">{change === null ? '–' : `${change >= 0 ? '+' : '−'}${formatRatio(Math.abs(change))}`}</td>
    </>
  );
}

/** A cycle's value under the compared scenario and the change, or that it is no cycle (or not among the top) there. */
function CycleThen({ name, value, now }: { name: string; value: number | null; now: number }) {
  if (value === null) return <span className="charts-hint" data-testid="cycle-value-compared">not listed under {name}</span>;
  const change = now - value;
  return (
    <span className="charts-hint" data-testid="cycle-value-compared" title={`Under scenario ${name}`}>
      {name}: {formatMoney(value) || '$0'} ({change < 0 ? '−' : '+'}{formatMoney(Math.abs(change)) || '$0'})
    </span>
  );
}
