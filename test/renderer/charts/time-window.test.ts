import { describe, expect, it } from 'vitest';
import { materialStart } from '../../../renderer/charts/time-window';

describe('the commitments time axis starts where the money does', () => {
  it('skips a long flat tail of small early periods, keeping one before the start', () => {
    // One 2019 deal of 1, then years of nothing, then the money.
    expect(materialStart([1, 0, 0, 0, 0, 0, 50, 400, 300])).toBe(5);
  });
  it('keeps everything when the first period already matters, or nothing is known', () => {
    expect(materialStart([100, 0, 50])).toBe(0);
    expect(materialStart([0, 0, 0])).toBe(0);
    expect(materialStart([])).toBe(0);
  });
});
