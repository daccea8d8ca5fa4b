import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../../electron/service/service';
import { dispatch } from '../../../electron/service/dispatch';
import { BASE_SCENARIO } from '../../../shared/model/scenario';
import { refusal, tempBook } from '../../helpers/temp-book';

let opened: Awaited<ReturnType<typeof tempBook>>;
let service: Service;

beforeEach(async () => {
  opened = await tempBook();
  service = opened.service;
  service.addDeal({ values: { announced: '2025-01-01', from_party: 'Amazon', to_party: 'Anthropic', kind: 'investment', amount_usd: '8B', cash_usd: '8B', credit_usd: '0' } });
  service.addDeal({ values: { announced: '2025-02-01', from_party: 'Anthropic', to_party: 'AWS', kind: 'purchase', amount_usd: '16B' } });
});
afterEach(() => opened.cleanup());

const fails = (fn: () => unknown) => refusal(Promise.resolve().then(fn));
const ratio = (scenario?: string) => service.listDeals(scenario ? { scenario } : {})[0]!.round_trip_ratio;

describe('scenarios in the book', () => {
  it('a new book has Base with the spec defaults', () => {
    expect(service.listScenarios({})).toEqual([BASE_SCENARIO]);
  });

  it('are validated at the door: weights and factors in 0..1, known statuses, unique names', () => {
    const bad = [
      { name: 'X', status_weight: { rumored: 1.5 } },
      { name: 'X', status_weight: { pending: 0.5 } },
      { name: 'X', up_to_factor: -0.1 },
      { name: 'X', credit_drawdown: 2 },
      { name: '' },
      { name: 'X', roll_up: 'yes' },
    ];
    for (const payload of bad) {
      const r = dispatch(service, 'setScenario', payload);
      expect(r.ok, JSON.stringify(payload)).toBe(false);
    }
    const weight = dispatch(service, 'setScenario', { name: 'X', status_weight: { rumored: 1.5 } });
    expect(!weight.ok && weight.error.details?.[0]).toMatchObject({ field: 'status_weight.rumored', message: 'status_weight.rumored must be from 0 to 1' });
    const status = dispatch(service, 'setScenario', { name: 'X', status_weight: { pending: 0.5 } });
    expect(!status.ok && status.error.details?.[0]?.message).toBe('unknown status "pending"; expected one of rumored, announced, signed, closed, cancelled');
    expect(service.listScenarios({}).map((s) => s.name)).toEqual(['Base']);
    expect(service.bookInfo({}).canUndo).toBe(true); // the two deals only
    expect(service.bookInfo({}).undoLabel).toBe('Add deal');
  });

  it('a new scenario starts from Base; unset parameters keep their value; names are unique case-insensitively', () => {
    service.setScenario({ name: 'Base', credit_drawdown: 0.5 });
    service.setScenario({ name: 'Half', status_weight: { announced: 0.5 } });
    expect(service.listScenarios({})[1]).toEqual({ ...BASE_SCENARIO, name: 'Half', credit_drawdown: 0.5, status_weight: { ...BASE_SCENARIO.status_weight, announced: 0.5 } });
    service.setScenario({ name: 'half', roll_up: true });
    expect(service.listScenarios({}).map((s) => [s.name, s.roll_up, s.status_weight.announced])).toEqual([['Base', false, 1], ['Half', true, 0.5]]);
  });

  it('Base can be edited but not deleted or renamed; others can be renamed and deleted', async () => {
    expect((await fails(() => service.deleteScenario({ name: 'base' }))).message).toBe('Base cannot be deleted');
    expect((await fails(() => service.renameScenario({ name: 'Base', to: 'Plain' }))).message).toBe('Base cannot be renamed');
    service.setScenario({ name: 'A' });
    service.setScenario({ name: 'B' });
    expect((await fails(() => service.renameScenario({ name: 'A', to: 'b' }))).code).toBe('conflict');
    service.renameScenario({ name: 'A', to: 'C' });
    service.deleteScenario({ name: 'B' });
    expect(service.listScenarios({}).map((s) => s.name)).toEqual(['Base', 'C']);
    expect((await fails(() => service.deleteScenario({ name: 'B' }))).code).toBe('not_found');
  });

  it('take part in undo like any change, and an edited Base changes the default rows', () => {
    expect(ratio()).toBe(0);
    service.setPartyParent({ name: 'AWS', parent: 'Amazon' });
    const change = service.setScenario({ name: 'Base', roll_up: true });
    expect(change.reload).toBe(true);
    expect(ratio()).toBe(2);
    service.undo({});
    expect(ratio()).toBe(0);
    service.redo({});
    expect(ratio()).toBe(2);
    service.setScenario({ name: 'Groups', roll_up: true, credit_drawdown: 0 });
    service.deleteScenario({ name: 'Groups' });
    service.undo({});
    expect(service.listScenarios({}).map((s) => s.name)).toEqual(['Base', 'Groups']);
    service.undo({});
    service.undo({});
    expect(service.listScenarios({})).toEqual([BASE_SCENARIO]);
  });
});

