import { z } from 'zod';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
/** A viewer reads and exports; an editor also writes; an owner also manages users. */
export type Role = (typeof ROLES)[number];
export const isRole = (s: unknown): s is Role => typeof s === 'string' && (ROLES as readonly string[]).includes(s);

/** Who a window works as, and what the book lets them do. A file book's one analyst may do everything. */
export type Me = { user: string; role: Role; team: boolean };

/** A user of a team book, as the Users panel lists them. */
export type TeamUser = { name: string; role: Role; created: string };

/** A user just added: the one-time password is in this answer only (only its hash is stored). */
export type AddedUser = TeamUser & { password: string };

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** A user name: what people type at the login page, shown in history. */
export function checkUserName(name: string): string | null {
  if (!USER_NAME.test(name)) return 'a user name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit';
  return null;
}

export const userNameSchema = z.string().max(64).refine((s) => checkUserName(s) === null, {
  message: 'a user name is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
});

/** Whether a role may call a method: viewers only read, owners alone manage users. */
export function roleMay(role: Role, method: { writes: boolean; owner?: boolean }): boolean {
  if (method.owner) return role === 'owner';
  return !method.writes || role !== 'viewer';
}
