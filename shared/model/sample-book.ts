import type { AmountBasis, DatePrecision, DealKind, DealStatus, PartyKind } from './deal';
import { SAMPLE_DEAL_ROWS, SAMPLE_PARTY_ROWS } from './sample-deals';

// The embedded sample book: publicly reported AI-infrastructure deals, 2019-2026, each with the public page that
// reported it and a note paraphrasing what that page says (caveats included: "up to", letters of intent,
// approximate dates, conflicting sources), plus the deals the three seed articles describe that the list lacks,
// each citing its article. Amounts are empty where no source gave one: undisclosed is not zero. Generated into
// sample-deals.ts by scripts/make-sample-book.py; the README's "Sample book" section says where it comes from.

export type SampleParty = { name: string; kind: PartyKind; parent: string | null };
export type SampleDeal = {
  announced: string; announced_precision: DatePrecision; from_party: string; to_party: string; kind: DealKind;
  status: DealStatus; amount_usd: number | null; amount_basis: AmountBasis; cash_usd: number | null;
  credit_usd: number | null; term_years: number; start: string | null; capacity_mw: number | null;
  source_url: string | null; notes: string | null;
};

/** Every party of the sample, with its kind and, only where a source says so, its parent. */
export const SAMPLE_PARTIES: readonly SampleParty[] = SAMPLE_PARTY_ROWS;

/** The sample's deals in the order a new book numbers them (1..n). */
export const SAMPLE_DEALS: readonly SampleDeal[] = SAMPLE_DEAL_ROWS;

/** How many of the sample's deals come from the reviewed list; the rest come from the seed articles. */
export const REVIEWED_DEALS = 64;
