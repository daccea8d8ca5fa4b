import type { ColDef, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import type { GridContext } from './grid-context';
import { DERIVED_FIELDS, type DealField, type DealRow } from '../../shared/model/deal';
import { formatAmount, formatAnnounced, formatMoney, formatRatio, formatRoundTrip, formatShare } from '../../shared/model/format';
import { parseMoney } from '../../shared/model/parse';
import { blanksLast } from './blanks-last';
import { moneyEditText } from './edit-text';

/** What a column holds decides its editor, filter, formatting and alignment. */
export type ColumnKind =
  | 'id' | 'date' | 'party' | 'kind' | 'status' | 'money' | 'share' | 'ratio' | 'integer' | 'number' | 'url' | 'notes'
  | 'amount-basis' | 'precision' | 'rt-basis';

export type ColumnSpec = {
  colId: 'id' | DealField | (typeof DERIVED_FIELDS)[number];
  header: string;
  kind: ColumnKind;
  width: number;
  tooltip: string;
};

const MONEY_FORMS = 'Type 45B, 750M, 1.2T, $45bn, 45,000M or 45000000000; empty = undisclosed.';

/** Every column in the grid's order; colIds are the spec's keys, so tests, CSV and settings agree. */
export const COLUMN_SPECS: readonly ColumnSpec[] = [
  { colId: 'id', header: 'ID', kind: 'id', width: 64, tooltip: 'Assigned by the book; never changes.' },
  { colId: 'announced', header: 'Announced', kind: 'date', width: 118, tooltip: 'Date announced. Type 2025-09-22, Sep 2025, Q3 2025 or 2025: the precision follows what you type.' },
  {
    colId: 'announced_precision', header: 'Precision', kind: 'precision', width: 92,
    tooltip: 'How exactly the date is known: day, month, quarter or year. Set by what you type in Announced (Q3 2025 = quarter), or chosen here.',
  },
  { colId: 'from_party', header: 'From', kind: 'party', width: 150, tooltip: 'Who commits the value. Pick a party or type a new name to create one.' },
  { colId: 'to_party', header: 'To', kind: 'party', width: 150, tooltip: 'Who receives it. Must differ from From unless the kind is infrastructure.' },
  { colId: 'kind', header: 'Kind', kind: 'kind', width: 118, tooltip: 'investment: From funds To. purchase: From commits to buy from To. infrastructure: From builds out capacity.' },
  { colId: 'status', header: 'Status', kind: 'status', width: 104, tooltip: 'rumored, announced, signed, closed or cancelled. Cancelled deals do not count in round trips.' },
  { colId: 'amount_usd', header: 'Amount', kind: 'money', width: 108, tooltip: `Headline value in USD. ${MONEY_FORMS} "up to 100B" is a ceiling (≤), "~34B" an estimate (~).` },
  {
    colId: 'amount_basis', header: 'Basis', kind: 'amount-basis', width: 84,
    tooltip: 'firm, up_to (a ceiling, shown ≤) or estimate (shown ~). Set by what you type in Amount (up to 100B, ~34B), or chosen here.',
  },
  { colId: 'cash_usd', header: 'Cash', kind: 'money', width: 92, tooltip: `Part paid in cash. ${MONEY_FORMS} Cash plus credits may not exceed the amount.` },
  { colId: 'credit_usd', header: 'Credits', kind: 'money', width: 92, tooltip: `Part paid as compute credits or in-kind compute. ${MONEY_FORMS}` },
  {
    colId: 'cash_share', header: 'Cash %', kind: 'share', width: 84,
    tooltip: 'Derived, read-only. Cash divided by amount. Empty when the amount or the cash is empty, or the amount is 0.',
  },
  {
    colId: 'credit_share', header: 'Credit %', kind: 'share', width: 88,
    tooltip: 'Derived, read-only. Credits divided by amount. Empty when the amount or the credits are empty, or the amount is 0.',
  },
  {
    colId: 'other_share', header: 'Other %', kind: 'share', width: 86,
    tooltip: 'Derived, read-only. One minus the cash share minus the credit share: the part paid neither in cash nor in credits '
      + '(warrants, equity in kind, undisclosed). Empty when both cash and credits are empty.',
  },
  {
    colId: 'round_trip_ratio', header: 'Round trip', kind: 'ratio', width: 100,
    tooltip: 'Derived, read-only, on investment rows. For the pair investor -> recipient over deals not cancelled: '
      + '(credits the investor gave + purchases the recipient committed back to the investor) divided by what the investor put in. '
      + 'Every investment row of the pair shows the same ratio; above 1x more flows back than went in. '
      + 'Enter a purchase that the credits pay for net of those credits. ≥ = at least (some money back is unpriced); a grey ? = unknown '
      + '(an amount invested is undisclosed). Hover a cell for the deals that are missing. Computed under the scenario in force.',
  },
  {
    colId: 'round_trip_basis', header: 'RT basis', kind: 'rt-basis', width: 88,
    tooltip: 'Derived, read-only. exact, at_least or unknown: whether every amount and split of the pair is known.',
  },
  { colId: 'term_years', header: 'Term (y)', kind: 'integer', width: 82, tooltip: 'Years the commitment is paid out over, 1 to 50; default 1.' },
  { colId: 'start', header: 'Start', kind: 'date', width: 104, tooltip: 'First year of payout; empty means the announcement date.' },
  { colId: 'capacity_mw', header: 'MW', kind: 'number', width: 80, tooltip: 'Power capacity in megawatts (1.2 GW is read as 1200).' },
  { colId: 'source_url', header: 'Source', kind: 'url', width: 150, tooltip: 'An http:// or https:// link; opens in the browser.' },
  { colId: 'notes', header: 'Notes', kind: 'notes', width: 320, tooltip: 'Free text, up to 10,000 characters.' },
];

/** A grid column of ours (not AG Grid's selection column); every such id is a key of DealRow. */
export function isColumnId(id: string): id is ColumnSpec['colId'] {
  return COLUMN_SPECS.some((c) => c.colId === id);
}

export const READ_ONLY_KINDS: ReadonlySet<ColumnKind> = new Set(['id', 'share', 'ratio', 'rt-basis']);

export function isEditableColumn(colId: string): colId is DealField {
  const spec = COLUMN_SPECS.find((c) => c.colId === colId);
  return spec !== undefined && !READ_ONLY_KINDS.has(spec.kind);
}

/** The text a cell shows. Money as `$45.0B`, shares as `25%`, the ratio as `1.56x`. */
export function displayText(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'money':
      return formatMoney(value as number);
    case 'share':
      return formatShare(value as number);
    case 'ratio':
      return formatRatio(value as number);
    case 'id':
      // A draft row has no id until it is saved.
      return (value as number) > 0 ? String(value) : 'new';
    case 'number':
      return (value as number).toLocaleString('en-US', { maximumFractionDigits: 2 });
    default:
      return String(value);
  }
}

