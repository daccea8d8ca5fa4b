import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, launchWith, testId } from './grid-helpers';
import { MAX_SCENARIO_NAME } from '../../shared/model/scenario';

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

  it('works from the keyboard: Enter opens it with the focus inside, Escape closes it and gives the focus back', async () => {
    const { page } = app;
    const focusIn = () => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);
    await testId(page, 'edit-scenarios').focus();
    await page.keyboard.press('Enter');
    await testId(page, 'scenario-editor').waitFor();
    await expect.poll(focusIn).toBe('scenario-editor');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Base');
    await page.keyboard.press('Escape');
    await expect.poll(() => testId(page, 'scenario-editor').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('edit-scenarios');
  });

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

  it('another tab showing a scenario renamed here follows it under its new name', async () => {
    const { page } = app;
    const other = await page.context().newPage();
    try {
      await other.goto(app.server.url);
      await other.locator('.ag-row').first().waitFor();
      await testId(other, 'scenario').selectOption('Firm');
      await testId(page, 'edit-scenarios').click();
      await testId(page, 'scenario-editor').getByRole('button', { name: 'Firm' }).click();
      await testId(page, 'scenario-new-name').fill('Firm deals');
      await testId(page, 'scenario-rename').click();
      await expect.poll(() => app.service.listScenarios({}).map((s) => s.name)).toEqual(['Base', 'Firm deals']);
      await testId(page, 'scenario-editor-close').click();
      await expect.poll(() => testId(other, 'scenario').locator('option').allInnerTexts()).toEqual(['Base', 'Firm deals']);
      expect(await testId(other, 'scenario').inputValue()).toBe('Firm deals');
      // Renamed back (an undo here), the other tab follows again.
      await testId(page, 'undo').click();
      await expect.poll(() => testId(other, 'scenario').inputValue()).toBe('Firm');
      await expect.poll(() => testId(page, 'scenario').inputValue()).toBe('Firm');
    } finally {
      await other.close();
    }
  });

  it('refuses a weight that is not a plain decimal (0x1), naming the parameter', async () => {
    const { page } = app;
    await testId(page, 'edit-scenarios').click();
    await testId(page, 'scenario-editor').getByRole('button', { name: 'Firm' }).click();
    await testId(page, 'scenario-weight-announced').fill('0x1');
    await testId(page, 'scenario-save').click();
    await expect.poll(() => testId(page, 'scenario-error').innerText()).toContain('status_weight.announced');
    expect(stored('Firm')!.status_weight.announced).toBe(0);
    await testId(page, 'scenario-weight-announced').fill('.5');
    await testId(page, 'scenario-save').click();
    await expect.poll(() => stored('Firm')!.status_weight.announced).toBe(0.5);
    await testId(page, 'scenario-editor-close').click();
  });

  it('refuses a name too long for the book with the rule, not a bare "invalid input"', async () => {
    const { page } = app;
    await testId(page, 'edit-scenarios').click();
    const long = 'x'.repeat(MAX_SCENARIO_NAME + 1);
    for (const action of ['scenario-new', 'scenario-rename']) {
      if (action === 'scenario-rename') await testId(page, 'scenario-editor').getByRole('button', { name: 'Firm' }).click();
      await testId(page, 'scenario-new-name').fill(long);
      await testId(page, action).click();
      await expect.poll(() => testId(page, 'scenario-error').innerText()).toBe(`Not saved: scenario name must be at most ${MAX_SCENARIO_NAME} characters`);
    }
    expect(app.service.listScenarios({}).map((s) => s.name)).toEqual(['Base', 'Firm']);
    await testId(page, 'scenario-editor-close').click();
  });
});
