import type { Scenario } from '../../shared/model/scenario';
import type { Db } from './connection';

/** A scenario row as stored: parameters as columns (each with its range CHECK), roll_up as 0/1. */
export type StoredScenario = {
  id: number;
  name: string;
  weight_rumored: number;
  weight_announced: number;
  weight_signed: number;
  weight_closed: number;
  weight_cancelled: number;
  up_to_factor: number;
  credit_drawdown: number;
  roll_up: number;
};

const COLUMNS = 'id, name, weight_rumored, weight_announced, weight_signed, weight_closed, weight_cancelled, up_to_factor, credit_drawdown, roll_up';

export function toScenario(r: StoredScenario): Scenario {
  return {
    name: r.name,
    status_weight: {
      rumored: r.weight_rumored, announced: r.weight_announced, signed: r.weight_signed, closed: r.weight_closed, cancelled: r.weight_cancelled,
    },
    up_to_factor: r.up_to_factor,
    credit_drawdown: r.credit_drawdown,
    roll_up: r.roll_up === 1,
  };
}

export function toStoredScenario(id: number, s: Scenario): StoredScenario {
  const w = s.status_weight;
  return {
    id, name: s.name, weight_rumored: w.rumored, weight_announced: w.announced, weight_signed: w.signed, weight_closed: w.closed,
    weight_cancelled: w.cancelled, up_to_factor: s.up_to_factor, credit_drawdown: s.credit_drawdown, roll_up: s.roll_up ? 1 : 0,
  };
}

/** SQL for the scenarios table; names match case-insensitively (NOCASE: scenario names are the analyst's labels). */
export function scenariosRepo(db: Db) {
  const all = db.prepare(`SELECT ${COLUMNS} FROM scenarios ORDER BY id`);
  const byName = db.prepare(`SELECT ${COLUMNS} FROM scenarios WHERE name = ? COLLATE NOCASE`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM scenarios WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO scenarios (${COLUMNS}) VALUES (@id, @name, @weight_rumored, @weight_announced,
    @weight_signed, @weight_closed, @weight_cancelled, @up_to_factor, @credit_drawdown, @roll_up)`);
  const insertNew = db.prepare(`INSERT INTO scenarios (${COLUMNS.replace('id, ', '')}) VALUES (@name, @weight_rumored,
    @weight_announced, @weight_signed, @weight_closed, @weight_cancelled, @up_to_factor, @credit_drawdown, @roll_up)`);
  const update = db.prepare(`UPDATE scenarios SET name = @name, weight_rumored = @weight_rumored, weight_announced = @weight_announced,
    weight_signed = @weight_signed, weight_closed = @weight_closed, weight_cancelled = @weight_cancelled,
    up_to_factor = @up_to_factor, credit_drawdown = @credit_drawdown, roll_up = @roll_up WHERE id = @id`);
  const remove = db.prepare(`DELETE FROM scenarios WHERE id = ?`);

  return {
    all: () => all.all() as StoredScenario[],
    findByName: (name: string) => byName.get(name.trim()) as StoredScenario | undefined,
    get: (id: number) => byId.get(id) as StoredScenario | undefined,
    insert: (s: Scenario) => {
      const { id: _id, ...row } = toStoredScenario(0, s);
      return Number(insertNew.run(row).lastInsertRowid);
    },
    insertWithId: (row: StoredScenario) => insert.run(row),
    update: (row: StoredScenario) => update.run(row),
    remove: (id: number) => remove.run(id),
  };
}

export type ScenariosRepo = ReturnType<typeof scenariosRepo>;