/** A cell's text with what its row says about it (v2): an amount's basis, a date's precision, a round trip's basis. */
export function rowText(colId: ColumnSpec['colId'], kind: ColumnKind, value: unknown, row: DealRow | undefined): string {
  if (row && colId === 'amount_usd') return formatAmount(value as number | null, row.amount_basis);
  if (row && colId === 'announced') return formatAnnounced(value as string | null, row.announced_precision);
  if (row && colId === 'round_trip_ratio') return formatRoundTrip(value as number | null, row.round_trip_basis);
  return displayText(kind, value);
}

// The three bases must never be confused: at least is marked, unknown is greyed (its `?` says it in text too).
const BASIS_CLASSES = {
  'cell-basis-at-least': (p: { data?: DealRow }) => p.data?.round_trip_basis === 'at_least',
  'cell-basis-unknown': (p: { data?: DealRow }) => p.data?.round_trip_basis === 'unknown',
};

/**
 * The text an editor starts with: money in a short exact form (`45B`) an analyst can retype, with its basis in the
 * spec's input words (`up to 100B`, `~34B`), so Enter on an untouched amount keeps its basis.
 */
export function editText(kind: ColumnKind, value: unknown, row?: DealRow): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money') return `${MONEY_BASIS_WORDS[row?.amount_basis ?? 'firm'] ?? ''}${moneyEditText(value as number)}`;
  return String(value);
}

const MONEY_BASIS_WORDS: Record<string, string> = { firm: '', up_to: 'up to ', estimate: '~' };

