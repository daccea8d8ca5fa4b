import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './harness';
import { PAIR_BOOK, cell, launchWith, stored, testId, typeInto } from './grid-helpers';

// The window names an edited field by its column header in the status bar, Undo's and Redo's titles and the
// History; the stored label (and so the CLI and the team's history) keeps the key.

describe('step labels in the window', () => {
  let app: App;
  let ids: number[];
  beforeAll(async () => {
    ({ app, ids } = await launchWith(PAIR_BOOK));
  });
  afterAll(async () => app?.close());

  it('say Edit Cash where the book stores Edit cash_usd', async () => {
    const { page } = app;
    await typeInto(page, cell(page, ids[1]!, 'cash_usd'), '5B');
    await expect.poll(() => stored(app, ids[1]!)?.cash_usd).toBe(5e9);
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('- Edit Cash');
    expect(await testId(page, 'undo').getAttribute('title')).toMatch(/^Undo Edit Cash\b/);
    expect(app.service.bookInfo({}).undoLabel).toBe('Edit cash_usd');

    await testId(page, 'undo').click();
    await expect.poll(() => stored(app, ids[1]!)?.cash_usd).toBeNull();
    await expect.poll(() => testId(page, 'status-bar').innerText()).toContain('- Undo Edit Cash');
    expect(await testId(page, 'redo').getAttribute('title')).toMatch(/^Redo Edit Cash\b/);

    await testId(page, 'history').click();
    const first = testId(page, 'history-row').first();
    await expect.poll(() => first.locator('[data-testid="history-label"]').innerText()).toBe('Edit Cash (undone)');
    expect(await first.innerText()).toContain(`deal ${ids[1]}, Cash: (empty) -> $5.0B`);
  });
});
