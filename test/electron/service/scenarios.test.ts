import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aggregates } from '../../../shared/analytics/aggregates';
import type { DealRow } from '../../../shared/model/deal';
import type { Result } from '../../../shared/protocol/result';
import { isWireTable, tableToList } from '../../../shared/protocol/wire-table';
import { startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import type { Service } from '../../../electron/service/service';
import { refusal, tempBook } from '../../helpers/temp-book';
import { commitmentsOf, compareRows, loadV2Book, seedV2, type V2Expected } from '../../helpers/v2-vectors';

const book = loadV2Book();
let opened: Awaited<ReturnType<typeof tempBook>>;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  opened = await tempBook();
  service = opened.service;
  seedV2(service, book);
  server = await startHttpServer({ handlers: service });
});

afterAll(async () => {
  await server.close();
  opened.cleanup();
});

async function viaHttp<T>(method: string, payload: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as Result<T> | unknown;
  if (isWireTable(body)) return tableToList(body) as T;
  const result = body as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

function problems(expected: V2Expected, rows: readonly DealRow[], agg: Aggregates): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [
    ...compareRows('derived', expected.derived.map((w) => byId.get(w.id)!), expected.derived),
    ...compareRows('pairs', agg.pairs, expected.pairs),
    ...compareRows('exposure', agg.exposure, expected.exposure),
    ...compareRows('recipients', agg.recipients, expected.recipients),
    ...compareRows('commitments_by_year', commitmentsOf(agg.byYear), expected.commitments_by_year),
    ...compareRows('disbursement_by_year', agg.disbursement, expected.disbursement_by_year),
  ];
}

describe('the v2 vectors through the service and the HTTP transport', () => {
  it('stores the three scenarios with exactly the parameters the vectors state', () => {
    expect(service.listScenarios({})).toEqual(book.expected.map((e) => e.scenario));
  });

  for (const expected of book.expected) {
    const name = expected.scenario.name;
    it(`"${name}" through the service`, () => {
      const scenario = name === 'Base' ? {} : { scenario: name };
      expect(problems(expected, service.listDeals(scenario), service.aggregates(scenario))).toEqual([]);
    });

    it(`"${name}" through HTTP`, async () => {
      const rows = await viaHttp<DealRow[]>('listDeals', { scenario: name });
      const agg = await viaHttp<Aggregates>('aggregates', { scenario: name });
      expect(problems(expected, rows, agg)).toEqual([]);
    });
  }

  it('exports derived columns under a scenario, round_trip_basis after round_trip_ratio', () => {
    const csv = service.exportCsv({ ids: [1], scenario: 'Groups, half the credits drawn' }).split('\r\n');
    expect(csv[0]).toMatch(/,round_trip_ratio,round_trip_basis$/);
    expect(csv[1]).toMatch(/,6,at_least$/);
    expect(service.exportCsv({ ids: [1] }).split('\r\n')[1]).toMatch(/,0,at_least$/);
  });

  it('a filter limits the sums, never a pair\'s own values (filters choose rows, scenarios what counts)', () => {
    // Only the Microsoft -> Anthropic investment shown: its pair still counts Anthropic's purchase from Azure.
    const agg = service.aggregates({ ids: [1], scenario: 'Groups, half the credits drawn' });
    expect(agg.pairs.map((p) => [p.investor, p.investee, p.round_trip_usd])).toEqual([['Microsoft', 'Anthropic', 30e9]]);
    expect(agg.exposure[0]).toMatchObject({ investor: 'Microsoft', invested_unsplit: 5e9, exposure: 5e9, returned: 30e9 });
    expect(agg.byYear.map((r) => r.total)).toEqual([5e9]);
  });

  it('names the deals behind a basis for the tooltip', () => {
    expect(service.roundTripDetail({ id: 7 })).toMatchObject({
      investor: 'NVIDIA', investee: 'OpenAI', basis: 'at_least',
      missing: [{ id: 7, what: 'split' }, { id: 8, what: 'amount' }],
    });
    expect(service.roundTripDetail({ id: 3 })).toBeNull();
  });

  it('an unknown scenario is refused, naming the ones the book has', async () => {
    const error = await refusal(Promise.resolve().then(() => service.aggregates({ scenario: 'Nope' })));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No scenario named "Nope"; this book has "Base", "Firm only", "Groups, half the credits drawn"');
  });
});
