import type { RawValue, RawValues } from '../../shared/protocol/contract';
import type { DealField, DealRow, DealValues } from '../../shared/model/deal';
import { buildDeal, NEW_DEAL, parseField, type BuiltDeal } from '../../shared/model/fields';
import type { ParseOptions } from '../../shared/model/parse';

/**
 * A new deal the analyst is still filling in. It lives only in the grid until it is valid; then it is saved
 * once (savedId set) and later edits of the same row go to that deal.
 */
export type Draft = { raw: RawValues; row: DealRow; savedId: number | null };

/** The id a draft row shows until the book assigns one. */
export const DRAFT_ID = -1;

export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Today's date, kind investment, the spec's defaults, nothing else. */
export function newDraft(today: string): Draft {
  return {
    raw: { announced: today, kind: 'investment' },
    savedId: null,
    row: {
      ...(NEW_DEAL as Omit<DealValues, 'announced' | 'from_party' | 'to_party' | 'kind'>),
      id: DRAFT_ID,
      announced: today,
      from_party: '',
      to_party: '',
      kind: 'investment',
      cash_share: null,
      credit_share: null,
      other_share: null,
      round_trip_ratio: null,
      round_trip_basis: null,
    },
  };
}

export type DraftEdit = { ok: true; draft: Draft } | { ok: false; message: string };

/** One typed cell into the draft, parsed like any edit; a bad value leaves the draft as it was. */
export function editDraft(draft: Draft, field: DealField, raw: RawValue, options: ParseOptions = {}): DraftEdit {
  const parsed = parseField(field, raw, options);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return {
    ok: true,
    draft: { ...draft, raw: { ...draft.raw, [field]: raw }, row: { ...draft.row, [field]: parsed.value } },
  };
}

/** The deal the draft would save as, or what still keeps it from being valid. */
export function draftDeal(draft: Draft, options: ParseOptions = {}): BuiltDeal {
  return buildDeal(draft.raw, undefined, options);
}

/** Only a missing required field is expected while typing; anything else is worth telling the analyst. */
export function draftBlockers(built: BuiltDeal): { missing: DealField[]; invalid: { field: DealField; message: string }[] } {
  if (built.ok) return { missing: [], invalid: [] };
  const missing = built.problems.filter((p) => p.message === 'is required').map((p) => p.field);
  const invalid = built.problems.filter((p) => p.message !== 'is required');
  return { missing, invalid };
}
