import type { GridApi } from 'ag-grid-community';
import { dealsToCsvChunks, withCompanions } from '../shared/csv/csv-write';
import type { DealRow } from '../shared/model/deal';
import { desktop } from './api/desktop';
import type { BookSession } from './book/session';
import { displayedRows, exportColumns } from './grid/apply-change';

/**
 * What the grid shows (filters and sort applied, visible columns in their order, pinning aside) as CSV text; a shown column's
 * companion (a date's precision, an amount's basis) comes along, so the file means what the grid shows.
 */
export function shownCsv(api: GridApi<DealRow>): string {
  return shownCsvChunks(api).join('');
}

/** shownCsv in pieces of a few thousand lines: a download is made of them as they are, never one 20 MB string. */
function shownCsvChunks(api: GridApi<DealRow>): string[] {
  return dealsToCsvChunks(displayedRows(api), withCompanions(exportColumns(api)));
}

export function csvFileName(bookName: string | undefined): string {
  const base = (bookName ?? 'deals').replace(/\.[^.]+$/, '') || 'deals';
  return `${base}.csv`;
}

/** Save the shown rows as CSV: a save dialog in the desktop app, a download in the browser. */
export async function exportShown(session: BookSession, api: GridApi<DealRow>, bookName: string | undefined): Promise<void> {
  const chunks = shownCsvChunks(api);
  const name = csvFileName(bookName);
  const rows = api.getDisplayedRowCount();
  if (desktop) {
    const saved = await desktop.saveCsv({ text: chunks.join(''), suggestedName: name });
    if (!saved.ok) return session.showError({ message: saved.error.message, lines: [] });
    if (saved.value) session.notify(`Exported ${rows} deals to ${saved.value.name}`);
    return;
  }
  const url = URL.createObjectURL(new Blob(chunks, { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  session.notify(`Exported ${rows} deals to ${name}`);
}
