import { describe, it, expect } from 'vitest';
import { cleanPartyName, partyKey, samePartyKey } from '../../../shared/model/deal';
import { buildDeal } from '../../../shared/model/fields';
import { basisTooltip, formatAmount, formatAnnounced, formatMoneyWithBasis, formatRoundTrip } from '../../../shared/model/format';
import { parseAmount } from '../../../shared/model/parse';
import { groupResolver, mergedChildParent, parentProblem } from '../../../shared/model/parties';

describe('amount basis (v2)', () => {
  it.each([
    ['up to 100B', 100e9, 'up_to'], ['Up To $100bn', 100e9, 'up_to'], ['<= 100B', 100e9, 'up_to'], ['≤100B', 100e9, 'up_to'],
    ['~34B', 34e9, 'estimate'], ['est. 34B', 34e9, 'estimate'], ['est 34B', 34e9, 'estimate'], ['34B', 34e9, null], [34e9, 34e9, null],
  ] as const)('reads %j as %s, basis %s', (raw, value, basis) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: { value, basis } });
  });

  it('refuses a basis without an amount, and a bad amount after one', () => {
    expect(parseAmount('up to')).toEqual({ ok: false, message: expect.stringContaining('needs an amount') });
    expect(parseAmount('~ -5B')).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseAmount('up to lots').ok).toBe(false);
  });

  it('a typed basis sets amount_basis; a plain amount sets firm; an explicit amount_basis cell wins', () => {
    const raw = { announced: '2025-09-22', from_party: 'NVIDIA', to_party: 'OpenAI', kind: 'investment' };
    const upTo = buildDeal({ ...raw, amount_usd: 'up to 100B' });
    expect(upTo.ok && [upTo.deal.amount_usd, upTo.deal.amount_basis]).toEqual([100e9, 'up_to']);
    if (!upTo.ok) return;
    const plain = buildDeal({ amount_usd: '90B' }, upTo.deal);
    expect(plain.ok && plain.deal.amount_basis).toBe('firm');
    const both = buildDeal({ amount_usd: '34B', amount_basis: 'estimate' }, upTo.deal);
    expect(both.ok && both.deal.amount_basis).toBe('estimate');
    const otherEdit = buildDeal({ notes: 'x' }, upTo.deal);
    expect(otherEdit.ok && otherEdit.deal.amount_basis).toBe('up_to');
  });

  it('displays ≤ $100.0B, ~$34.0B and $34.0B', () => {
    expect(formatAmount(100e9, 'up_to')).toBe('≤ $100.0B');
    expect(formatAmount(34e9, 'estimate')).toBe('~$34.0B');
    expect(formatAmount(34e9, 'firm')).toBe('$34.0B');
    expect(formatAmount(null, 'up_to')).toBe('');
  });
});

describe('announcement precision (v2)', () => {
  const raw = { from_party: 'A', to_party: 'B', kind: 'investment' };

  it('a typed coarse date sets the precision and stores the first day of its period', () => {
    for (const [text, date, precision] of [['Q3 2025', '2025-07-01', 'quarter'], ['Sep 2025', '2025-09-01', 'month'], ['2025', '2025-01-01', 'year'], ['22 Sep 2025', '2025-09-22', 'day']]) {
      const built = buildDeal({ ...raw, announced: text });
      expect(built.ok && [built.deal.announced, built.deal.announced_precision]).toEqual([date, precision]);
    }
  });

  it('setting a coarser precision moves the date to the first day of its period; an explicit precision wins', () => {
    const day = buildDeal({ ...raw, announced: '2025-09-22' });
    if (!day.ok) throw new Error('setup');
    const month = buildDeal({ announced_precision: 'quarter' }, day.deal);
    expect(month.ok && [month.deal.announced, month.deal.announced_precision]).toEqual(['2025-07-01', 'quarter']);
    const both = buildDeal({ ...raw, announced: '2025-09-01', announced_precision: 'month' });
    expect(both.ok && both.deal.announced_precision).toBe('month');
    const numeric = buildDeal({ ...raw, announced: '3/4/2025' }, undefined, { dateOrder: 'DMY' });
    expect(numeric.ok && numeric.deal.announced).toBe('2025-04-03');
  });

  it('displays Sep 2025, Q3 2025, 2025 and the ISO day', () => {
    expect(formatAnnounced('2025-09-01', 'month')).toBe('Sep 2025');
    expect(formatAnnounced('2025-07-01', 'quarter')).toBe('Q3 2025');
    expect(formatAnnounced('2025-01-01', 'year')).toBe('2025');
    expect(formatAnnounced('2025-09-22', 'day')).toBe('2025-09-22');
  });
});

