import { describe, expect, it } from 'vitest';
import type { StoreHandlers } from '../../../electron/service/store';
import { describePg } from '../../helpers/pg';
import { failure, open, seed, type Kind } from '../../helpers/store-contract';

// The v2 writes (party parents, parties import, scenarios, a paste that adds rows, an import by id) on both stores,
// with the same expectations; the last test runs one script on both and compares everything they answer.

const parentOf = async (h: StoreHandlers, name: string) => (await h.listParties({})).find((p) => p.name === name)?.parent ?? null;

function v2Suite(kind: Kind) {
  it('sets and clears a party parent as one undo step, refusing loops, self-parents and unknown parties', async () => {
    const { h } = await open(kind);
    await seed(h);
    const set = await h.setPartyParent({ name: 'Oracle', parent: 'Microsoft' });
    expect(set).toMatchObject({ label: 'Set parent of Oracle', reload: true, parties: true, scenarios: false });
    expect(await parentOf(h, 'Oracle')).toBe('Microsoft');
    const loop = await failure(() => h.setPartyParent({ name: 'microsoft', parent: 'oracle' }));
    expect(loop).toMatchObject({ code: 'validation' });
    expect(loop.message).toBe('Parent of Microsoft rejected: parent "Oracle" would make a loop: Microsoft -> Oracle -> Microsoft');
    expect((await failure(() => h.setPartyParent({ name: 'AMD', parent: 'amd' }))).message).toMatch(/AMD cannot be its own parent/);
    expect((await failure(() => h.setPartyParent({ name: 'AMD', parent: 'Nobody Inc' }))).code).toBe('not_found');
    await h.setPartyParent({ name: 'Oracle', parent: null });
    expect(await parentOf(h, 'Oracle')).toBeNull();
    expect((await h.bookInfo({})).undoLabel).toBe('Clear parent of Oracle');
    await h.undo({});
    expect(await parentOf(h, 'Oracle')).toBe('Microsoft');
    await h.undo({});
    expect(await parentOf(h, 'Oracle')).toBeNull();
    await h.redo({});
    expect(await parentOf(h, 'Oracle')).toBe('Microsoft');
  });

  it('merges a party into one below it without making a loop: the one in between becomes top-level', async () => {
    const { h } = await open(kind);
    await seed(h);
    // Alpha Lab -> Beta Holdings -> Gamma Group; merging Gamma into Alpha would hang Beta under Alpha, its own child.
    await h.importParties({ rows: [{ line: 2, name: 'Gamma Group' }, { line: 3, name: 'Beta Holdings', parent: 'Gamma Group' }, { line: 4, name: 'Alpha Lab', parent: 'Beta Holdings' }, { line: 5, name: 'Delta Unit', parent: 'Gamma Group' }] });
    await h.mergeParties({ names: ['Gamma Group'], into: 'Alpha Lab' });
    expect(await parentOf(h, 'Alpha Lab')).toBe('Beta Holdings');
    expect(await parentOf(h, 'Beta Holdings')).toBeNull();
    expect(await parentOf(h, 'Delta Unit')).toBe('Alpha Lab');
    // The book holds no loop: setting Beta under Delta (now below Alpha, below Beta) is refused as one.
    expect((await failure(() => h.setPartyParent({ name: 'Beta Holdings', parent: 'Delta Unit' }))).message).toMatch(/would make a loop/);
    await h.undo({});
    expect(await parentOf(h, 'Beta Holdings')).toBe('Gamma Group');
    expect(await parentOf(h, 'Delta Unit')).toBe('Gamma Group');
  });

  it('imports kinds and parents all or nothing, naming the line, as one undo step', async () => {
    const { h } = await open(kind);
    await seed(h);
    const before = await h.listParties({});
    const bad = await failure(() =>
      h.importParties({ rows: [{ line: 2, name: 'Stargate', kind: 'energy', parent: 'OpenAI' }, { line: 3, name: 'AWS', kind: 'cloud' }, { line: 4, name: 'OpenAI', parent: 'Stargate' }] }),
    );
    expect(bad.code).toBe('validation');
    expect(bad.details?.map((d) => [d.line, d.field])).toEqual([[3, 'kind']]);
    expect(await h.listParties({})).toEqual(before);
    const loop = await failure(() => h.importParties({ rows: [{ line: 2, name: 'Stargate', parent: 'OpenAI' }, { line: 3, name: 'OpenAI', parent: 'Stargate' }] }));
    expect(loop.details?.map((d) => [d.line, d.field])).toEqual([[3, 'parent']]);
    expect(await h.listParties({})).toEqual(before);

    const done = await h.importParties({ rows: [{ line: 2, name: 'AWS', kind: 'Hyperscaler', parent: 'Amazon' }, { line: 3, name: 'Stargate', kind: '', parent: 'New Parent LLC' }] });
    expect(done).toMatchObject({ label: 'Import 2 parties', parties: true });
    const parties = new Map((await h.listParties({})).map((p) => [p.name, p]));
    expect(parties.get('AWS')).toMatchObject({ kind: 'hyperscaler', parent: 'Amazon', deal_count: 0 });
    expect(parties.get('Stargate')).toMatchObject({ parent: 'New Parent LLC', kind: before.find((p) => p.name === 'Stargate')!.kind });
    await h.undo({});
    expect(await h.listParties({})).toEqual(before);
  });

  it('sets, renames and deletes scenarios as undo steps that tell windows the scenarios changed', async () => {
    const { h } = await open(kind);
    await seed(h);
    const base = await h.listDeals({});
    const made = await h.setScenario({ name: 'Firm only', status_weight: { rumored: 0, announced: 0.5 } });
    expect(made).toMatchObject({ label: 'Set scenario Firm only', reload: true, scenarios: true });
    const under = await h.listDeals({ scenario: 'firm ONLY' });
    expect(under.map((r) => r.round_trip_ratio)).not.toEqual(base.map((r) => r.round_trip_ratio));
    await h.setScenario({ name: 'FIRM ONLY', credit_drawdown: 0.5 });
    const both = await h.listDeals({ scenario: 'Firm only' });
    expect((await h.listScenarios({})).map((s) => [s.name, s.status_weight.announced, s.credit_drawdown])).toEqual([['Base', 1, 1], ['Firm only', 0.5, 0.5]]);
    await h.setScenario({ name: 'Other' });
    expect((await failure(() => h.renameScenario({ name: 'Other', to: 'firm only' }))).code).toBe('conflict');
    expect((await failure(() => h.renameScenario({ name: 'Base', to: 'Plain' }))).message).toBe('Base cannot be renamed');
    expect((await failure(() => h.deleteScenario({ name: 'base' }))).message).toBe('Base cannot be deleted');
    expect((await failure(() => h.deleteScenario({ name: 'Nope' }))).code).toBe('not_found');
    await h.renameScenario({ name: 'Firm only', to: 'Weighted' });
    await h.deleteScenario({ name: 'Other' });
    expect((await h.listScenarios({})).map((s) => s.name)).toEqual(['Base', 'Weighted']);
    expect(await h.listDeals({ scenario: 'weighted' })).toEqual(both);
    expect((await failure(() => h.listDeals({ scenario: 'Firm only' }))).code).toBe('not_found');
    expect((await h.undo({})).scenarios).toBe(true);
    expect((await h.listScenarios({})).map((s) => s.name)).toEqual(['Base', 'Weighted', 'Other']);
    await h.undo({});
    await h.undo({});
    await h.undo({});
    await h.undo({});
    expect((await h.listScenarios({})).map((s) => s.name)).toEqual(['Base']);
    await h.redo({});
    expect(await h.listDeals({ scenario: 'Firm only' })).toEqual(under);
  });

  it('takes names that differ by any invisible character as one party: add, import, rename, parent (issue 17)', async () => {
    const { h } = await open(kind);
    const counts = async () => (await h.listParties({})).map((p) => [p.name, p.deal_count]).sort();
    const deal = { announced: '2025-01-01', kind: 'investment', amount_usd: '1B' };
    // An Arabic letter mark (a right-to-left name pasted), a Hangul filler, a deprecated format character, a variation selector.
    await h.addDeal({ values: { ...deal, from_party: 'Nour Capital', to_party: 'OpenAI' } });
    await h.addDeal({ values: { ...deal, from_party: 'Nour\u061C Capital', to_party: 'Anthropic' } });
    await h.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-03,Nour\u3164 Capital,OpenAI,investment\n2025-01-04,\u206ANour Capital\uFE0F,Anthropic,investment\n' });
    expect(await counts()).toEqual([['Anthropic', 2], ['Nour Capital', 4], ['OpenAI', 2]]);
    const self = await failure(() => h.addDeal({ values: { ...deal, from_party: 'Nour Capital', to_party: 'Nour\u180E Capital' } }));
    expect(self.code).toBe('validation');

    // Another party renamed to a lookalike is a merge, not a rename; the party respelled is a rename.
    expect((await failure(() => h.renameParty({ name: 'OpenAI', to: 'Nour\u061C Capital' }))).code).toBe('conflict');
    await h.renameParty({ name: 'nour\u034F capital', to: 'NOUR\u061C CAPITAL' });
    expect(await counts()).toEqual([['Anthropic', 2], ['NOUR CAPITAL', 4], ['OpenAI', 2]]);

    expect((await failure(() => h.setPartyParent({ name: 'Nour Capital', parent: 'Nour\u17B4 Capital' }))).message).toMatch(/cannot be its own parent/);
    await h.setPartyParent({ name: 'Anthropic', parent: 'Nour\uFFA0 Capital' });
    expect(await parentOf(h, 'Anthropic')).toBe('NOUR CAPITAL');
    expect(await counts()).toEqual([['Anthropic', 2], ['NOUR CAPITAL', 4], ['OpenAI', 2]]);
  });

  it('pastes over cells and adds new deals in one step; a bad new row is named by its line', async () => {
    const { h } = await open(kind);
    await seed(h);
    const bad = await failure(() =>
      h.updateCells({
        cells: [{ id: 1, field: 'notes', value: 'pasted' }],
        add: [{ announced: '2025-03-01', from_party: 'Acme', to_party: 'OpenAI', kind: 'investment' }, { announced: 'soon', from_party: 'Acme', to_party: 'OpenAI', kind: 'investment' }],
      }),
    );
    expect(bad.details?.map((d) => [d.line, d.field])).toEqual([[2, 'announced']]);
    expect((await h.listDeals({})).length).toBe(16);
    const change = await h.updateCells({
      cells: [{ id: 1, field: 'notes', value: 'pasted' }],
      add: [{ announced: '2025-03-01', from_party: 'Acme', to_party: 'OpenAI', kind: 'investment', amount_usd: '2B' }],
      label: 'Paste block',
    });
    expect(change.label).toBe('Paste block');
    expect(change.changed.map((r) => r.id)).toEqual(expect.arrayContaining([1, 17]));
    expect((await h.listDeals({})).find((r) => r.id === 17)).toMatchObject({ from_party: 'Acme', amount_usd: 2e9 });
    await h.undo({});
    expect((await h.listDeals({})).map((r) => r.id)).not.toContain(17);
    expect((await h.listDeals({})).find((r) => r.id === 1)!.notes).toBeNull();
  });

  it('reads a numeric date both orders allow by the book\'s date order in every write: add, edit, paste', async () => {
    const { h } = await open(kind);
    await seed(h);
    const values = { announced: '3/4/2025', from_party: 'Acme', to_party: 'OpenAI', kind: 'investment' };
    expect((await failure(() => h.addDeal({ values }))).message).toMatch(/ambiguous.*2025-04-03 or 2025-03-04/);
    expect((await failure(() => h.updateDeal({ id: 1, changes: { announced: '3/4/2025' } }))).code).toBe('validation');
    await h.setDateOrder({ dateOrder: 'DMY' });
    expect((await h.bookInfo({})).dateOrder).toBe('DMY');
    const { id } = await h.addDeal({ values });
    await h.updateDeal({ id: 1, changes: { announced: '5/6/2025' } });
    await h.updateCells({ cells: [{ id: 2, field: 'start', value: '7/8/2026' }], add: [{ ...values, announced: '9/10/2025' }] });
    const rows = new Map((await h.listDeals({})).map((r) => [r.id, r]));
    expect(rows.get(id)!.announced).toBe('2025-04-03');
    expect(rows.get(1)!.announced).toBe('2025-06-05');
    expect(rows.get(2)!.start).toBe('2026-08-07');
    expect([...rows.values()].some((r) => r.announced === '2025-10-09' && r.from_party === 'Acme')).toBe(true);
    await h.setDateOrder({ dateOrder: 'MDY' });
    await h.updateDeal({ id: 1, changes: { announced: '5/6/2025' } });
    expect((await h.listDeals({})).find((r) => r.id === 1)!.announced).toBe('2025-05-06');
  });

  it('imports by id (--update): only the cells that differ, new rows added, a dry run first, one undo step', async () => {
    const { h } = await open(kind);
    await seed(h);
    const csv = await h.exportCsv({});
    const [header, ...lines] = csv.trimEnd().split(/\r?\n/);
    const cols = header!.split(',');
    const edit = (line: string, field: string, value: string) => line.split(',').map((c, i) => (cols[i] === field ? value : c)).join(',');
    const text = [header, edit(lines[0]!, 'amount_usd', '7000000000'), lines[1], edit(edit(lines[3]!, 'status', 'closed'), 'id', '')].join('\n') + '\n';
    const unchanged = await h.importCsv({ text: csv, update: true });
    expect(unchanged).toMatchObject({ imported: 0, updated: 0, unchanged: 16, changes: [], problems: [] });
    const dry = await h.importCsv({ text, update: true, dryRun: true });
    expect(dry).toMatchObject({ imported: 0, updated: 1, unchanged: 1, problems: [] });
    expect(dry.changes.map((c) => [c.line, c.id, c.field, c.old, c.new])).toEqual([[2, 1, 'amount_usd', 5e9, 7e9]]);
    const report = await h.importCsv({ text, update: true });
    expect(report).toMatchObject({ imported: 1, updated: 1, unchanged: 1 });
    expect((await h.bookInfo({})).undoLabel).toBe('Import: 1 added, 1 updated');
    const rows = await h.listDeals({});
    expect(rows.find((r) => r.id === 1)!.amount_usd).toBe(7e9);
    expect(rows.find((r) => r.id === 17)).toMatchObject({ from_party: 'Amazon', status: 'closed' });
    const missing = await h.importCsv({ text: `${header}\n${edit(lines[0]!, 'id', '999')}\n`, update: true });
    expect(missing.problems.map((p) => [p.line, p.field, p.message])).toEqual([[2, 'id', 'the book has no deal with id 999']]);
    await h.undo({});
    expect(await h.exportCsv({})).toBe(csv);
  });

  it('names an import of one deal in the singular', async () => {
    const { h } = await open(kind);
    await h.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-01,Alpha Fund,Beta Labs,investment\n' });
    expect((await h.bookInfo({})).undoLabel).toBe('Import 1 deal');
    await h.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-01,Alpha Fund,Beta Labs,investment\n2025-01-02,Alpha Fund,Beta Labs,investment\n' });
    expect((await h.bookInfo({})).undoLabel).toBe('Import 2 deals');
  });
}

