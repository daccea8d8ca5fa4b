import { useCallback, useRef, useState } from 'react';
import type { ImportReport } from '../../shared/protocol/contract';
import { decodeCsvBytes, type CsvEncoding } from '../../shared/csv/csv-decode';
import type { ColumnMap } from '../../shared/csv/csv-columns';
import { describeProblem } from '../../shared/protocol/result';
import { errorView } from '../book/errors';
import type { BookSession } from '../book/session';
import { columnMapKey, parseColumnMap } from './column-map-setting';

/** What the analyst chose in the dialog: which field each column holds, and whether rows with an id update deals. */
export type ImportChoices = { map: ColumnMap; update: boolean };

export type ImportState =
  | { step: 'idle' }
  | { step: 'checking'; name: string }
  | { step: 'preview'; name: string; text: string; encoding?: CsvEncoding; report: ImportReport; choices: ImportChoices }
  | { step: 'running'; name: string; rows: number };

const NO_CHOICES: ImportChoices = { map: {}, update: false };

/**
 * CSV import in two calls: a dry run whose report the analyst reads (and decides on: column choices, update by
 * id), then the real import, one transaction and one undo step, shown through its event like any other step.
 * Column choices are remembered in the book's settings for that set of headers.
 */
export function useCsvImport(session: BookSession) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  // The latest choices and the latest check, ahead of React's state: two quick picks must both count, and an
  // earlier check's answer arriving late must not replace a later one's.
  const latest = useRef<ImportChoices>(NO_CHOICES);
  const checks = useRef(0);

  const check = useCallback(
    async (name: string, text: string, encoding: CsvEncoding | undefined, choices: ImportChoices) => {
      latest.current = choices;
      const mine = ++checks.current;
      const checked = await session.client.importCsv({ text, dryRun: true, ...choices, ...(encoding ? { encoding } : {}) });
      if (mine !== checks.current) return null;
      if (!checked.ok) {
        setState({ step: 'idle' });
        session.showError(errorView(checked.error, 'csv'));
        return null;
      }
      setState({ step: 'preview', name, text, ...(encoding ? { encoding } : {}), report: checked.value, choices });
      return checked.value;
    },
    [session],
  );

  const start = useCallback(
    async (name: string, text: string, encoding?: CsvEncoding) => {
      setState({ step: 'checking', name });
      latest.current = NO_CHOICES;
      const first = await check(name, text, encoding, NO_CHOICES);
      if (!first || first.columns.length === 0) return;
      const stored = await session.client.getSetting({ key: columnMapKey(first.columns.map((c) => c.header)) });
      const map = stored.ok ? parseColumnMap(stored.value) : null;
      if (map) await check(name, text, encoding, { ...NO_CHOICES, map });
    },
    [session, check],
  );

  /** The analyst changed a column's field or the update switch: remember the columns, check again. */
  const choose = useCallback(
    async (change: (choices: ImportChoices) => ImportChoices) => {
      if (state.step !== 'preview') return;
      const choices = change(latest.current);
      const headers = state.report.columns.map((c) => c.header);
      if (headers.length) void session.client.setSetting({ key: columnMapKey(headers), value: JSON.stringify(choices.map) });
      // The controls show the choice at once; the report follows when the check answers.
      setState((s) => (s.step === 'preview' ? { ...s, choices } : s));
      await check(state.name, state.text, state.encoding, choices);
    },
    [session, state, check],
  );

  const startFile = useCallback(
    async (file: File) => {
      if (!/\.(csv|txt|tsv)$/i.test(file.name) && file.type && !file.type.includes('csv') && !file.type.startsWith('text/')) {
        session.showError({ message: `${file.name} is not a CSV file`, lines: [] });
        return;
      }
      // The one decoding rule every door uses (UTF-8, UTF-16 with a BOM, else Windows-1252; never a replacing
      // decoder): a file that reads as none of them is refused with its line, shown as the check's one problem.
      const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) {
        const report: ImportReport = {
          totalRows: 0, validRows: 0, imported: 0, updated: 0, unchanged: 0, changes: [], newParties: [], warnings: [], columns: [],
          problems: [{ ...decoded.problem, line: decoded.problem.line ?? 1 }], dryRun: true,
        };
        setState({ step: 'preview', name: file.name, text: '', report, choices: NO_CHOICES });
        return;
      }
      await start(file.name, decoded.text, decoded.encoding);
    },
    [session, start],
  );

  const confirm = useCallback(
    async (skipInvalid: boolean) => {
      if (state.step !== 'preview') return;
      const { name, text, report, choices, encoding } = state;
      setState({ step: 'running', name, rows: skipInvalid ? report.validRows : report.totalRows });
      const done = await session.client.importCsv({ text, skipInvalid, ...choices, ...(encoding ? { encoding } : {}) });
      setState({ step: 'idle' });
      if (!done.ok) return session.showError(errorView(done.error, 'csv'));
      const { imported, updated } = done.value;
      if (imported === 0 && updated === 0) {
        const lines = done.value.problems.map(describeProblem);
        return session.showError({ message: `Nothing was imported from ${name}`, lines });
      }
      // The import's event (a reload of the deals, Undo relabelled) is pushed to every window, this one too.
      await session.caughtUp();
      const what = updated ? `Imported ${imported} and updated ${updated} deals from ${name}` : `Imported ${imported} deals from ${name}`;
      session.store.set({ savedAt: new Date().toISOString(), lastEvent: 'save', savedLabel: what, notice: null });
    },
    [session, state],
  );

  const cancel = useCallback(() => setState({ step: 'idle' }), []);
  return { state, start, startFile, choose, confirm, cancel };
}
