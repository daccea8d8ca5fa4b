import { describe, expect, it } from 'vitest';
import { loneSurrogateAt, payloadProblems } from '../../../shared/protocol/payload-guard';

describe('the payload guard', () => {
  it('finds lone surrogates, high or low, and passes well-formed pairs', () => {
    expect(loneSurrogateAt('Lone\ud800')).toBe(4);
    expect(loneSurrogateAt('\udc00x')).toBe(0);
    expect(loneSurrogateAt('a\ud83d\ude80b')).toBe(-1);
    expect(loneSurrogateAt('\ude80\ud83d')).toBe(0);
    expect(loneSurrogateAt('Café ​ plain')).toBe(-1);
  });

  it('names where each problem is, at any depth, keys included', () => {
    const payload = JSON.parse('{"cells":[{"id":1,"value":"ok"},{"id":2,"value":"x\\ud800"}],"v":{"__proto__":{"a":1}}}');
    expect(payloadProblems(payload)).toEqual([
      { field: 'cells.1.value', message: 'character 2 holds a lone UTF-16 surrogate (not valid Unicode text)' },
      { field: 'v', message: 'Unrecognized key: "__proto__"' },
    ]);
    expect(payloadProblems({ ['k\udbff']: 1 })).toEqual([{ field: '(payload)', message: 'a key holds a lone UTF-16 surrogate (not valid Unicode text)' }]);
    expect(payloadProblems({ text: 'a,b\nc,d\ne\udfff' })[0]!.message).toBe('line 3, character 2 holds a lone UTF-16 surrogate (not valid Unicode text)');
    expect(payloadProblems({ values: { notes: 'fine', toString: 'x' } })).toEqual([]);
  });

  it('walks a deeply nested payload without overflowing the stack', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(payloadProblems(deep)).toHaveLength(1);
  });
});
