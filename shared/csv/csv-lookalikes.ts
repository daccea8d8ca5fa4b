import type { CellProblem } from '../protocol/result';
import { partyKey } from '../model/deal';

/*
 * Two names the book keeps apart (the spec's party rule) can still look the same: `OpеnAI` with a Cyrillic е,
 * `OpenAl` with a small L, `Open AI`. A file that brings such a name in makes a second party silently, and every pair,
 * exposure and round trip of the first is then split in two. Import keeps the name as written (it may be right) and
 * says so, naming the line and the characters that differ.
 */

/** Letters of other scripts drawn like Latin ones (Unicode's confusables, the common ones); I and l, drawn alike, as i. */
const LOOKS_LATIN: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'i', Ј: 'J', Ѕ: 'S', Ӏ: 'i',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'i',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'i', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', I: 'i', l: 'i',
};

/** A name as it looks: compatibility forms folded (NFKC: full-width, ligatures), lookalike letters made Latin, no spacing or punctuation. */
export function lookalikeKey(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) out += LOOKS_LATIN[ch] ?? ch;
  return partyKey(out).replace(/[\s\-_.,'’·]/gu, '');
}

/** Each character of `name` that `other` lacks, as shown in a message: `"е" (U+0435)`, `a space`. */
function differing(name: string, other: string): string[] {
  const seen = new Set<string>();
  for (const ch of name) {
    if (other.includes(ch) || seen.has(ch)) continue;
    seen.add(ch);
  }
  return [...seen].map((ch) => (/\s/u.test(ch) ? 'a space' : `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`));
}

/**
 * One warning per party name of the file that the book does not have and that looks like another one (of the book
 * or of the file) without being the same name. `rows` are the file's valid rows; `known` every name the book has.
 */
export function lookalikePartyWarnings(rows: readonly { line: number; deal: { from_party: string; to_party: string } }[], known: readonly string[]): CellProblem[] {
  const book = new Set<string>();
  const byLook = new Map<string, string>();
  for (const name of known) {
    book.add(partyKey(name));
    if (!byLook.has(lookalikeKey(name))) byLook.set(lookalikeKey(name), name);
  }
  const warnings: CellProblem[] = [];
  const done = new Set<string>();
  // A 100k-row file names a few thousand parties: each spelling is looked at once (no array made per row).
  const spelled = new Set<string>();
  const look = (line: number, field: 'from_party' | 'to_party', name: string): void => {
    if (spelled.has(name)) return;
    spelled.add(name);
    const key = partyKey(name);
    if (book.has(key) || done.has(key)) return;
    done.add(key);
    const looks = lookalikeKey(name);
    const twin = byLook.get(looks);
    if (twin === undefined) {
      byLook.set(looks, name);
      return;
    }
    const shown = differing(name, twin);
    warnings.push({
      line, field, value: name,
      message: `new party looks like "${twin}" but is another name${shown.length ? ` (it has ${shown.join(', ')})` : ''}: a second party, counted apart; if they are one, write "${twin}"`,
    });
  };
  for (const { line, deal } of rows) {
    look(line, 'from_party', deal.from_party);
    look(line, 'to_party', deal.to_party);
  }
  return warnings;
}