describe('the v2 writes on a file book', () => v2Suite('file'));
describePg('the v2 writes on a team book (PostgreSQL)', () => v2Suite('team'));

describePg('one script, two stores: the same answers', () => {
  it('answers every read the same after the same v2 steps and their undo', async () => {
    const file = await open('file');
    const team = await open('team');
    const script = async (h: StoreHandlers) => {
      await seed(h);
      await h.importParties({ rows: [{ line: 2, name: 'AWS', kind: 'hyperscaler', parent: 'Amazon' }, { line: 3, name: 'Oracle', parent: 'Microsoft' }] });
      await h.setScenario({ name: 'Groups', roll_up: true, status_weight: { rumored: 0.25 } });
      await h.updateCells({ cells: [{ id: 4, field: 'amount_usd', value: '60B' }], add: [{ announced: '2025-06-01', from_party: 'AWS', to_party: 'Anthropic', kind: 'investment', amount_usd: '4B' }] });
      await h.mergeParties({ names: ['AWS'], into: 'Amazon Web Services' });
      await h.renameScenario({ name: 'Groups', to: 'Grouped' });
    };
    await script(file.h);
    await script(team.h);
    const answers = async (h: StoreHandlers, scenario: string) => ({
      deals: await h.listDeals({}),
      grouped: await h.listDeals({ scenario }),
      parties: await h.listParties({}),
      scenarios: await h.listScenarios({}),
      aggregates: await h.aggregates({ scenario }),
      csv: await h.exportCsv({ scenario }),
      undo: (await h.bookInfo({})).undoLabel,
    });
    const after = await answers(file.h, 'Grouped');
    expect(after.parties.find((p) => p.name === 'Amazon Web Services')).toMatchObject({ deal_count: 1 });
    expect(after.parties.find((p) => p.name === 'Oracle')).toMatchObject({ parent: 'Microsoft' });
    expect(await answers(team.h, 'Grouped')).toEqual(after);
    for (let i = 0; i < 3; i++) {
      await file.h.undo({});
      await team.h.undo({});
    }
    const undone = await answers(file.h, 'Groups');
    expect(undone.parties.find((p) => p.name === 'AWS')).toMatchObject({ parent: 'Amazon', deal_count: 0 });
    expect(await answers(team.h, 'Groups')).toEqual(undone);
  });
});
