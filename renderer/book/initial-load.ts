import type { Client } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';
import type { Result } from '../../shared/result';

export type InitialAnswer = [deals: Result<DealRow[]>, layout: Result<string | null>];

let early: { key: string; answer: Promise<InitialAnswer> } | null = null;

function ask(client: Client, layoutKey: string): Promise<InitialAnswer> {
  return Promise.all([client.listDeals({}), client.getSetting({ key: layoutKey })]);
}

/**
 * Ask for every deal and the grid layout before the UI's code has even loaded, so the service reads and sends a
 * big book while the window compiles the grid: opening costs the longer of the two, not their sum.
 */
export function startInitialLoad(client: Client, layoutKey: string): void {
  early = { key: layoutKey, answer: ask(client, layoutKey) };
}

/** The early answer, once (a later load, e.g. after a reload of the book, asks afresh). */
export function takeInitialLoad(client: Client, layoutKey: string): Promise<InitialAnswer> {
  const answer = early?.key === layoutKey ? early.answer : ask(client, layoutKey);
  early = null;
  return answer;
}
