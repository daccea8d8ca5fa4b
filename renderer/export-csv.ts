import type { GridApi } from 'ag-grid-community';
import { CSV_COLUMNS, withCompanions, type CsvColumn } from '../shared/csv/csv-write';
import type { DealRow } from '../shared/model/deal';
import type { ExportRequest } from '../shared/protocol/desktop-api';
import { exportCsvFile } from './api/client';
import { desktop } from './api/desktop';
import type { BookSession } from './book/session';
import { displayedRows, exportColumns } from './grid/apply-change';
import { runCallsWhenIdle } from './book/idle-work';

/**
 * What the service is asked to write for the grid's view (filters and sort applied, visible columns in their
 * order, pinning aside): the shown deals' ids in the grid's order and the shown columns, each with its companion
 * (a date's precision, an amount's basis) so the file means what the grid shows; derived columns under the
 * scenario in force. The ids are left out when they are every deal of the book in the service's order (by id), and
 * the columns when they are every column in order. The service holds the same rows the window shows.
 */
export function shownExport(api: GridApi<DealRow>, scenario: string, bookSize: number): ExportRequest {
  const ids = displayedRows(api).map((row) => row.id);
  const columns = withCompanions(exportColumns(api));
  const everyDeal = ids.length === bookSize && ids.every((id, i) => i === 0 || ids[i - 1]! < id);
  const everyColumn = columns.length === CSV_COLUMNS.length && columns.every((c, i) => c === CSV_COLUMNS[i]);
  return { ...(everyDeal ? {} : { ids }), ...(everyColumn ? {} : { columns: columns as CsvColumn[] }), scenario };
}

export function csvFileName(bookName: string | undefined): string {
  const base = (bookName ?? 'deals').replace(/\.[^.]+$/, '') || 'deals';
  return `${base}.csv`;
}

/**
 * Save the shown rows as CSV: a save dialog in the desktop app, a download in the browser. The file is made by the
 * book's service from the rows it holds, usually ahead of the click (prepareShownAhead) or kept from the last export
 * of the view; its bytes go straight to the file or the download, with no 20 MB text made or encoded in the page.
 */
export async function exportShown(session: BookSession, api: GridApi<DealRow>, bookName: string | undefined): Promise<void> {
  const request = shownExport(api, session.scenarios.current().name, session.rows.size);
  const name = csvFileName(bookName);
  const rows = api.getDisplayedRowCount();
  if (desktop) {
    const saved = await desktop.saveExport({ ...request, suggestedName: name });
    if (!saved.ok) return session.showError({ message: saved.error.message, lines: [] });
    if (saved.value) session.notify(`Exported ${rows} deals to ${saved.value.name}`);
    return;
  }
  const file = await exportCsvFile(request);
  if (!file.ok) return session.showError({ message: file.error.message, lines: [] });
  const url = URL.createObjectURL(file.value);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  session.notify(`Exported ${rows} deals to ${name}`);
}

/** Grid events after which the view (its rows, their order, its columns) may differ. */
const VIEW_EVENTS = ['sortChanged', 'filterChanged', 'displayedColumnsChanged', 'rowDataUpdated', 'modelUpdated'] as const;

/**
 * Have the book's service make the grid's view as CSV ahead, in idle time (after a quiet second, one short call per
 * idle moment, each ~30 ms of the service's time at 100k deals), so that Export CSV finds the file made and only
 * hands it over. Started again whenever the view, the rows or the scenario change (what was made is then made
 * again, when the window is quiet). Nothing is made ahead with `?precompute=off`. Returns the function that stops it.
 */
export function prepareShownAhead(session: BookSession, api: GridApi<DealRow>): () => void {
  let cancel: () => void = () => undefined;
  const restart = () => {
    cancel();
    // The view as it is when the first call goes (any change of it starts again): read once, sent with each call.
    let request: ExportRequest | null = null;
    cancel = runCallsWhenIdle(async () => {
      // A team book's server keeps nothing between calls (each export reads the database): nothing to make ahead.
      if (api.isDestroyed() || session.store.get().me?.team) return true;
      request ??= shownExport(api, session.scenarios.current().name, session.rows.size);
      const made = await session.client.prepareExportCsv(request);
      return !made.ok || made.value;
    });
  };
  restart();
  for (const type of VIEW_EVENTS) api.addEventListener(type, restart);
  // The rows (an edit, a reload, derived values) or the scenario changed: not every change of the window's state.
  let seen = session.store.get();
  const unsubscribe = session.store.subscribe(() => {
    const now = session.store.get();
    if (now.rowsVersion === seen.rowsVersion && now.scenario === seen.scenario) return;
    seen = now;
    restart();
  });
  return () => {
    cancel();
    unsubscribe();
    if (!api.isDestroyed()) for (const type of VIEW_EVENTS) api.removeEventListener(type, restart);
  };
}
