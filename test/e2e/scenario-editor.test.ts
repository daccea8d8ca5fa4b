import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, launchWith, testId } from './grid-helpers';

// The scenario editor as an analyst pushes it: renaming the scenario in force while comparing, and values and names
// the book's rules refuse, each said in words before anything is sent.

describe('the scenario editor', () => {
  let app: App;
  const stored = (name: string) => app.service.listScenarios({}).find((s) => s.name === name);
  const shown = () => testId(app.page, 'scenario').inputValue();
  const compared = () => testId(app.page, 'scenario-compare').inputValue();

  beforeAll(async () => {
    ({ app } = await launchWith(PAIR_BOOK));
    app.service.setScenario({ name: 'Signed only', status_weight: { rumored: 0, announced: 0 } });
    await app.open();
  });
  afterAll(async () => app?.close());

  it('renaming the scenario in force keeps it shown, and keeps the comparison', async () => {
    const { page } = app;
    await testId(page, 'scenario').selectOption('Signed only');
    await testId(page, 'scenario-compare').selectOption('Base');
    await expect.poll(compared).toBe('Base');
    await testId(page, 'edit-scenarios').click();
    await testId(page, 'scenario-editor').getByRole('button', { name: 'Signed only' }).click();
    await testId(page, 'scenario-new-name').fill('Firm');
    await testId(page, 'scenario-rename').click();
    await expect.poll(() => stored('Firm')?.status_weight.announced).toBe(0);
    await expect.poll(shown).toBe('Firm');
    expect(await compared()).toBe('Base');
    await expect.poll(() => testId(page, 'status-scenario').innerText()).toContain('(Firm)');
    await testId(page, 'scenario-editor-close').click();
  });
});
