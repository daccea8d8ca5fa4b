import { basisTooltip } from '../../shared/model/format';
import { BASIS_CODES, roundTripDetail, roundTripsOf, type RoundTrips } from '../../shared/analytics/metrics';
import { DEAL_STATUSES, type DealRow } from '../../shared/model/deal';
import { BASE_NAME, BASE_SCENARIO, isPlainScenario, scenarioKey, type Scenario, type ScenarioPatch } from '../../shared/model/scenario';
import type { BookSession } from './session';
import { SCENARIO_KEY } from './window-settings';
import { runWhenIdle } from './idle-work';

// The service hands out rows derived under Base (one answer for every window); a window showing another scenario
// derives the ƒ columns again itself, with the same shared functions, so its numbers never disagree with a report.
const REDERIVE_DELAY_MS = 60;
// Scenarios besides the shown and compared ones whose values are computed ahead, in idle time (the analytics keep
// six views per rows version; a window flips between a few).
export const AHEAD_MAX = 2;

/** The scenarios a window may switch to next, besides the shown and compared ones, whose numbers it computes ahead. */
export function scenariosAhead(scenarios: readonly Scenario[], shown: string, compared: string | null): Scenario[] {
  const skip = (s: Scenario) => scenarioKey(s.name) === scenarioKey(shown) || (compared !== null && scenarioKey(s.name) === scenarioKey(compared));
  return scenarios.filter((s) => !skip(s)).slice(0, AHEAD_MAX);
}

const sameParameters = (a: Scenario, b: Scenario): boolean =>
  a.up_to_factor === b.up_to_factor &&
  a.credit_drawdown === b.credit_drawdown &&
  a.roll_up === b.roll_up &&
  DEAL_STATUSES.every((k) => a.status_weight[k] === b.status_weight[k]);

/**
 * The new name of a scenario that is gone from the book's list, when the change was its rename (made in another
 * window, or an undo of one): exactly one name is new, with the same parameters. Otherwise undefined (deleted).
 */
export function renamedTo(before: readonly Scenario[], after: readonly Scenario[], name: string): string | undefined {
  const old = before.find((s) => scenarioKey(s.name) === scenarioKey(name));
  if (!old) return undefined;
  const added = after.filter((s) => !before.some((b) => scenarioKey(b.name) === scenarioKey(s.name)));
  return added.length === 1 && sameParameters(old, added[0]!) ? added[0]!.name : undefined;
}

/** Whether a row holds this round trip (ratio NaN: none) and basis code. */
function holds(row: DealRow, ratio: number, basis: number): boolean {
  return row.round_trip_ratio === (ratio === ratio ? ratio : null) && row.round_trip_basis === (BASIS_CODES[basis] ?? null);
}

/** Whether every row holds these round trips already. */
function rowsHold(deals: readonly DealRow[], { ratio, basis }: RoundTrips): boolean {
  for (let i = 0; i < deals.length; i++) if (!holds(deals[i]!, ratio[i]!, basis[i]!)) return false;
  return true;
}

/** Which scenario the window shows (and compares), remembered per book; the grid's ƒ cells follow it. */
export class ScenarioControl {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** True once the grid's rows carry values of a scenario other than Base (so going back to Base rederives). */
  private dirty = false;
  /** The ƒ values last written into the rows, and the rows array they were written to (the same rows while it is). */
  private lastWritten: { deals: DealRow[]; trips: RoundTrips } | null = null;
  private cancelAhead: () => void = () => undefined;

  constructor(private readonly session: BookSession) {}

  /** The scenario in force (Base's values when the name is unknown, e.g. deleted in another window). */
  current(): Scenario {
    return this.byName(this.session.store.get().scenario) ?? BASE_SCENARIO;
  }

  compared(): Scenario | null {
    const name = this.session.store.get().compare;
    return name === null ? null : this.byName(name);
  }

  byName(name: string): Scenario | null {
    return this.session.store.get().scenarios.find((s) => scenarioKey(s.name) === scenarioKey(name)) ?? null;
  }

  /** The book's scenarios, and the one this book last showed (its setting), once the book is open. */
  async load(remembered: string | null): Promise<void> {
    await this.refresh(remembered ?? BASE_NAME);
  }

  /**
   * Read the scenarios again (their events say they changed); a scenario gone falls back to Base, and so does the
   * comparison (to none). A rename passes the new names, so neither is lost on the way.
   */
  async refresh(wanted?: string, wantedCompare?: string | null): Promise<void> {
    const list = await this.session.client.listScenarios({});
    if (!list.ok) return;
    const scenarios = list.value;
    // What the window shows when the answer comes (not when asked): another read may have set it meanwhile.
    const now = this.session.store.get();
    wanted ??= now.scenario;
    if (wantedCompare === undefined) wantedCompare = now.compare;
    // A scenario renamed elsewhere is followed under its new name; one deleted falls back to Base (or no compare).
    const find = (n: string | null) =>
      n === null ? undefined : (scenarios.find((s) => scenarioKey(s.name) === scenarioKey(n))?.name ?? renamedTo(now.scenarios, scenarios, n));
    const scenario = find(wanted) ?? BASE_NAME;
    const compare = find(wantedCompare) ?? null;
    this.session.store.set({ scenarios, scenario, compare: compare === scenario ? null : compare });
    this.rederive();
  }

  /** Show another scenario: the grid's ƒ cells, the sums and every chart follow; the book remembers the choice. */
  choose(name: string): void {
    const found = this.byName(name);
    if (!found) return;
    const compare = this.session.store.get().compare;
    this.session.store.set({ scenario: found.name, compare: compare && scenarioKey(compare) === scenarioKey(found.name) ? null : compare });
    this.rederive();
    void this.session.client.setSetting({ key: SCENARIO_KEY, value: found.name });
  }

