import { useCallback, useState } from 'react';
import type { ImportReport } from '../../shared/contract';
import { decodeCsvBytes } from '../../shared/csv-decode';
import { describeProblem } from '../../shared/result';
import { errorView } from '../book/errors';
import type { BookSession } from '../book/session';

export type ImportState =
  | { step: 'idle' }
  | { step: 'checking'; name: string }
  | { step: 'preview'; name: string; text: string; report: ImportReport }
  | { step: 'running'; name: string; rows: number };

/**
 * CSV import in two calls: a dry run whose report the analyst reads (and decides on), then the real import,
 * one transaction and one undo step, shown through its event like any other step.
 */
export function useCsvImport(session: BookSession) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });

  const start = useCallback(
    async (name: string, text: string) => {
      setState({ step: 'checking', name });
      const checked = await session.client.importCsv({ text, dryRun: true });
      if (!checked.ok) {
        setState({ step: 'idle' });
        session.showError(errorView(checked.error));
        return;
      }
      setState({ step: 'preview', name, text, report: checked.value });
    },
    [session],
  );

  const startFile = useCallback(
    async (file: File) => {
      if (!/\.(csv|txt|tsv)$/i.test(file.name) && file.type && !file.type.includes('csv') && !file.type.startsWith('text/')) {
        session.showError({ message: `${file.name} is not a CSV file`, lines: [] });
        return;
      }
      // Strict UTF-8, as the CLI reads files: a file that is not UTF-8 text is refused with the line of its first
      // bad byte, shown as the check's one problem; a replacing decoder would import mangled names.
      const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) {
        const report: ImportReport = { totalRows: 0, validRows: 0, imported: 0, newParties: [], problems: [{ ...decoded.problem, line: decoded.problem.line ?? 1 }], dryRun: true };
        setState({ step: 'preview', name: file.name, text: '', report });
        return;
      }
      await start(file.name, decoded.text);
    },
    [session, start],
  );

  const confirm = useCallback(
    async (skipInvalid: boolean) => {
      if (state.step !== 'preview') return;
      const { name, text, report } = state;
      setState({ step: 'running', name, rows: skipInvalid ? report.validRows : report.totalRows });
      const done = await session.client.importCsv({ text, skipInvalid });
      setState({ step: 'idle' });
      if (!done.ok) return session.showError(errorView(done.error));
      if (done.value.imported === 0) {
        const lines = done.value.problems.map(describeProblem);
        return session.showError({ message: `Nothing was imported from ${name}`, lines });
      }
      // The import's event (a reload of the deals, Undo relabelled) is pushed to every window, this one too.
      await session.caughtUp();
      session.store.set({ savedAt: new Date().toISOString(), lastEvent: 'save', savedLabel: `Imported ${done.value.imported} deals from ${name}`, notice: null });
    },
    [session, state],
  );

  const cancel = useCallback(() => setState({ step: 'idle' }), []);
  return { state, start, startFile, confirm, cancel };
}
