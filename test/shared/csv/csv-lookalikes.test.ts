import { describe, expect, it } from 'vitest';
import { lookalikeKey, lookalikePartyWarnings } from '../../../shared/csv/csv-lookalikes';

const row = (line: number, from_party: string, to_party: string) => ({ line, deal: { from_party, to_party } });

describe('lookalike party names on import', () => {
  it('gives names drawn alike one look: Cyrillic and Greek letters, I and l, full-width forms, spacing', () => {
    const look = lookalikeKey('OpenAI');
    for (const name of ['OpеnAI', 'ΟpenAI', 'OpenAl', 'Open AI', 'Open-AI', 'ＯｐｅｎＡＩ', 'openai']) expect(lookalikeKey(name), name).toBe(look);
    expect(lookalikeKey('OpenAI Foundation')).not.toBe(look);
  });

  it('warns once per new name that looks like a name of the book or of the file, naming line, field and the characters', () => {
    const warnings = lookalikePartyWarnings(
      [row(2, 'OpеnAI', 'Oracle'), row(3, 'OpеnAI', 'AMD'), row(4, 'Nvidia', 'Ｏｒａｃｌｅ'), row(5, 'openai', 'Open AI')],
      ['OpenAI', 'Nvidia'],
    );
    expect(warnings).toEqual([
      { line: 2, field: 'from_party', value: 'OpеnAI', message: 'new party looks like "OpenAI" but is another name (it has "е" (U+0435)): a second party, counted apart; if they are one, write "OpenAI"' },
      { line: 4, field: 'to_party', value: 'Ｏｒａｃｌｅ', message: expect.stringMatching(/^new party looks like "Oracle" but is another name \(it has "Ｏ" \(U\+FF2F\), /) },
      { line: 5, field: 'to_party', value: 'Open AI', message: 'new party looks like "OpenAI" but is another name (it has a space): a second party, counted apart; if they are one, write "OpenAI"' },
    ]);
  });

  it('says nothing of names the book has (any case), nor of names that only look different', () => {
    expect(lookalikePartyWarnings([row(2, 'OPENAI', 'Anthropic'), row(3, 'Oracle', 'OpenAI Foundation')], ['OpenAI', 'Oracle'])).toEqual([]);
  });
});
