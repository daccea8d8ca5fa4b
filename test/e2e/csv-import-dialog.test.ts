import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { decodeCsvBytes } from '../../shared/csv/csv-decode';
import { DEAL_FIELDS, type DealRow } from '../../shared/model/deal';
import { bookRowsHash } from '../helpers/book-rows';
import { realWorldBytes, realWorldCases, type RealWorldCase } from '../fixtures/csv/real-world';
import { launchApp, type App } from './harness';

const ENCODINGS = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', 'windows-1252': 'Windows-1252' };

/** Deals as the corpus writes them, ids counted from the first deal the import added (or kept, for updates). */
const stored = (rows: readonly DealRow[], firstId: number) =>
  rows.map((r) => Object.fromEntries(['id', ...DEAL_FIELDS].map((k) => [k, k === 'id' ? r.id - firstId + 1 : r[k as keyof DealRow]])));

async function importThroughDialog(app: App, name: string, c: RealWorldCase): Promise<void> {
  const testId = (id: string): Locator => app.page.locator(`[data-testid="${id}"]`);
  await testId('import-csv').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: realWorldBytes(name) });
  await expect.poll(() => testId('import-summary').count()).toBe(1);
  expect(await testId('import-encoding').innerText()).toBe(`Read as ${ENCODINGS[c.encoding]}.`);
  if (c.warnings.length || c.rounded?.length) {
    const warnings = await testId('import-warnings').innerText();
    for (const header of c.warnings) expect(warnings).toContain(`column ${header}: column ignored`);
    for (const cell of c.rounded ?? []) expect(warnings).toContain(`${cell}: scientific notation`);
  } else {
    expect(await testId('import-warnings').count()).toBe(0);
  }
  if (c.options?.update) {
    await testId('import-update').check();
    await expect.poll(() => testId('import-summary').innerText()).toMatch(/to update/);
  }
  expect(await testId('import-problems').count()).toBe(0);
  await testId('import-confirm').click();
  await expect.poll(() => testId('import-dialog').count()).toBe(0);
}

describe('the import dialog with real-world files (browser mode)', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp({ sample: false });
  });
  afterAll(async () => app?.close());

  for (const [name, c] of Object.entries(realWorldCases()).filter(([, c]) => !c.before)) {
    it(`${name} gives exactly its book`, async () => {
      app.service.setSetting({ key: 'date_order', value: c.options?.dateOrder ?? '' });
      const firstId = Math.max(0, ...app.service.listDeals({}).map((d) => d.id)) + 1;
      await importThroughDialog(app, name, c);
      await expect.poll(() => app.service.listDeals({}).filter((d) => d.id >= firstId).length).toBe(c.book.length);
      expect(stored(app.service.listDeals({}).filter((d) => d.id >= firstId), firstId)).toEqual(c.book);
      const total = app.service.listDeals({}).length;
      await expect.poll(() => app.page.locator('[data-testid="status-count"]').innerText()).toBe(`${total} of ${total} deals`);
    });
  }

  it('maps columns the book cannot name, remembers the choice for that set of headers, and ignores what the analyst says', async () => {
    const testId = (id: string): Locator => app.page.locator(`[data-testid="${id}"]`);
    const column = (header: string) => app.page.locator(`[data-testid="import-column"][data-header="${header}"]`);
    const csv = 'When,Backer,Target,Kind,Size ($B),Tags\r\n2025-09-22,Heron Fund,Lab Nine,investment,12,x\r\n';
    const before = app.service.listDeals({}).length;
    const hash = bookRowsHash(app.service);
    await testId('import-csv').locator('input[type=file]').setInputFiles({ name: 'own.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => testId('import-problems').innerText()).toContain('required column is missing');
    await column('When').selectOption('announced');
    await column('Backer').selectOption('from_party');
    await column('Target').selectOption('to_party');
    await column('Size ($B)').selectOption('amount_usd');
    await column('Tags').selectOption('ignore');
    await expect.poll(() => testId('import-warnings').count()).toBe(0);
    expect(await testId('import-summary').innerText()).toBe('1 row, 1 valid. New parties: Heron Fund, Lab Nine.');
    expect(await testId('import-problems').count()).toBe(0);
    expect(bookRowsHash(app.service)).not.toBe(hash); // the choices are kept in the book's settings
    await testId('import-confirm').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(before + 1);
    expect(app.service.listDeals({}).find((d) => d.from_party === 'Heron Fund')).toMatchObject({ announced: '2025-09-22', to_party: 'Lab Nine', amount_usd: 12e9 });

    // The same headers next time (another order, other spacing): the choices are there already.
    const again = 'Backer,When,Target,Kind,Tags,Size ($B)\r\nHeron Fund,2025-10-01,Lab Ten,investment,y,3\r\n';
    await testId('import-csv').locator('input[type=file]').setInputFiles({ name: 'own2.csv', mimeType: 'text/csv', buffer: Buffer.from(again) });
    await expect.poll(() => testId('import-summary').innerText()).toBe('1 row, 1 valid. New parties: Lab Ten.');
    expect(await column('When').inputValue()).toBe('announced');
    expect(await column('Tags').inputValue()).toBe('ignore');
    await testId('import-cancel').click();
    expect(app.service.listDeals({}).length).toBe(before + 1);
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252, naming the line, and writes nothing', async () => {
    const testId = (id: string): Locator => app.page.locator(`[data-testid="${id}"]`);
    const hash = bookRowsHash(app.service);
    const bad = Buffer.concat([Buffer.from('announced,from_party,to_party,kind\r\n2026-01-01,Fine,Row,investment\r\n2026-01-02,Soci'), Buffer.from([0xe9, 0x81]), Buffer.from(',Row,investment\r\n')]);
    await testId('import-csv').locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
    await expect.poll(() => testId('import-dialog').innerText()).toMatch(/line 3: file is neither UTF-8 nor Windows-1252/);
    expect(await testId('import-confirm').isDisabled()).toBe(true);
    await testId('import-cancel').click();
    expect(bookRowsHash(app.service)).toBe(hash);
  });
});

describe('the import dialog updating deals by id (browser mode)', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp({ sample: false });
  });
  afterAll(async () => app?.close());

  it('edited-export.csv updates its deals and adds its new row, one undo step', async () => {
    const c = realWorldCases()['edited-export.csv']!;
    const decoded = decodeCsvBytes(realWorldBytes(c.before!));
    if (!decoded.ok) throw new Error('the corpus file must decode');
    app.service.importCsv({ text: decoded.text });
    const original = stored(app.service.listDeals({}), 1);
    app.service.setSetting({ key: 'date_order', value: c.options!.dateOrder! });
    await app.open();
    await importThroughDialog(app, 'edited-export.csv', c);
    await expect.poll(() => app.service.listDeals({}).length).toBe(c.book.length);
    expect(stored(app.service.listDeals({}), 1)).toEqual(c.book);
    app.service.setSetting({ key: 'date_order', value: '' });
    await app.page.locator('[data-testid="undo"]').click();
    await expect.poll(() => app.service.listDeals({}).length).toBe(c.book.length - 1);
    expect(stored(app.service.listDeals({}), 1)).toEqual(original);
  });
});
