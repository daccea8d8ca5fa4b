import type { BookInfo, Client } from '../../shared/protocol/contract';
import type { DealRow } from '../../shared/model/deal';
import type { Result } from '../../shared/protocol/result';
import type { Me } from '../../shared/protocol/team-users';

/**
 * Where the book's events stood, every deal, and the values of the book settings the window starts from (null when
 * unset or unreadable).
 */
export type InitialAnswer = { info: Result<BookInfo>; deals: Result<DealRow[]>; settings: (string | null)[]; me: Result<Me> };

let early: { keys: string; answer: Promise<InitialAnswer> } | null = null;

async function ask(client: Client, settingKeys: readonly string[]): Promise<InitialAnswer> {
  // The events' head first, the rows after: the rows then include every event up to it (and the window applies
  // the ones after it; one it applies again changes nothing).
  const info = await client.bookInfo({});
  const [deals, me, ...settings] = await Promise.all([client.listDeals({}), client.me({}), ...settingKeys.map((key) => client.getSetting({ key }))]);
  return { info, deals: deals as Result<DealRow[]>, me: me as Result<Me>, settings: settings.map((s) => (s.ok ? (s.value as string | null) : null)) };
}

/**
 * Ask for every deal and the window's settings before the UI's code has even loaded, so the service reads and sends
 * a big book while the window compiles the grid: opening costs the longer of the two, not their sum.
 */
export function startInitialLoad(client: Client, settingKeys: readonly string[]): void {
  early = { keys: settingKeys.join('\n'), answer: ask(client, settingKeys) };
}

/** The early answer, once (a later load, e.g. after a reload of the book, asks afresh). */
export function takeInitialLoad(client: Client, settingKeys: readonly string[]): Promise<InitialAnswer> {
  const answer = early?.keys === settingKeys.join('\n') ? early.answer : ask(client, settingKeys);
  early = null;
  return answer;
}
