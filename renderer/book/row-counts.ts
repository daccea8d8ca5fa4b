import type { DealRow } from '../../shared/model/deal';
import { viewBook } from '../../shared/analytics/book-view';
import { isPlainScenario, type Scenario } from '../../shared/model/scenario';
import type { BookRows, RowDelta } from './book-rows';
import type { Counts, SessionState, Store } from './store';

// Long enough for the grid to paint a change first and to fold a burst of changes into one count.
const RECOUNT_DELAY_MS = 80;

/** The amount over rows and how many of them have none. */
type Sum = { amount: number; undisclosed: number; uncounted?: number };

function sumOf(rows: readonly DealRow[]): Sum {
  let amount = 0;
  let undisclosed = 0;
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!.amount_usd;
    if (a === null) undisclosed++;
    else amount += a;
  }
  return { amount, undisclosed };
}

/** The status bar's counts and the charts' version of the shown rows, kept without a pass per edit. */
export class RowCounts {
  constructor(
    private readonly store: Store<SessionState>,
    private readonly rows: BookRows,
    /** The scenario in force: its effective amounts are what the status bar sums. */
    private readonly scenario: () => Scenario | null = () => null,
  ) {}

  private recountTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Rows shown, rows in the book and the amount over the shown rows, for the status bar: a pass over the shown
   * rows, so after edits it runs once per burst, after the grid has painted them; a filter or sort the analyst
   * just chose (`now`) is counted at once, so the status bar and the charts follow without a lag.
   */
  recount(now = false): void {
    if (now) {
      if (this.recountTimer !== null) clearTimeout(this.recountTimer);
      this.recountTimer = null;
      return this.countNow();
    }
    if (this.recountTimer !== null) return;
    this.recountTimer = setTimeout(() => {
      this.recountTimer = null;
      this.countNow();
    }, RECOUNT_DELAY_MS);
  }

  private versionTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * One change was taken into the rows. With no filter set and Base in force every row is shown and the sum is
   * of plain amounts, so the counts move by the change itself at once (no pass over 100k rows after every edit);
   * the charts follow once per burst of edits, 80 ms after its last edit. Otherwise the rows are counted again.
   * Returns the counts' new values, for the caller to set with the rest of the event's state (one re-render).
   */
  rowsChanged(delta: RowDelta, counts: Counts): Counts {
    if (!delta.add.length && !delta.update.length && !delta.remove.length) return counts;
    const scenario = this.scenario();
    if (this.rows.filtered() || (scenario !== null && !isPlainScenario(scenario))) {
      this.recount();
      return counts;
    }
    const [update, add, before, remove] = [delta.update, delta.add, delta.before, delta.remove].map(sumOf) as [Sum, Sum, Sum, Sum];
    const moved = update.amount + add.amount - before.amount - remove.amount;
    const unknown = update.undisclosed + add.undisclosed - before.undisclosed - remove.undisclosed;
    const size = this.rows.size;
    if (this.versionTimer !== null) clearTimeout(this.versionTimer);
    this.versionTimer = setTimeout(() => {
      this.versionTimer = null;
      this.store.set((s) => ({ rowsVersion: s.rowsVersion + 1 }));
    }, RECOUNT_DELAY_MS);
    return { shown: size, total: size, amount: counts.amount + moved, undisclosed: counts.undisclosed + unknown };
  }

  /**
   * The sums made, per shown rows array and scenario: a scenario switch changes no row's amount (only the ƒ values),
   * so switching back to a scenario shown before on the same rows reads its sum instead of a pass over 100k rows.
   * Any change of rows or filter gives a new array (BookRows), so nothing here outlives the rows it summed.
   */
  private sums = new WeakMap<readonly DealRow[], Map<Scenario | null, Sum>>();

  private countNow(): void {
    const rows = this.rows.shown();
    const scenario = this.scenario();
    // Under a scenario the sum is of effective amounts (weighted, credits drawn down); an empty amount is counted apart.
    const plain = scenario === null || isPlainScenario(scenario);
    let sums = this.sums.get(rows);
    if (!sums) this.sums.set(rows, (sums = new Map()));
    let sum = sums.get(plain ? null : scenario);
    if (sum === undefined) {
      if (plain) sum = sumOf(rows);
      else {
        sum = { amount: 0, undisclosed: 0, uncounted: 0 };
        const view = viewBook(rows, { scenario });
        for (let i = 0; i < rows.length; i++) {
          // A deal the scenario does not count (weight 0) adds nothing and is no undisclosed amount: its NaN is
          // "not counted", not "not known".
          if (!view.counted[i]) {
            sum.uncounted!++;
            continue;
          }
          const a = view.amount[i]!;
          if (Number.isFinite(a)) sum.amount += a;
          else sum.undisclosed++;
        }
      }
      sums.set(plain ? null : scenario, sum);
    }
    const { amount, undisclosed, uncounted = 0 } = sum;
    this.store.set((s) => ({ counts: { shown: rows.length, total: this.rows.size, amount, undisclosed, uncounted }, rowsVersion: s.rowsVersion + 1 }));
  }
}
