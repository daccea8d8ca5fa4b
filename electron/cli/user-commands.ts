import { AppFailure } from '../../shared/protocol/result';
import { isPgBook } from '../pg/book-url';
import { openPgBook } from '../pg/connection';
import { usersRepo } from '../pg/users-repo';
import { pgUsers } from '../pg/pg-users';
import { checkUserName, generatePassword, hashPassword, isRole, ROLES } from '../team/passwords';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import type { ExitCode, Io } from './commands';

export const MIN_PASSWORD = 10;

/** `dealbook user add|list|remove|set-role --book URL ...`: the users of a team book. */
export async function cmdUser(args: Args, io: Io): Promise<ExitCode> {
  const [sub, name, role] = args.positional;
  const url = requireFlag(args, 'book');
  if (!isPgBook(url)) throw new UsageError('Users belong to team books: --book postgres://USER@HOST/DB?schema=NAME');
  switch (sub) {
    case 'add':
      allowOnly(args, ['book', 'role'], 2);
      return withUsers(url, async (users) => {
        const chosen = requireFlag(args, 'role');
        if (!isRole(chosen)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const who = needName(name);
        const typed = io.readStdin ? await io.readStdin() : null;
        const password = typed === null || typed === '' ? generatePassword() : typed;
        if (password.length < MIN_PASSWORD) throw new AppFailure({ code: 'validation', message: `The password must be at least ${MIN_PASSWORD} characters; ${who} was not added` });
        if (!(await users.add(who, chosen, await hashPassword(password), new Date().toISOString()))) {
          throw new AppFailure({ code: 'conflict', message: `User ${(await users.sameName(who)) ?? who} already exists (dealbook user set-role to change the role)` });
        }
        io.out(`Added ${who} (${chosen})\n`);
        if (typed === null || typed === '') io.out(`One-time password for ${who}: ${password}\nGive it to ${who} privately; it is not shown again.\n`);
        return 0;
      });
    case 'list':
      allowOnly(args, ['book'], 1);
      return withUsers(url, async (users) => {
        for (const u of await users.list()) io.out(`${u.name}\t${u.role}\t${u.created_at}\n`);
        return 0;
      });
    case 'remove':
      allowOnly(args, ['book'], 2);
      return withUsers(url, async (_users, locked) => {
        const who = needName(name);
        // The app's rule with the owners' rows locked: an owner removed here while another is removed or demoted
        // in the app (or by another command) cannot leave the book with none.
        await locked.remove(who);
        io.out(`Removed ${who}; their sessions ended\n`);
        return 0;
      });
    case 'set-role':
      allowOnly(args, ['book'], 3);
      return withUsers(url, async (_users, locked) => {
        const who = needName(name);
        if (!isRole(role)) throw new UsageError(`The role must be one of ${ROLES.join(', ')}: dealbook user set-role --book URL NAME ROLE`);
        await locked.setRole(who, role);
        io.out(`${who} is now ${role}\n`);
        return 0;
      });
    default:
      throw new UsageError('dealbook user add|list|remove|set-role --book URL ...');
  }
}

function needName(name: string | undefined): string {
  if (!name) throw new UsageError('Name the user: dealbook user add --book URL NAME --role ROLE');
  const problem = checkUserName(name);
  if (problem) throw new UsageError(`Bad user name "${name.slice(0, 80)}": ${problem}`);
  return name;
}

async function withUsers(url: string, fn: (users: ReturnType<typeof usersRepo>, locked: ReturnType<typeof pgUsers>) => Promise<ExitCode>): Promise<ExitCode> {
  const opened = await openPgBook(url, { max: 1 });
  try {
    return await fn(usersRepo(opened.pool), pgUsers(opened.pool, () => new Date()));
  } finally {
    await opened.pool.end();
  }
}
