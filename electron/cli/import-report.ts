import type { ImportReport } from '../../shared/protocol/contract';

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
  const read = report.encoding && report.encoding !== 'utf-8' ? `; read as ${ENCODING_NAMES[report.encoding]}` : '';
  return outcome(report, skipInvalid) + read;
}

const ENCODING_NAMES: Record<NonNullable<ImportReport['encoding']>, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 (little-endian)', 'utf-16be': 'UTF-16 (big-endian)', 'windows-1252': 'Windows-1252',
};

/** Every cell an import by id changed, one line each: deal, field, old and new value. */
export function changeLines(report: ImportReport): string {
  const shown = (v: string | number | null) => (v === null ? '(empty)' : JSON.stringify(v).length > 62 ? `${JSON.stringify(v).slice(0, 60)}…` : JSON.stringify(v));
  return report.changes.map((c) => `deal ${c.id}, ${c.field}: ${shown(c.old)} -> ${shown(c.new)} (line ${c.line})\n`).join('');
}

function outcome(report: ImportReport, skipInvalid: boolean): string {
  if (report.changes.length > 0 || report.unchanged > 0) return updateOutcome(report, skipInvalid);
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

/** An import by id: what was added, which deals changed, or that the book already matches the file. */
function updateOutcome(report: ImportReport, skipInvalid: boolean): string {
  const dry = report.dryRun;
  const added = dry ? report.validRows - report.updated - report.unchanged : report.imported;
  if (report.problems.length && !skipInvalid) {
    return `${dry ? 'dry run: ' : ''}imported nothing: problems on ${problemLines(report)}; nothing was written. Fix the file, or use --skip-invalid`;
  }
  const skipped = report.problems.length ? `; skipped the rows with problems (on ${problemLines(report)})` : '';
  if (added === 0 && report.updated === 0) {
    return `no changes: every deal already matches the file (${rows(report.unchanged)} by id)${skipped}; nothing was written`;
  }
  const cells = `${count(report.changes.length)} ${report.changes.length === 1 ? 'cell' : 'cells'}`;
  const what = `added ${count(added)} and updated ${count(report.updated)} ${report.updated === 1 ? 'deal' : 'deals'} (${cells}); ${count(report.unchanged)} unchanged`;
  return dry ? `dry run: would have ${what}${skipped}; nothing was written` : `${what}, as one undo step${skipped}`;
}
