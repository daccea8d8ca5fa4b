import type { Client } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';
import type { Result } from '../../shared/result';

/** Every deal, and the values of the book settings the window starts from (null when unset or unreadable). */
export type InitialAnswer = { deals: Result<DealRow[]>; settings: (string | null)[] };

let early: { keys: string; answer: Promise<InitialAnswer> } | null = null;

async function ask(client: Client, settingKeys: readonly string[]): Promise<InitialAnswer> {
  const [deals, ...settings] = await Promise.all([client.listDeals({}), ...settingKeys.map((key) => client.getSetting({ key }))]);
  return { deals: deals as Result<DealRow[]>, settings: settings.map((s) => (s.ok ? (s.value as string | null) : null)) };
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
