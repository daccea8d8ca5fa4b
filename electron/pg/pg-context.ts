import { BASE_NAME, BASE_SCENARIO, isBaseName, type Scenario } from '../../shared/model/scenario';
import type { AnalysisContext } from '../../shared/analytics/book-view';
import { AppFailure } from '../../shared/protocol/result';
import { toScenario } from '../db/scenarios-repo';
import type { PgRepos } from './pg-repos';

/** Every scenario of a team book, Base first (as electron/service/scenario-service.ts lists a file book's). */
export async function listPgScenarios(repos: PgRepos): Promise<Scenario[]> {
  return (await repos.scenarios.all()).map(toScenario);
}

/** What the analytics need for a scenario of a team book: its parameters and, under roll-up, the parents. */
export async function pgContextOf(repos: PgRepos, name: string | undefined): Promise<AnalysisContext> {
  const row = await repos.scenarios.findByName(name ?? BASE_NAME);
  let scenario: Scenario;
  if (row) scenario = toScenario(row);
  else if (name === undefined || isBaseName(name)) scenario = { ...BASE_SCENARIO };
  else {
    const known = (await repos.scenarios.all()).map((s) => s.name);
    throw new AppFailure({
      code: 'not_found',
      message: `No scenario named "${name}"; this book has ${known.map((n) => `"${n}"`).join(', ')}`,
      details: [{ field: 'scenario', value: name.slice(0, 200), message: 'no such scenario' }],
    });
  }
  return scenario.roll_up ? { scenario, parties: await repos.parties.parents() } : { scenario };
}
