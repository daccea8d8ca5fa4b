import { applyScenarioPatch, BASE_NAME, BASE_SCENARIO, isBaseName, scenarioNameSchema, type Scenario, type ScenarioPatch } from '../../shared/model/scenario';
import { AppFailure } from '../../shared/protocol/result';
import { toScenario } from '../db/scenarios-repo';
import type { Repos } from './repos';
import type { Writer } from './writer';

/** Every scenario of the book, Base first (a book from before scenarios has only Base's defaults). */
export function listScenarios(repos: Repos): Scenario[] {
  return repos.scenarios.all().map(toScenario);
}

/** The scenario called `name` (default Base); an unknown name is an error naming the ones the book has. */
export function scenarioNamed(repos: Repos, name: string | undefined): Scenario {
  const row = repos.scenarios.findByName(name ?? BASE_NAME);
  if (row) return toScenario(row);
  if (name === undefined || isBaseName(name)) return { ...BASE_SCENARIO };
  const known = repos.scenarios.all().map((s) => s.name);
  throw new AppFailure({
    code: 'not_found',
    message: `No scenario named "${name}"; this book has ${known.map((n) => `"${n}"`).join(', ')}`,
    details: [{ field: 'scenario', value: name.slice(0, 200), message: 'no such scenario' }],
  });
}

/** Create or update one scenario; parameters left out keep their value (or Base's, for a new one). */
export function setScenario(repos: Repos, w: Writer, patch: ScenarioPatch): void {
  const before = repos.scenarios.findByName(patch.name);
  const base = repos.scenarios.findByName(BASE_NAME);
  const next = applyScenarioPatch(before ? toScenario(before) : base ? toScenario(base) : BASE_SCENARIO, patch);
  // The stored spelling of an existing name is kept (a set under "firm ONLY" edits "Firm only").
  w.putScenario(before, before ? { ...next, name: before.name } : next);
}

/** Rename a scenario; Base keeps its name, and a name another scenario has is refused. */
export function renameScenario(repos: Repos, w: Writer, input: { name: string; to: string }): void {
  const before = repos.scenarios.findByName(input.name);
  if (!before) scenarioNamed(repos, input.name);
  if (isBaseName(before!.name)) throw new AppFailure({ code: 'validation', message: 'Base cannot be renamed', details: [{ field: 'name', message: 'Base cannot be renamed' }] });
  const to = scenarioNameSchema.parse(input.to);
  const other = repos.scenarios.findByName(to);
  if (other && other.id !== before!.id) {
    throw new AppFailure({ code: 'conflict', message: `A scenario named "${other.name}" already exists`, details: [{ field: 'to', value: to, message: 'name taken' }] });
  }
  w.putScenario(before, { ...toScenario(before!), name: to });
}

/** Delete a scenario; Base cannot be deleted. */
export function deleteScenario(repos: Repos, w: Writer, input: { name: string }): void {
  if (isBaseName(input.name)) throw new AppFailure({ code: 'validation', message: 'Base cannot be deleted', details: [{ field: 'name', message: 'Base cannot be deleted' }] });
  const before = repos.scenarios.findByName(input.name);
  if (!before) scenarioNamed(repos, input.name);
  w.deleteScenario(before!);
}
