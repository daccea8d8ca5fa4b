import { randomInt } from 'node:crypto';

/** A seeded generator (mulberry32): the same seed gives the same kill points on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed of one randomized test: DEALBOOK_SEED when set (to replay a failure), else a fresh one. It is
 * printed so a failing run can be replayed exactly.
 */
export function testSeed(name: string, file: string): number {
  const fromEnv = process.env.DEALBOOK_SEED;
  const seed = fromEnv ? Number(fromEnv) : randomInt(1, 2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new Error(`DEALBOOK_SEED must be an integer, got ${fromEnv}`);
  console.log(`[${name}] seed ${seed}; replay with DEALBOOK_SEED=${seed} npx vitest run ${file}`);
  return seed;
}

/** An integer in [lo, hi]. */
export function between(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}
