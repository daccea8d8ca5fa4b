import { afterEach, expect, it } from 'vitest';
import { describePg, tempPgBook } from '../../helpers/pg';
import { addUsers, signIn, signedIn, teamServer, type SignedIn } from '../../helpers/team-server';

// An open event stream carries every change of the book: it must not outlive its session.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } };

/** A tab's event stream, read to its end (or until the test's deadline). */
async function openStream(base: string, who: SignedIn) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const res = await fetch(new URL(`/events?token=${who.csrf}`, base), { headers: { Cookie: who.cookie.split(';')[0]! }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      text += new TextDecoder().decode(value);
    }
  })().catch(() => false);
  return { ended, text: () => text };
}

const within = <T>(ms: number, p: Promise<T>) => Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describePg('a team tab\'s event stream', () => {
  it('ends when its user is removed, or signs out, and carries nothing of the book after that', async () => {
    const t = tempPgBook('sse');
    cleanups.push(t.drop);
    await addUsers(t.url, { alice: 'owner', eve: 'editor', vic: 'viewer' });
    // Two servers: the user is removed through one while the stream is open on the other.
    const a = await teamServer(t.url);
    cleanups.push(a.stop);
    const b = await teamServer(t.url);
    cleanups.push(b.stop);
    const alice = signedIn(await signIn(a.url, 'alice'));
    const eve = signedIn(await signIn(a.url, 'eve'));
    const vic = signedIn(await signIn(b.url, 'vic'));
    const stream = await openStream(b.url, vic);

    expect((await alice.call('removeUser', { name: 'vic' })).body.ok).toBe(true);
    expect(await within(8000, stream.ended)).toBe(true);
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.text()).not.toMatch(/Add deal/);

    // Signing out ends the tab's stream too.
    const eveStream = await openStream(a.url, eve);
    const out = await fetch(new URL('/logout', a.url), { method: 'POST', redirect: 'manual', headers: { Cookie: eve.cookie.split(';')[0]!, Authorization: `Bearer ${eve.csrf}` } });
    expect(out.status).toBe(303);
    expect(await within(8000, eveStream.ended)).toBe(true);
  }, 60_000);
});
