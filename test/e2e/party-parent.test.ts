import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { launchWith, testId } from './grid-helpers';

// The Parties panel sets a party's parent (v2); the book refuses a loop with a message, and a roll-up scenario
// then counts the group as one investor in the charts.

describe('parents in the Parties panel', () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await launchWith([
      { announced: '2025-01-01', from_party: 'Amazon', to_party: 'Anthropic', kind: 'investment', amount_usd: '8B', cash_usd: '8B', credit_usd: '0' },
      { announced: '2025-01-02', from_party: 'AWS', to_party: 'Anthropic', kind: 'investment', amount_usd: '2B', cash_usd: '2B', credit_usd: '0' },
    ], { charts: true, viewport: { width: 1700, height: 1400 } }));
    app.service.setScenario({ name: 'Groups', roll_up: true });
  });
  afterAll(async () => app?.close());

  const parentOf = (name: string) => app.service.listParties({}).find((p) => p.name === name)!.parent;
  const row = (name: string) => app.page.locator(`[data-testid="party-row"][data-party="${name}"]`);

  it('sets a parent, refuses a loop naming it, and a roll-up scenario counts the group', async () => {
    const { page } = app;
    await testId(page, 'toggle-parties').click();
    await row('AWS').locator('[data-testid="party-parent"]').selectOption('Amazon');
    await expect.poll(() => parentOf('AWS')).toBe('Amazon');

    await row('Amazon').locator('[data-testid="party-parent"]').selectOption('AWS');
    await expect.poll(() => testId(page, 'error').innerText()).toContain('would make a loop: Amazon -> AWS -> Amazon');
    expect(parentOf('Amazon')).toBeNull();
    await expect.poll(() => row('Amazon').locator('[data-testid="party-parent"]').inputValue()).toBe('');

    const investors = () => testId(page, 'chart-exposure').locator('text[data-name]').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-name')));
    await expect.poll(investors).toEqual(['Amazon', 'AWS']);
    await testId(page, 'scenario').selectOption('Groups');
    await expect.poll(investors).toEqual(['Amazon']);
  });
});
