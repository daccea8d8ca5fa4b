import { describe, expect, it } from 'vitest';
import { mapHeader, ownChoice, withChoice } from '../../../shared/csv/csv-columns';
import { columnMap } from '../../../electron/cli/import-command';
import { parseColumnMap } from '../../../renderer/import/column-map-setting';

/**
 * A column map is keyed by a file's header text, which a user writes: a column headed "__proto__", "constructor" or
 * "toString" is a header like any other, mapped where the analyst said (CLI --map, the import dialog, the book
 * setting that remembers it), never dropped and never read from Object.prototype.
 */
const ODD = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('column maps keyed by header text', () => {
  it('keep a header named like an object property as an own key, from the command line and the stored setting', () => {
    const fromCli = columnMap(ODD.map((h) => `${h}=notes`));
    expect(Object.keys(fromCli).sort()).toEqual([...ODD].sort());
    expect(Object.getPrototypeOf(fromCli)).toBe(Object.prototype);
    for (const h of ODD) expect(ownChoice(fromCli, h), h).toBe('notes');
    // The window's remembered choices travel in a call, where the door refuses a "__proto__" key: that one is
    // dropped (or every check of the file would be refused); the others are kept.
    const stored = parseColumnMap(JSON.stringify(Object.fromEntries(ODD.map((h) => [h, 'ignore']))))!;
    expect(Object.keys(stored).sort()).toEqual(ODD.filter((h) => h !== '__proto__').sort());
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    for (const h of ODD.slice(1)) expect(ownChoice(stored, h), h).toBe('ignore');
  });

  it('read nothing for a header the analyst did not choose, whatever it is named', () => {
    for (const h of ODD) expect(ownChoice({}, h), h).toBeUndefined();
    expect(ownChoice(withChoice({}, 'constructor', 'notes'), 'toString')).toBeUndefined();
  });

  it('map a file column headed "__proto__" where the analyst said', () => {
    const header = ['announced', 'from_party', 'to_party', 'kind', '__proto__'];
    const result = mapHeader(header, 1, { map: columnMap(['__proto__=notes']) });
    expect(result.fatal).toBe(false);
    expect(result.columns[4]).toMatchObject({ field: 'notes', header: '__proto__' });
  });
});
