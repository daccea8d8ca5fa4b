import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';
import { viewBook } from '../../shared/book-view';
import { isPlainScenario, type Scenario } from '../../shared/scenario';
import type { SessionState, Store } from './store';

// Long enough for the grid to paint a change first and to fold a burst of changes into one count.
const RECOUNT_DELAY_MS = 80;

/** The status bar's counts and the charts' version of the shown rows, kept without a pass per edit. */
export class RowCounts {
  constructor(
    private readonly store: Store<SessionState>,
    private readonly gridApi: () => GridApi<DealRow> | null,
    /** The scenario in force: its effective amounts are what the status bar sums. */
    private readonly scenario: () => Scenario | null = () => null,
  ) {}

  private recountTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Rows shown, rows in the book and the amount over the shown rows, for the status bar. Two passes over every
   * row, so after edits it runs once per burst, after the grid has painted them; a filter or sort the analyst
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

  /** Rows changed in place: the charts follow once per burst of edits, 80 ms after its last edit. */
  rowsChanged(): void {
    if (this.versionTimer !== null) clearTimeout(this.versionTimer);
    this.versionTimer = setTimeout(() => {
      this.versionTimer = null;
      this.store.set((s) => ({ rowsVersion: s.rowsVersion + 1 }));
    }, RECOUNT_DELAY_MS);
  }

  private countNow(): void {
    const api = this.gridApi();
    if (!api || api.isDestroyed()) return;
    let total = 0;
    let shown = 0;
    let amount = 0;
    const scenario = this.scenario();
    const plain = scenario === null || isPlainScenario(scenario);
    const rows: DealRow[] = [];
    api.forEachNode(() => void total++);
    api.forEachNodeAfterFilter((node) => {
      shown++;
      if (plain) amount += node.data?.amount_usd ?? 0;
      else if (node.data) rows.push(node.data);
    });
    // Under a scenario the sum is of effective amounts (weighted, credits drawn down); an empty amount adds nothing.
    if (!plain) for (const a of viewBook(rows, { scenario: scenario! }).amount) if (Number.isFinite(a)) amount += a;
    this.store.set((s) => ({ counts: { shown, total, amount }, rowsVersion: s.rowsVersion + 1 }));
  }
}
