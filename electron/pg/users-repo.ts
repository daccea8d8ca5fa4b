import type { PgClient, PgPool } from './connection';
import type { Role } from '../team/passwords';

export type UserRow = { name: string; role: Role; created_at: string };

/** The team book's users, sessions and failed logins (tables of migration step 2 on PostgreSQL). */
export function usersRepo(pool: PgPool | PgClient) {
  const q = async <R>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as R[];
  return {
    list: () => q<UserRow>(`SELECT name, role, created_at FROM users ORDER BY name`),
    get: async (name: string) => (await q<UserRow & { password_hash: string }>(`SELECT name, role, created_at, password_hash FROM users WHERE name = $1`, [name]))[0],
    /**
     * Add a user unless one of that name exists, in any case: "Eve" beside "eve" would be two people the history
     * and the login throttle (which counts by the name in lower case) cannot tell apart. Two such names added at the
     * same instant both pass the NOT EXISTS (neither sees the other's row yet): the unique index on lower(name)
     * (team step 1, migrations.ts) makes the second wait for the first and then add nothing, answered as "already exists".
     */
    add: async (name: string, role: Role, hash: string, at: string) =>
      (await q(
        `INSERT INTO users (name, role, password_hash, created_at) SELECT $1, $2, $3, $4
         WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(name) = lower($1)) ON CONFLICT DO NOTHING RETURNING name`,
        [name, role, hash, at],
      )).length > 0,
    /** The spelling of an existing user's name that matches this one in any case. */
    sameName: async (name: string) => (await q<{ name: string }>(`SELECT name FROM users WHERE lower(name) = lower($1) ORDER BY name LIMIT 1`, [name]))[0]?.name,
    remove: async (name: string) => (await q(`DELETE FROM users WHERE name = $1 RETURNING name`, [name])).length > 0,
    setRole: async (name: string, role: Role) => (await q(`UPDATE users SET role = $1 WHERE name = $2 RETURNING name`, [role, name])).length > 0,
    setPassword: async (name: string, hash: string) => (await q(`UPDATE users SET password_hash = $1 WHERE name = $2 RETURNING name`, [hash, name])).length > 0,
    owners: async () => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'owner'`))[0]!.n,

    // Sessions live in the book, not in a server process: any server of the book honours them, and a restart keeps them.
    createSession: (idHash: string, user: string, csrf: string, ttlSeconds: number) =>
      q(`INSERT INTO sessions (id_hash, user_name, csrf, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [idHash, user, csrf, ttlSeconds]),
    session: async (idHash: string) =>
      (await q<{ user_name: string; csrf: string; role: Role }>(
        `SELECT s.user_name, s.csrf, u.role FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = $1 AND s.expires_at > now()`,
        [idHash],
      ))[0],
    endSession: (idHash: string) => q(`DELETE FROM sessions WHERE id_hash = $1`, [idHash]),
    dropExpired: () => q(`DELETE FROM sessions WHERE expires_at <= now()`),

    /** Failed logins in a row for a key (a user, an address), and how long ago the last was. */
    failures: async (key: string) =>
      (await q<{ failures: number; seconds_ago: number }>(`SELECT failures, extract(epoch FROM now() - last_at)::float8 AS seconds_ago FROM login_failures WHERE key = $1`, [key]))[0],
    fail: (key: string) =>
      q(`INSERT INTO login_failures (key, failures, last_at) VALUES ($1, 1, now()) ON CONFLICT (key) DO UPDATE SET failures = login_failures.failures + 1, last_at = now()`, [key]),
    clearFailures: (key: string) => q(`DELETE FROM login_failures WHERE key = $1`, [key]),
    /**
     * Take one login attempt for every key, or for none: counted as a failure now (a good password clears it), with
     * the keys' rows locked, so attempts sent at once are counted one after another and cannot all pass the check
     * before any failure is written. waitOf says, from a key's failures so far, how long it must still wait.
     * Answers the seconds to wait (nothing counted), or 0 when the attempt was taken.
     */
    attempt: async (keys: readonly string[], waitOf: (failures: number, secondsAgo: number, key: string) => number): Promise<number> => {
      const own = !('release' in pool);
      const client = own ? await (pool as PgPool).connect() : (pool as PgClient);
      const sorted = [...new Set(keys)].sort();
      try {
        if (own) await client.query('BEGIN');
        await client.query(`INSERT INTO login_failures (key, failures, last_at) SELECT k, 0, now() FROM unnest($1::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`, [sorted]);
        const rows = (await client.query<{ key: string; failures: number; seconds_ago: number }>(
          `SELECT key, failures, extract(epoch FROM now() - last_at)::float8 AS seconds_ago FROM login_failures WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
          [sorted],
        )).rows;
        const wait = Math.max(0, ...rows.map((r) => waitOf(r.failures, r.seconds_ago, r.key)));
        if (wait === 0) await client.query(`UPDATE login_failures SET failures = failures + 1, last_at = now() WHERE key = ANY($1::text[])`, [sorted]);
        if (own) await client.query('COMMIT');
        return wait;
      } catch (err) {
        if (own) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        if (own) client.release();
      }
    },
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;
