import type { Db } from '../db/connection';
import { dealsRepo } from '../db/deals-repo';
import { editsRepo } from '../db/edits-repo';
import { partiesRepo } from '../db/parties-repo';
import { settingsRepo } from '../db/settings-repo';
import { scenariosRepo } from '../db/scenarios-repo';

export function createRepos(db: Db) {
  return { db, deals: dealsRepo(db), parties: partiesRepo(db), edits: editsRepo(db), settings: settingsRepo(db), scenarios: scenariosRepo(db) };
}

export type Repos = ReturnType<typeof createRepos>;
