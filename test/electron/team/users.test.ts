import { afterEach, expect, it } from 'vitest';
import { OWNER_METHODS } from '../../../shared/protocol/contract';
import { describePg, tempPgBook } from '../../helpers/pg';
import { addUsers, signIn, signedIn, teamServer } from '../../helpers/team-server';
import { dealbook } from '../../helpers/cli';

// Owners manage users in the app: the methods over HTTP, refused (403) to anyone but an owner.

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function book() {
  const t = tempPgBook('usr');
  cleanups.push(t.drop);
  await addUsers(t.url, { alice: 'owner', eve: 'editor', vic: 'viewer' });
  const server = await teamServer(t.url);
  cleanups.push(server.stop);
  return server.url;
}

describePg('users in the app', () => {
  it('refuses every user method to an editor and a viewer with 403, and tells each who they are', async () => {
    const base = await book();
    expect([...OWNER_METHODS].sort()).toEqual(['addUser', 'listUsers', 'removeUser', 'setUserRole']);
    const payloads: Record<string, unknown> = { listUsers: {}, addUser: { name: 'zed', role: 'editor' }, setUserRole: { name: 'vic', role: 'editor' }, removeUser: { name: 'vic' } };
    for (const name of ['eve', 'vic']) {
      const user = signedIn(await signIn(base, name));
      for (const method of OWNER_METHODS) {
        const r = await user.call(method, payloads[method]);
        expect(r.status, `${name} ${method}`).toBe(403);
        expect(r.body.error.message, method).toMatch(new RegExp(`^${name} is a (editor|viewer) of this book: ${method} manages users, which only an owner can do`));
      }
      expect((await user.call('me')).body.value).toEqual({ user: name, role: name === 'eve' ? 'editor' : 'viewer', team: true });
    }
    const alice = signedIn(await signIn(base, 'alice'));
    expect((await alice.call('listUsers')).body.value.map((u: { name: string; role: string }) => `${u.name}:${u.role}`)).toEqual(['alice:owner', 'eve:editor', 'vic:viewer']);
    expect((await alice.call('me')).body.value).toEqual({ user: 'alice', role: 'owner', team: true });
  });

  it('lets an owner add a user with a one-time password that signs in, change a role (felt at once) and remove a user (signed out)', async () => {
    const base = await book();
    const alice = signedIn(await signIn(base, 'alice'));
    const added = await alice.call('addUser', { name: 'zed', role: 'viewer' });
    expect(added.status).toBe(200);
    expect(added.body.value).toMatchObject({ name: 'zed', role: 'viewer' });
    const password: string = added.body.value.password;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await alice.call('addUser', { name: 'zed', role: 'editor' })).body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/zed already exists/) });
    expect((await alice.call('addUser', { name: 'bad name!', role: 'editor' })).body.error.code).toBe('invalid_payload');
    // The password is not in the list, and is stored only as a hash.
    expect(JSON.stringify((await alice.call('listUsers')).body.value)).not.toContain(password);

    const zed = signedIn(await signIn(base, 'zed', password));
    const deal = { values: { announced: '2025-01-02', from_party: 'A', to_party: 'B', kind: 'investment' } };
    expect((await zed.call('addDeal', deal)).status).toBe(403);
    expect((await alice.call('setUserRole', { name: 'zed', role: 'editor' })).body.value).toMatchObject({ name: 'zed', role: 'editor' });
    // The role is read at every request: zed's open session may write now.
    expect((await zed.call('addDeal', deal)).body.ok).toBe(true);
    expect((await zed.call('me')).body.value.role).toBe('editor');

    expect((await alice.call('removeUser', { name: 'zed' })).body.ok).toBe(true);
    expect((await zed.call('listDeals')).status).toBe(401);
    expect((await alice.call('removeUser', { name: 'zed' })).body.error).toMatchObject({ code: 'not_found' });
  });

  it('keeps the book\'s last owner: neither removed nor demoted', async () => {
    const base = await book();
    const alice = signedIn(await signIn(base, 'alice'));
    for (const [method, payload] of [['removeUser', { name: 'alice' }], ['setUserRole', { name: 'alice', role: 'editor' }]] as const) {
      const r = await alice.call(method, payload);
      expect(r.body.error, method).toMatchObject({ code: 'conflict', message: "alice is the book's only owner; make another owner first" });
    }
    expect((await alice.call('setUserRole', { name: 'eve', role: 'owner' })).body.ok).toBe(true);
    expect((await alice.call('setUserRole', { name: 'alice', role: 'editor' })).body.ok).toBe(true);
    expect((await alice.call('listUsers')).status).toBe(403);
  });
  it('refuses a user whose name differs from another\'s only in case, in the app and with dealbook user', async () => {
    const t = tempPgBook('usrcase');
    cleanups.push(t.drop);
    await addUsers(t.url, { alice: 'owner', eve: 'editor' });
    const server = await teamServer(t.url);
    cleanups.push(server.stop);
    const alice = signedIn(await signIn(server.url, 'alice'));
    for (const name of ['Eve', 'EVE']) {
      const r = await alice.call('addUser', { name, role: 'owner' });
      expect(r.body.error, name).toMatchObject({ code: 'conflict', message: 'User eve already exists; change their role instead' });
    }
    const cli = dealbook(['user', 'add', '--book', t.url, 'Alice', '--role', 'owner'], 'alice-password-2\n');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/User alice already exists/);
    expect((await alice.call('listUsers')).body.value.map((u: { name: string }) => u.name)).toEqual(['alice', 'eve']);
  });
});