describe('round-trip basis display', () => {
  it('shows exact, at least and unknown so they cannot be confused', () => {
    expect(formatRoundTrip(6, 'exact')).toBe('6.00x');
    expect(formatRoundTrip(6, 'at_least')).toBe('≥ 6.00x');
    expect(formatRoundTrip(6, 'unknown')).toBe('? 6.00x');
    expect(formatRoundTrip(null, 'unknown')).toBe('?');
    expect(formatRoundTrip(null, null)).toBe('');
  });

  it('says a round trip\'s sum with its basis too (pairs table, exposure tooltip, report): a floor is never a plain $0', () => {
    expect(formatMoneyWithBasis(42e9, 'exact')).toBe('$42.0B');
    expect(formatMoneyWithBasis(0, 'at_least')).toBe('≥ $0');
    expect(formatMoneyWithBasis(5e9, 'unknown')).toBe('? $5.0B');
    expect(formatMoneyWithBasis(0, null)).toBe('$0');
  });

  it('the tooltip names the deals whose amounts or splits are missing', () => {
    const text = basisTooltip({
      basis: 'at_least', investor: 'NVIDIA', investee: 'OpenAI',
      missing: [{ id: 8, from_party: 'OpenAI', to_party: 'NVIDIA', kind: 'purchase', what: 'amount' }, { id: 7, from_party: 'NVIDIA', to_party: 'OpenAI', kind: 'investment', what: 'split' }],
    });
    expect(text).toContain('NVIDIA -> OpenAI: at least');
    expect(text).toContain('#8 OpenAI -> NVIDIA purchase (no amount)');
    expect(text).toContain('#7 NVIDIA -> OpenAI investment (no cash/credit split)');
  });
});

describe('party names: one rule everywhere (v2)', () => {
  it('NFC, zero-width characters removed, trimmed, whitespace collapsed, case-insensitive', () => {
    const nfd = 'Socie\u0301te\u0301';
    expect(partyKey(nfd)).toBe(partyKey('SOCIÉTÉ'));
    expect(partyKey('Open\u200BAI')).toBe('openai');
    expect(partyKey('  Open \u00A0  AI\uFEFF ')).toBe('open ai');
    expect(cleanPartyName('  Open\u200D   AI ')).toBe('Open AI');
    expect(samePartyKey('NVIDIA', 'nvidia')).toBe(true);
    expect(samePartyKey('NVIDIA ', 'nvidia\u200B')).toBe(true);
    expect(samePartyKey('NVIDIA', 'NVIDIA Corp')).toBe(false);
  });

  it("drops every default-ignorable character, not only the zero-width ones (issue 17)", () => {
    // An Arabic letter mark (a right-to-left mark), the Mongolian vowel separator, the deprecated format
    // characters, the combining grapheme joiner, the Hangul fillers, Khmer inherent vowels, variation selectors, tags.
    const invisible = ['\u061C', '\u180E', '\u206A', '\u206F', '\u034F', '\u115F', '\u1160', '\u3164', '\uFFA0', '\u17B4', '\u17B5', '\uFE00', '\uFE0F', '\u{E0001}', '\u{E0041}', '\u{E0FFF}'];
    for (const c of invisible) {
      expect(partyKey(`Nour${c} Capital`), JSON.stringify(c)).toBe('nour capital');
      expect(cleanPartyName(`${c}Nour Capital${c}`), JSON.stringify(c)).toBe('Nour Capital');
      expect(samePartyKey(`Nour${c} Capital`, 'NOUR CAPITAL'), JSON.stringify(c)).toBe(true);
    }
    // Gone before composing: a mark between a letter and its accent must not leave a decomposed letter behind.
    expect(partyKey('Cafe\u034F\u0301 Capital')).toBe(partyKey('Caf\u00e9 Capital'));
    // The trade-off, accepted: an emoji's presentation selector goes too; visible text (not default-ignorable) stays.
    expect(cleanPartyName('\u2764\uFE0F Capital')).toBe('\u2764 Capital');
    expect(partyKey('Nour\u2800Capital')).not.toBe(partyKey('Nour Capital'));
    for (const name of ['Nour\u061C  Capital', 'e\u034F\u0301', '\u3164x\u3164']) expect(cleanPartyName(cleanPartyName(name))).toBe(cleanPartyName(name));
  });

  it('a from and to that differ only invisibly are one party', () => {
    expect(buildDeal({ announced: '2025-01-01', from_party: 'Nour Capital', to_party: 'Nour\u061C Capital', kind: 'investment' }).ok).toBe(false);
    const built = buildDeal({ announced: '2025-01-01', from_party: 'OpenAI', to_party: 'open\u200Bai', kind: 'investment' });
    expect(built.ok).toBe(false);
  });
});

