import { describe, expect, it } from 'vitest';
import { undisclosedOnlyText } from '../../../renderer/charts/undisclosed-only';

describe('a money chart with nothing but undisclosed amounts', () => {
  it('says so in words with the count per party, in place of an axis from $0 to $1', () => {
    expect(undisclosedOnlyText([{ name: 'Alpha', undisclosed: 2 }, { name: 'Beta', undisclosed: 0 }, { name: 'Gamma', undisclosed: 1 }], 'deals')).toBe(
      'Every amount here is undisclosed: 3 deals have no amount (not counted as $0), so there is nothing to draw. Alpha +2, Gamma +1.',
    );
    expect(undisclosedOnlyText([{ name: 'Beta', undisclosed: 1 }], 'investments')).toBe(
      'Every amount here is undisclosed: 1 investment has no amount (not counted as $0), so there is nothing to draw. Beta +1.',
    );
  });

  it('names six parties at most', () => {
    const rows = Array.from({ length: 9 }, (_, i) => ({ name: `P${i}`, undisclosed: 1 }));
    expect(undisclosedOnlyText(rows, 'deals')).toMatch(/P0 \+1, P1 \+1, P2 \+1, P3 \+1, P4 \+1, P5 \+1, and 3 more\.$/);
  });

  it('leaves known zeros to the chart: nothing undisclosed, nothing said', () => {
    expect(undisclosedOnlyText([{ name: 'Alpha', undisclosed: 0 }], 'deals')).toBeNull();
    expect(undisclosedOnlyText([], 'deals')).toBeNull();
  });
});
