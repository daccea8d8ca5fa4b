import { DEAL_FIELDS, type Deal } from './deal';

/**
 * A short digest of a deal's own values (not its derived ones, which a scenario changes): what a window saw of a
 * deal, in a dozen characters instead of the whole row. A delete sends it, so a team book can refuse deleting a deal
 * someone changed since the window showed it (computed the same way here and by the book: one function).
 */
export function dealFingerprint(deal: Pick<Deal, (typeof DEAL_FIELDS)[number]>): string {
  const text = JSON.stringify(DEAL_FIELDS.map((field) => deal[field] ?? null));
  // cyrb53: two 32-bit lanes, 53 bits in all; a window's rows and the book's read give the same text, so any
  // difference is a change (a collision, one in 2^53, would only miss a conflict).
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
