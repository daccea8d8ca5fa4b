import { applyScenarioPatch, BASE_NAME, BASE_SCENARIO, isBaseName, scenarioNameSchema, type ScenarioPatch } from '../../shared/model/scenario';
import { AppFailure } from '../../shared/protocol/result';
import { toScenario } from '../db/scenarios-repo';
import { pgContextOf } from './pg-context';
import type { PgRepos } from './pg-repos';
import type { PgWriter } from './pg-writer';

// The scenario edits of electron/service/scenario-service.ts, on a team book: same rules, same messages.

/** Create or update one scenario; parameters left out keep their value (or Base's, for a new one). */
export async function setPgScenario(repos: PgRepos, w: PgWriter, patch: ScenarioPatch): Promise<void> {
  const before = await repos.scenarios.findByName(patch.name);
  const base = await repos.scenarios.findByName(BASE_NAME);
  const next = applyScenarioPatch(before ? toScenario(before) : base ? toScenario(base) : BASE_SCENARIO, patch);
  // The stored spelling of an existing name is kept (a set under "firm ONLY" edits "Firm only").
  await w.putScenario(before, before ? { ...next, name: before.name } : next);
}

/** Rename a scenario; Base keeps its name, and a name another scenario has is refused. */
export async function renamePgScenario(repos: PgRepos, w: PgWriter, input: { name: string; to: string }): Promise<void> {
  const before = await repos.scenarios.findByName(input.name);
  if (!before) await pgContextOf(repos, input.name);
  if (isBaseName(before!.name)) throw new AppFailure({ code: 'validation', message: 'Base cannot be renamed', details: [{ field: 'name', message: 'Base cannot be renamed' }] });
  const to = scenarioNameSchema.parse(input.to);
  const other = await repos.scenarios.findByName(to);
  if (other && other.id !== before!.id) {
    throw new AppFailure({ code: 'conflict', message: `A scenario named "${other.name}" already exists`, details: [{ field: 'to', value: to, message: 'name taken' }] });
  }
  await w.putScenario(before, { ...toScenario(before!), name: to });
}

/** Delete a scenario; Base cannot be deleted. */
export async function deletePgScenario(repos: PgRepos, w: PgWriter, input: { name: string }): Promise<void> {
  if (isBaseName(input.name)) throw new AppFailure({ code: 'validation', message: 'Base cannot be deleted', details: [{ field: 'name', message: 'Base cannot be deleted' }] });
  const before = await repos.scenarios.findByName(input.name);
  if (!before) await pgContextOf(repos, input.name);
  await w.deleteScenario(before!);
}
