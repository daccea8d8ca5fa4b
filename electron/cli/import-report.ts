import type { ImportReport } from '../../shared/contract';

const MAX_LINES_SHOWN = 20;

const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

/** "lines 3, 7, 9" of every problem, the first few only: the full list is printed above the summary. */
function problemLines(report: ImportReport): string {
  const lines = [...new Set(report.problems.map((p) => p.line))].sort((a, b) => a - b);
  const shown = lines.slice(0, MAX_LINES_SHOWN).join(', ');
  const more = lines.length > MAX_LINES_SHOWN ? ` and ${lines.length - MAX_LINES_SHOWN} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

/**
 * The one-line outcome of `dealbook import` for stdout (the problems themselves go to stderr):
 * what was (or, in a dry run, would be) imported, what was skipped and why nothing was written.
 */
export function importSummary(report: ImportReport, skipInvalid: boolean): string {
  const dry = report.dryRun;
  const verb = dry ? 'would import' : 'imported';
  const prefix = dry ? 'dry run: ' : '';
  const untouched = dry ? 'nothing was written (dry run)' : 'nothing was written';
  const parties = report.newParties.length ? `; new parties: ${report.newParties.join(', ')}` : '';
  const invalid = report.totalRows - report.validRows;

  if (report.problems.length === 0) {
    const done = dry ? report.validRows : report.imported;
    const step = !dry && done > 0 ? ' as one undo step' : '';
    return `${prefix}${verb} ${done} of ${rows(report.totalRows)}${step}${parties}${dry ? `; ${untouched}` : ''}`;
  }
  if (report.totalRows === 0 && report.validRows === 0) {
    return `${prefix}${verb} nothing: the file cannot be read as CSV (problem on ${problemLines(report)}); ${untouched}`;
  }
  if (report.validRows === 0) {
    return `${prefix}${verb} 0 of ${rows(report.totalRows)}: no row can be imported (problems on ${problemLines(report)}); ${untouched}`;
  }
  if (!skipInvalid) {
    return (
      `${prefix}${verb} 0 of ${rows(report.totalRows)}: ${rows(invalid)} invalid (problems on ${problemLines(report)}); ${untouched}. ` +
      `Fix the file, or use --skip-invalid to import the ${rows(report.validRows)} that are valid`
    );
  }
  const done = dry ? report.validRows : report.imported;
  const step = dry ? '' : ' as one undo step';
  // With every row valid, the problems are the header's (an unknown column), which --skip-invalid ignores.
  const skipped = invalid > 0 ? `; skipped ${rows(invalid)} invalid` : '; ignored the problems';
  return `${prefix}${verb} ${done} of ${rows(report.totalRows)}${step}${skipped} (on ${problemLines(report)})${parties}${dry ? `; ${untouched}` : ''}`;
}