describe('parents and groups (v2)', () => {
  const parties = [
    { name: 'Amazon', parent: null }, { name: 'AWS', parent: 'Amazon' }, { name: 'AWS Bahrain', parent: 'aws' }, { name: 'Azure', parent: null },
  ];

  it('a party\'s group is its top ancestor; names not in the list are their own group', () => {
    const group = groupResolver(parties);
    expect(group('aws bahrain')).toBe('Amazon');
    expect(group('AWS')).toBe('Amazon');
    expect(group('Azure')).toBe('Azure');
    expect(group('Nobody')).toBe('Nobody');
  });

  it('refuses a self-parent, an unknown parent and a loop, naming the loop', () => {
    expect(parentProblem(parties, 'AWS', 'aws')).toBe('AWS cannot be its own parent');
    expect(parentProblem(parties, 'AWS', 'Nobody')).toBe('parent "Nobody" is not a party of this book');
    expect(parentProblem(parties, 'Amazon', 'AWS Bahrain')).toBe('parent "AWS Bahrain" would make a loop: Amazon -> AWS Bahrain -> AWS -> Amazon');
    expect(parentProblem(parties, 'Azure', 'Amazon')).toBeNull();
    expect(parentProblem(parties, 'AWS', null)).toBeNull();
  });

  it('a loop written by another tool does not hang the group lookup', () => {
    const group = groupResolver([{ name: 'A', parent: 'B' }, { name: 'B', parent: 'A' }]);
    expect(['A', 'B']).toContain(group('A'));
  });
});

describe('children of a merged party (mergedChildParent)', () => {
  // 1 Alpha -> 2 Beta -> 3 Gamma; 4 Delta -> 3 Gamma; 5 Eps -> 6 Zeta.
  const parents = new Map<number, number | null>([[1, 2], [2, 3], [3, null], [4, 3], [5, 6], [6, null]]);
  const parentOf = (id: number) => parents.get(id);

  it('hangs them under the party kept, except the kept party and the parties above it (a loop), which go top-level', () => {
    const place = mergedChildParent(1, parentOf, new Set([3]));
    expect([2, 4].map(place)).toEqual([null, 1]);
    expect(mergedChildParent(2, parentOf, new Set([3]))(2)).toBeNull();
    expect(mergedChildParent(5, parentOf, new Set([3]))(4)).toBe(5);
  });

  it('stops at a loop another tool wrote instead of walking for ever', () => {
    const looped = new Map<number, number | null>([[1, 2], [2, 1], [7, 9]]);
    const place = mergedChildParent(1, (id) => looped.get(id), new Set([9]));
    expect([7, 2].map(place)).toEqual([1, null]);
  });
});
