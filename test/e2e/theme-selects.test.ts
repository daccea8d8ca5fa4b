import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type App } from './harness';

// The toolbar's native dropdowns (Scenario, compare, Dates) wear the theme's colours like its buttons, in dark as in
// light: left to the browser, a dark theme's select is a lighter grey than the toolbar around it.

const look = (app: App, selector: string) =>
  app.page.locator(selector).first().evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, color: style.color, border: style.borderTopColor };
  });

describe.each(['dark', 'light'] as const)('native dropdowns in the %s theme', (theme) => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp({ colorScheme: theme });
  });
  afterAll(async () => app?.close());

  it('have the background, text and border of the toolbar buttons', async () => {
    const button = await look(app, '[data-testid="toggle-parties"]');
    // The page follows the system's scheme: the dark theme's background is dark.
    expect(button.background).toBe(theme === 'dark' ? 'rgb(23, 25, 29)' : 'rgb(255, 255, 255)');
    for (const id of ['scenario', 'scenario-compare', 'date-order']) {
      expect(await look(app, `[data-testid="${id}"]`), id).toEqual(button);
    }
    const option = await app.page.locator('[data-testid="scenario"] option').first().evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(option).toEqual({ background: button.background, color: button.color });
  });
});
