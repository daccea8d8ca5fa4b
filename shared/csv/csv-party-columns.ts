import { partyKey } from '../model/deal';
import type { CellProblem } from '../protocol/result';
import { excerpt, normalise } from './csv-columns';
import { parseCsv } from './csv-parse';

/** One row of a `name,kind,parent` file, as `importParties` takes it (an absent key keeps the party's value). */
export type PartyFileRow = { line: number; name: string; kind?: string; parent?: string | null };

type PartyColumn = 'name' | 'kind' | 'parent';

/**
 * Headers read as each column of a parties file, matched as deal headers are (csv-columns.ts's normalise: case,
 * spaces and underscores aside): `Party`, `Party name`, `Type`, `Parent company` are what sheets call them.
 */
const PARTY_ALIASES = new Map<string, PartyColumn>(Object.entries({
  name: 'name', party: 'name', 'party name': 'name', parties: 'name', company: 'name', 'company name': 'name',
  organisation: 'name', organization: 'name', entity: 'name',
  kind: 'kind', type: 'kind', 'party kind': 'kind', 'party type': 'kind', category: 'kind',
  parent: 'parent', 'parent company': 'parent', 'parent party': 'parent', 'parent name': 'parent', 'parent group': 'parent',
  'parent company name': 'parent', group: 'parent', owner: 'parent', 'owned by': 'parent',
}) as [string, PartyColumn][]);

const EXPECTED = 'a parties file has the columns name, kind and parent (also read as Party, Type, Parent company and the like)';

/**
 * The rows of a parties file, or the problems that refuse it (each with its line; the header's name the column).
 * The kind and parent columns are optional; an empty kind cell keeps the party's kind, an empty parent cell clears it.
 */
export function partyFileRows(text: string): { ok: true; rows: PartyFileRow[] } | { ok: false; problems: CellProblem[] } {
  const parsed = parseCsv(text);
  if (parsed.problems.length) return { ok: false, problems: parsed.problems };
  const line = parsed.headerLine;
  const problems: CellProblem[] = [];
  const at: Partial<Record<PartyColumn, number>> = {};
  parsed.header.forEach((raw, i) => {
    const header = raw.trim();
    const column = PARTY_ALIASES.get(normalise(header));
    if (header === '') {
      // An empty column Excel left at the end is nothing; a value under no header may be a shifted row.
      const filled = parsed.rows.find((r) => (r.cells[i] ?? '').trim() !== '');
      if (filled) problems.push({ line: filled.line, field: String(i + 1), value: excerpt(filled.cells[i]!.trim()), message: 'value in a column without a header' });
    } else if (column === undefined) {
      problems.push({ line, field: excerpt(header), message: `unknown column: ${EXPECTED}` });
    } else if (at[column] !== undefined) {
      problems.push({ line, field: excerpt(header), message: `duplicate column: "${excerpt(parsed.header[at[column]!]!.trim())}" and "${excerpt(header)}" both mean ${column}` });
    } else at[column] = i;
  });
  if (at.name === undefined && parsed.header.length > 0) problems.unshift({ line, message: `no column holds the party names: ${EXPECTED}` });
  if (parsed.header.length === 0) problems.push({ line: 1, message: `the file is empty: ${EXPECTED}` });
  if (problems.length) return { ok: false, problems };
  const cell = (cells: string[], column: PartyColumn) => (at[column] === undefined ? undefined : (cells[at[column]!] ?? '').trim());
  const rows = parsed.rows.map((r): PartyFileRow => {
    const kind = cell(r.cells, 'kind');
    const parent = cell(r.cells, 'parent');
    return { line: r.line, name: cell(r.cells, 'name') ?? '', ...(kind ? { kind } : {}), ...(parent !== undefined ? { parent: parent || null } : {}) };
  });
  // A party named twice (`OpenAI` and `openai`, one key) would be set twice, the last row silently winning.
  const first = new Map<string, number>();
  for (const row of rows) {
    const key = partyKey(row.name);
    if (key === '') continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.line);
    else problems.push({ line: row.line, field: excerpt(parsed.header[at.name!]!.trim()), value: excerpt(row.name), message: `the same party as on line ${earlier}; name each party once` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}