// ISO date strings compare as text; the date filter hands us local midnight.
function compareIsoDate(filterDate: Date, cell: unknown): number {
  if (typeof cell !== 'string' || cell === '') return -1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const wanted = `${filterDate.getFullYear()}-${pad(filterDate.getMonth() + 1)}-${pad(filterDate.getDate())}`;
  return cell < wanted ? -1 : cell > wanted ? 1 : 0;
}

function filterFor(kind: ColumnKind): Pick<ColDef<DealRow>, 'filter' | 'filterParams'> {
  switch (kind) {
    case 'date':
      return { filter: 'agDateColumnFilter', filterParams: { comparator: compareIsoDate, buttons: ['reset'] } };
    case 'money':
      // Filter thresholds accept the same forms as the cells: "> 10B".
      return {
        filter: 'agNumberColumnFilter',
        filterParams: {
          allowedCharPattern: '\\d\\-\\.,$ kKmMbBtTnN',
          numberParser: (text: string | null) => {
            const parsed = parseMoney(text);
            return parsed.ok ? parsed.value : null;
          },
          buttons: ['reset'],
        },
      };
    case 'id':
    case 'share':
    case 'ratio':
    case 'integer':
    case 'number':
      return { filter: 'agNumberColumnFilter', filterParams: { buttons: ['reset'] } };
    default:
      return { filter: 'agTextColumnFilter', filterParams: { buttons: ['reset'] } };
  }
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['id', 'money', 'share', 'ratio', 'integer', 'number']);

/** Columns whose empty cells sort last both ways (blanksLast): every number and date column. */
const BLANKS_LAST: ReadonlySet<ColumnKind> = new Set(['money', 'share', 'ratio', 'integer', 'number', 'date']);

/**
 * The v2 companions start hidden (Columns shows them): most deals keep their defaults (day, firm), and the round
 * trip's basis is a qualifier of the ratio beside it.
 */
export const HIDDEN_AT_FIRST: ReadonlySet<string> = new Set(['announced_precision', 'amount_basis', 'round_trip_basis']);

/** Which deal a cell belongs to stays in sight while scrolling right. */
const PINNED: ReadonlySet<string> = new Set(['id', 'from_party', 'to_party']);


/**
 * Column definitions without behaviour: the grid adds editors and the URL cell (grid-columns.ts).
 * Derived and id columns are read-only and carry classes that style them apart.
 */
export function columnDefs(): ColDef<DealRow>[] {
  return COLUMN_SPECS.map((spec) => {
    const readOnly = READ_ONLY_KINDS.has(spec.kind);
    const derived = spec.kind === 'share' || spec.kind === 'ratio' || spec.kind === 'rt-basis';
    const classes = [NUMERIC.has(spec.kind) ? 'cell-number' : '', derived ? 'cell-derived' : '', spec.kind === 'id' ? 'cell-id' : ''];
    return {
      colId: spec.colId,
      field: spec.colId,
      headerName: spec.header,
      headerTooltip: spec.tooltip,
      width: spec.width,
      editable: !readOnly,
      cellClass: classes.filter(Boolean),
      headerClass: [derived ? 'header-derived' : '', NUMERIC.has(spec.kind) ? 'ag-right-aligned-header' : ''].filter(Boolean),
      valueFormatter: (p: ValueFormatterParams<DealRow>) => rowText(spec.colId, spec.kind, p.value, p.data),
      ...(spec.kind === 'ratio'
        ? {
          cellClassRules: BASIS_CLASSES,
          tooltipValueGetter: (p: ITooltipParams<DealRow>) =>
            p.data?.round_trip_basis ? (p.context as GridContext | undefined)?.roundTripTip?.(p.data.id) : undefined,
        }
        : {}),
      ...(BLANKS_LAST.has(spec.kind) ? { comparator: blanksLast } : {}),
      ...(spec.kind === 'notes' ? { tooltipField: 'notes' as const } : {}),
      ...(PINNED.has(spec.colId) ? { pinned: 'left' as const } : {}),
      // The cells of Amount, Announced and Round trip already show these (≤, ~, Q3 2025, ≥, ?): shown from the
      // Columns menu to set them directly; hidden, Tab along a row keeps its old path.
      ...(HIDDEN_AT_FIRST.has(spec.colId) ? { hide: true } : {}),
      ...filterFor(spec.kind),
    } satisfies ColDef<DealRow>;
  });
}
