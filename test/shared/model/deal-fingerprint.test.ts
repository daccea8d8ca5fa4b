import { describe, expect, it } from 'vitest';
import { DEAL_FIELDS, type Deal } from '../../../shared/model/deal';
import { dealFingerprint } from '../../../shared/model/deal-fingerprint';

const DEAL: Deal = {
  id: 7, announced: '2025-01-02', announced_precision: 'day', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', status: 'announced',
  amount_usd: 5e9, amount_basis: 'firm', cash_usd: null, credit_usd: null, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: 'first',
};

describe('a deal fingerprint (what a window saw of a deal)', () => {
  it('is the same for the same values, whatever else the row carries, and differs when any own value does', () => {
    const fp = dealFingerprint(DEAL);
    expect(fp).toMatch(/^[0-9a-z]{1,16}$/);
    expect(dealFingerprint({ ...DEAL, id: 8, cash_share: 0.5 } as Deal)).toBe(fp);
    for (const field of DEAL_FIELDS) {
      const changed = { ...DEAL, [field]: typeof DEAL[field] === 'number' ? (DEAL[field] as number) + 1 : `${String(DEAL[field])}x` };
      expect(dealFingerprint(changed), field).not.toBe(fp);
    }
    expect(dealFingerprint({ ...DEAL, notes: '' })).not.toBe(dealFingerprint({ ...DEAL, notes: null }));
  });
});
