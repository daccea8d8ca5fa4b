import { describe, expect, it } from 'vitest';
import { renamedTo } from '../../../renderer/book/scenario-control';
import { BASE_SCENARIO, type Scenario } from '../../../shared/model/scenario';

const scenario = (name: string, up_to_factor = 1): Scenario => ({ ...BASE_SCENARIO, status_weight: { ...BASE_SCENARIO.status_weight }, name, up_to_factor });

describe('renamedTo: following a scenario renamed in another window', () => {
  const before = [scenario('Base'), scenario('Half', 0.5), scenario('Firm', 0)];

  it('finds the one new name with the same parameters', () => {
    expect(renamedTo(before, [scenario('Base'), scenario('Halved', 0.5), scenario('Firm', 0)], 'half')).toBe('Halved');
  });

  it('gives nothing for a delete, a new name with other parameters, or two new names', () => {
    expect(renamedTo(before, [scenario('Base'), scenario('Firm', 0)], 'Half')).toBeUndefined();
    expect(renamedTo(before, [scenario('Base'), scenario('Other', 0.6), scenario('Firm', 0)], 'Half')).toBeUndefined();
    expect(renamedTo(before, [scenario('Base'), scenario('A', 0.5), scenario('B', 0.5), scenario('Firm', 0)], 'Half')).toBeUndefined();
    expect(renamedTo([], [scenario('Base')], 'Half')).toBeUndefined();
  });
});
