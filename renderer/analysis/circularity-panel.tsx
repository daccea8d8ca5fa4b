import type { KeyboardEvent } from 'react';
import type { ReciprocalPair } from '../../shared/aggregates';
import type { Cycle } from '../../shared/cycles';
import { formatMoney, formatRatio } from '../../shared/format';
import type { Selection } from '../charts/selection';

type Props = {
  pairs: readonly ReciprocalPair[];
  cycles: readonly Cycle[];
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
export function CircularityPanel({ pairs, cycles, complete, selectedKey, onSelect }: Props) {
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
                <th className="num">Ratio</th>
              </tr>
            </thead>
            <tbody>
              {pairs.slice(0, MAX_PAIRS).map((p) => (
                <tr key={pairSelectionKey(p)} data-testid="circularity-pair" data-investor={p.investor} data-investee={p.investee}
                  aria-selected={selectedKey === pairSelectionKey(p)} tabIndex={0} title={`${deals(p.dealIds.length)}; click to filter the grid`}
                  onClick={() => pickPair(p)} onKeyDown={onKeys(() => pickPair(p))}>
                  <td>{p.investor} → {p.investee}</td>
                  <td className="num">{formatMoney(p.invested)}</td>
                  <td className="num">{formatMoney(p.credits)}</td>
                  <td className="num">{formatMoney(p.bought_back)}</td>
                  <td className="num strong">{formatMoney(p.round_trip_usd)}</td>
                  <td className="num">{p.ratio === null ? '–' : formatRatio(p.ratio)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pairs.length > MAX_PAIRS && <p className="charts-hint">Showing the top {MAX_PAIRS} of {pairs.length} pairs.</p>}
        </div>
      )}

      <h4>Cycles of 3 to 5 parties <span className="charts-count">{cycles.length}</span></h4>
      <p className="charts-hint">
        Loops in the money flow (every live deal with an amount is an edge from → to). Value = the smallest edge: at most
        that much can travel all the way round.{complete ? '' : ' The search stopped at its work bound; these are the best found.'}
      </p>
      {cycles.length === 0 ? (
        <p className="charts-empty">No cycles of 3 to 5 parties among the rows shown.</p>
      ) : (
        <ol className="charts-cycles" data-testid="circularity-cycles">
          {cycles.map((c) => (
            <li key={cycleSelectionKey(c)} data-testid="circularity-cycle" aria-selected={selectedKey === cycleSelectionKey(c)}
              tabIndex={0} onClick={() => pickCycle(c)} onKeyDown={onKeys(() => pickCycle(c))} title="Click to filter the grid">
              <span className="charts-cycle-path">{[...c.parties, c.parties[0]].join(' → ')}</span>
              <span className="num strong">{formatMoney(c.value)}</span>
              <span className="charts-hint">{deals(new Set(c.dealIds).size)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