describe('party parents', () => {
  it('sets, lists and clears a parent; undo brings the old one back', () => {
    service.setPartyParent({ name: 'aws', parent: 'AMAZON' });
    expect(service.listParties({}).map((p) => [p.name, p.parent])).toEqual([['Amazon', null], ['Anthropic', null], ['AWS', 'Amazon']]);
    expect(ratio('Base')).toBe(0);
    service.setScenario({ name: 'Groups', roll_up: true });
    expect(ratio('Groups')).toBe(2);
    service.setPartyParent({ name: 'AWS', parent: null });
    expect(ratio('Groups')).toBe(0);
    service.undo({});
    expect(service.listParties({}).find((p) => p.name === 'AWS')?.parent).toBe('Amazon');
  });

  it('refuses a self-parent, a loop (naming it) and an unknown party, changing nothing', async () => {
    service.setPartyParent({ name: 'AWS', parent: 'Amazon' });
    expect((await fails(() => service.setPartyParent({ name: 'AWS', parent: 'aws' }))).message).toBe('Parent of AWS rejected: AWS cannot be its own parent');
    expect((await fails(() => service.setPartyParent({ name: 'Amazon', parent: 'AWS' }))).message).toBe(
      'Parent of Amazon rejected: parent "AWS" would make a loop: Amazon -> AWS -> Amazon',
    );
    expect((await fails(() => service.setPartyParent({ name: 'Amazon', parent: 'Nobody' }))).code).toBe('not_found');
    expect(service.listParties({}).map((p) => p.parent)).toEqual([null, null, 'Amazon']);
  });

  it('merging a parent away moves its children to the merged party', () => {
    service.addDeal({ values: { announced: '2025-01-01', from_party: 'Amazon.com', to_party: 'X', kind: 'investment' } });
    service.setPartyParent({ name: 'AWS', parent: 'Amazon.com' });
    service.mergeParties({ names: ['Amazon.com'], into: 'Amazon' });
    expect(service.listParties({}).find((p) => p.name === 'AWS')?.parent).toBe('Amazon');
    service.undo({});
    expect(service.listParties({}).find((p) => p.name === 'AWS')?.parent).toBe('Amazon.com');
  });

  it('party names match by the spec rule: a zero-width or differently composed spelling is the same party', () => {
    service.addDeal({ values: { announced: '2025-01-01', from_party: 'Ama\u200Bzon', to_party: 'Socie\u0301te\u0301', kind: 'investment' } });
    service.addDeal({ values: { announced: '2025-01-01', from_party: 'AMAZON', to_party: 'SOCIÉTÉ', kind: 'investment' } });
    expect(service.listParties({}).map((p) => p.name)).toEqual(['Amazon', 'Anthropic', 'AWS', 'Société']);
  });
});

describe('the date order setting', () => {
  it('decides numeric dates both orders allow; without it they are refused naming the ISO forms', async () => {
    const values = { announced: '3/4/2025', from_party: 'A', to_party: 'B', kind: 'investment' };
    expect((await fails(() => service.addDeal({ values }))).message).toMatch(/announced: is ambiguous: .*2025-04-03 or 2025-03-04/);
    service.setDateOrder({ dateOrder: 'DMY' });
    expect(service.bookInfo({}).dateOrder).toBe('DMY');
    expect(service.addDeal({ values }).changed.find((r) => r.from_party === 'A')?.announced).toBe('2025-04-03');
    service.setDateOrder({ dateOrder: null });
    expect(service.bookInfo({}).dateOrder).toBeNull();
    expect(dispatch(service, 'setDateOrder', { dateOrder: 'YMD' }).ok).toBe(false);
  });
});