  /** Compare with a second scenario (null: compare off). Not remembered: compare is a question of the moment. */
  compareWith(name: string | null): void {
    const found = name === null ? null : this.byName(name);
    this.session.store.set((s) => ({ compare: found ? found.name : null, rowsVersion: s.rowsVersion + 1 }));
  }

  /** Rows changed (an event): derive them again under the scenario in force, once per burst. */
  rowsChanged(): void {
    if (!this.dirty && isPlainScenario(this.current())) return this.computeAhead();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.rederive();
    }, REDERIVE_DELAY_MS);
  }

  /**
   * The ƒ values under the scenario in force for every row (the pair sums need every row, not only those shown):
   * a scenario changes only the round trip and its basis (the shares are the deal's own), so the shared functions
   * give those two per row, the rows whose values changed are patched and just their round-trip cells redrawn;
   * then the charts and sums follow. The analytics keep what no scenario changes per rows version, so a switch
   * costs a pass over typed arrays, not a pass over 100k row objects.
   */
  rederive(): void {
    const scenario = this.current();
    const plain = isPlainScenario(scenario);
    const deals = this.session.rows.all();
    const parties = this.session.store.get().parties.map((p) => ({ name: p.name, parent: p.parent }));
    this.computeAhead(deals, parties);
    if (plain && !this.dirty) return this.session.scenarioShown();
    const trips = roundTripsOf(deals, { scenario, parties });
    const { ratio, basis } = trips;
    // The same rows as last time hold the values written then: only the rows whose values differ between the two
    // (a pass over typed arrays) are visited, not 100k row objects. Any other rows array is compared row by row.
    const before = this.lastWritten?.deals === deals ? this.lastWritten.trips : null;
    let changed = 0;
    for (let i = 0; i < deals.length; i++) {
      const r = ratio[i]!;
      if (before) {
        const was = before.ratio[i]!;
        if ((r === was || (r !== r && was !== was)) && basis[i] === before.basis[i]) continue;
      }
      const row = deals[i]!;
      if (holds(row, r, basis[i]!)) continue;
      row.round_trip_ratio = r === r ? r : null;
      row.round_trip_basis = BASIS_CODES[basis[i]!] ?? null;
      changed++;
    }
    this.lastWritten = { deals, trips };
    this.dirty = !plain;
    // The rows are the grid's too: it redraws the ƒ cells on screen (a few dozen), the others draw theirs when scrolled to.
    if (changed) this.session.rows.derivedReplaced();
    this.session.scenarioShown();
  }

  /**
   * The ƒ values of the scenarios the window may switch to next, computed in idle time (runWhenIdle: after a quiet
   * second, one scenario per idle moment) so that switching to one finds them made; the rows' values are the
   * same shared functions' either way. Started again whenever the rows or the scenario change.
   */
  private computeAhead(deals = this.session.rows.all(), parties = this.session.store.get().parties.map((p) => ({ name: p.name, parent: p.parent }))): void {
    this.cancelAhead();
    const { scenarios, scenario, compare } = this.session.store.get();
    const ahead = scenariosAhead(scenarios, scenario, compare);
    const shown = this.current();
    // First, what the rows hold now (if not known): then the next switch compares typed arrays only.
    const known = () => {
      if (this.lastWritten?.deals === deals || this.session.rows.all() !== deals) return;
      const trips = roundTripsOf(deals, { scenario: shown, parties });
      if (rowsHold(deals, trips)) this.lastWritten = { deals, trips };
    };
    this.cancelAhead = runWhenIdle([known, ...ahead.map((s) => () => void roundTripsOf(deals, { scenario: s, parties }))]);
  }

  /**
   * The tooltip of a round-trip cell under the scenario in force: what its basis means and which deals of the pair
   * have no amount or no split. Worked out on hover, over every row (a pair's values come from all its rows).
   */
  roundTripTip(id: number): string | undefined {
    const deals = this.session.rows.all();
    const parties = this.session.store.get().parties.map((p) => ({ name: p.name, parent: p.parent }));
    const scenario = this.current();
    const detail = roundTripDetail(deals, id, { scenario, parties });
    return detail ? `${basisTooltip(detail)} (Scenario ${scenario.name})` : undefined;
  }

  /** The session closed: nothing more is computed ahead for it. */
  close(): void {
    this.cancelAhead();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Create or change a scenario; resolves with the error's message, or null when saved. */
  async save(patch: ScenarioPatch): Promise<string | null> {
    return this.written(() => this.session.client.setScenario(patch));
  }

  /** Rename a scenario; the window keeps showing it (or comparing with it) under its new name. */
  async rename(name: string, to: string): Promise<string | null> {
    const { scenario, compare } = this.session.store.get();
    const renamed = <N extends string | null>(n: N): N | string => (n !== null && scenarioKey(n) === scenarioKey(name) ? to : n);
    // The names the window shows and compares after the rename: read back under those (the old one is gone, and
    // reading back under it would fall back to Base and drop the comparison).
    const message = await this.written(() => this.session.client.renameScenario({ name, to }), renamed(scenario), renamed(compare));
    // The book remembers the scenario shown under its new name.
    if (message === null && scenarioKey(scenario) === scenarioKey(name) && this.byName(to)) this.choose(to);
    return message;
  }

  remove(name: string): Promise<string | null> {
    return this.written(() => this.session.client.deleteScenario({ name }));
  }

  private async written(call: Parameters<BookSession['write']>[0], wanted?: string, wantedCompare?: string | null): Promise<string | null> {
    let message: string | null = null;
    const ok = await this.session.write(call, { failed: (e) => void (message = e.message) });
    if (ok) await this.refresh(wanted, wantedCompare);
    return ok ? null : (message ?? 'The scenario could not be saved');
  }
}
