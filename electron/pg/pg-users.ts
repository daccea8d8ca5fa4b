import { AppFailure } from '../../shared/protocol/result';
import type { Me, Role, TeamUser } from '../../shared/protocol/team-users';
import { generatePassword, hashPassword } from '../team/passwords';
import type { PgPool } from './connection';
import { usersRepo, type UsersRepo } from './users-repo';

const onlyOwner = (name: string) => new AppFailure({ code: 'conflict', message: `${name} is the book's only owner; make another owner first` });
const noUser = (name: string) => new AppFailure({ code: 'not_found', message: `No user ${name}` });

/**
 * The users of a team book as owners manage them in the app (the same rules as `dealbook user`): a generated
 * one-time password answered once, stored only as its hash; the last owner can be neither removed nor demoted.
 * Who may call these is the server's business (the contract marks them owner-only).
 */
export function pgUsers(pool: PgPool, now: () => Date) {
  const users = usersRepo(pool);

  /** Change users with the owners' rows locked, so two owners demoting each other at once cannot leave none. */
  async function withOwnersLocked<T>(fn: (owners: string[], tx: UsersRepo) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const owners = (await client.query<{ name: string }>(`SELECT name FROM users WHERE role = 'owner' FOR UPDATE`)).rows.map((r) => r.name);
      const result = await fn(owners, usersRepo(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  return {
    /** Who `user` is; someone working on the book without the team server holds its database credentials: an owner. */
    me: async (user: string): Promise<Me> => ({ user, role: (await users.get(user))?.role ?? 'owner', team: true }),
    list: async (): Promise<TeamUser[]> => (await users.list()).map((u) => ({ name: u.name, role: u.role, created: u.created_at })),
    add: async (name: string, role: Role) => {
      const password = generatePassword();
      const created = now().toISOString();
      if (!(await users.add(name, role, await hashPassword(password), created))) {
        throw new AppFailure({ code: 'conflict', message: `User ${(await users.sameName(name)) ?? name} already exists; change their role instead` });
      }
      return { name, role, created, password };
    },
    setRole: (name: string, role: Role) =>
      withOwnersLocked(async (owners, tx): Promise<TeamUser> => {
        const user = await tx.get(name);
        if (!user) throw noUser(name);
        if (user.role === 'owner' && role !== 'owner' && owners.length <= 1) throw onlyOwner(name);
        await tx.setRole(name, role);
        return { name, role, created: user.created_at };
      }),
    remove: (name: string) =>
      withOwnersLocked(async (owners, tx) => {
        const user = await tx.get(name);
        if (!user) throw noUser(name);
        if (user.role === 'owner' && owners.length <= 1) throw onlyOwner(name);
        // Their sessions go with them (ON DELETE CASCADE): a removed user is signed out everywhere at once.
        await tx.remove(name);
        return null;
      }),
  };
}
