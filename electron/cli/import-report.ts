import type { ImportReport } from '../../shared/contract';

const MAX_SHOWN = 20;

const count = (n: number) => n.toLocaleString('en-US');
const rows = (n: number, what = '') => `${count(n)} ${what}${n === 1 ? 'row' : 'rows'}`;

/** The first few of a long list, then how many more: the summary stays one readable line. */
function firstFew(items: readonly (string | number)[]): string {
  const more = items.length > MAX_SHOWN ? ` and ${count(items.length - MAX_SHOWN)} more` : '';
  return items.slice(0, MAX_SHOWN).join(', ') + more;
}

/** "lines 3, 7, 9" of every problem, the first few only: the full list is printed above the summary. */
function problemLines(report: ImportReport): string {
  const lines = [...new Set(report.problems.map((p) => p.line))].sort((a, b) => a - b);
  return `${lines.length === 1 ? 'line' : 'lines'} ${firstFew(lines)}`;
}

/**
 * The one-line outcome of `dealbook import` for stdout (the problems themselves go to stderr): what was (or, in
 * a dry run, would be) imported, what was skipped, and why nothing was written.
 */
export function importSummary(report: ImportReport, skipInvalid: boolean): string {
  const dry = report.dryRun;
  const start = dry ? 'dry run: would import' : 'imported';
  const end = dry ? '; nothing was written' : '';
  const parties = report.newParties.length ? `; new parties: ${firstFew(report.newParties)}` : '';
  const of = `of ${rows(report.totalRows)}`;
  const done = count(dry ? report.validRows : report.imported);
  const step = dry || report.imported === 0 ? '' : ' as one undo step';
  const invalid = report.totalRows - report.validRows;

  if (report.problems.length === 0) return `${start} ${done} ${of}${step}${parties}${end}`;

  const where = problemLines(report);
  if (report.totalRows === 0 && report.validRows === 0) {
    return `${start} nothing: the file cannot be read as CSV (problem on ${where}); nothing was written`;
  }
  if (report.validRows === 0) return `${start} 0 ${of}: no row can be imported (problems on ${where}); nothing was written`;
  if (!skipInvalid) {
    const why = invalid > 0 ? `${rows(invalid, 'invalid ')}` : 'problems in the header';
    return `${start} 0 ${of}: ${why} (on ${where}); nothing was written. Fix the file, or use --skip-invalid to import the ${rows(report.validRows, 'valid ')}`;
  }
  // With every row valid, the problems are the header's (an unknown column), which --skip-invalid ignores.
  const skipped = invalid > 0 ? `skipped ${rows(invalid, 'invalid ')}` : 'ignored the problems';
  return `${start} ${done} ${of}${step}; ${skipped} (on ${where})${parties}${end}`;
}
