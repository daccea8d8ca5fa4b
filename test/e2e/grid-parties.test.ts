import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, testId } from './grid-helpers';

describe('the parties panel', () => {
  let app: App;
  let ids: number[];

  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
    await testId(app.page, 'toggle-parties').click();
  });
  afterAll(async () => app?.close());

  const row = (name: string) => app.page.locator(`[data-testid="party-row"][data-party="${name}"]`);
  const party = (name: string) => app.service.listParties({}).find((p) => p.name === name);

  it('lists the parties with their deal counts', async () => {
    await expect.poll(() => row('Alpha Fund').innerText()).toContain('3');
    expect(await row('Delta AI').innerText()).toContain('1');
  });

  it('renames a party: every deal follows, and undo takes it back', async () => {
    const { page } = app;
    await row('Delta AI').getByTestId('party-rename').click();
    await testId(page, 'party-rename-input').fill('Delta Labs');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, ids[3]!, 'to_party').innerText()).toBe('Delta Labs');
    expect(party('Delta Labs')).toBeDefined();
    expect(await testId(page, 'error').count()).toBe(0);

    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, ids[3]!, 'to_party').innerText()).toBe('Delta AI');
  });

  it('refuses a rename onto another party and says to merge', async () => {
    const { page } = app;
    await row('Delta AI').getByTestId('party-rename').click();
    await testId(page, 'party-rename-input').fill('Beta Labs');
    await page.keyboard.press('Enter');
    await expect.poll(() => testId(page, 'error').innerText()).toContain('"Beta Labs" already exists: merge the parties instead');
    expect(await cell(page, ids[3]!, 'to_party').innerText()).toBe('Delta AI');
    await page.locator('[data-testid="error"] button').click();
  });

  it('sets a party kind', async () => {
    await row('Gamma Capital').getByTestId('party-kind').selectOption('investor');
    await expect.poll(() => party('Gamma Capital')?.kind).toBe('investor');
  });

  it('merges parties in one undo step, re-pointing every deal', async () => {
    const { page } = app;
    await row('Gamma Capital').getByRole('checkbox').check();
    await row('Alpha Fund').getByRole('checkbox').check();
    await testId(page, 'merge-into').selectOption('Alpha Fund');
    await testId(page, 'merge-parties').click();
    await expect.poll(() => cell(page, ids[3]!, 'from_party').innerText()).toBe('Alpha Fund');
    expect(party('Gamma Capital')).toBeUndefined();
    await expect.poll(() => row('Gamma Capital').count()).toBe(0);
    // Alpha Fund -> Delta AI is now a pair of its own; the Alpha Fund -> Beta Labs rows are untouched.
    expect(await cell(page, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.33x');

    await testId(page, 'undo').click();
    await expect.poll(() => cell(page, ids[3]!, 'from_party').innerText()).toBe('Gamma Capital');
    expect(party('Gamma Capital')).toBeDefined();
  });

  it('shows a long name whole on hover, and names with numbers in number order', async () => {
    const { page } = app;
    const long = 'The Extremely Long Named Sovereign Wealth Infrastructure Investment Fund of the Northern Territories LP';
    for (const to of ['Lab 10', 'Lab 9', 'Lab 2']) app.service.addDeal({ values: { announced: '2025-05-01', from_party: long, to_party: to, kind: 'investment' } });
    await expect.poll(() => row(long).count()).toBe(1);
    expect(await row(long).getByTestId('party-rename').getAttribute('title')).toContain(long);
    const labs = async () => (await page.locator('[data-testid="party-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-party')))).filter((n) => n?.startsWith('Lab '));
    await expect.poll(labs).toEqual(['Lab 2', 'Lab 9', 'Lab 10']);
  });
});
