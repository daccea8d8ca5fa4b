import type { StoreHandlers } from '../service/store';
import { UsageError, type Args } from './args';

/** The scenario an option names, checked against the book so the message names the option and the choices. */
export async function scenarioOption(h: StoreHandlers, args: Args): Promise<string | undefined> {
  if (args.flags.get('scenario') === undefined) return undefined;
  return knownScenario((await h.listScenarios({})).map((s) => s.name), args);
}

/** `--scenario NAME` checked against the book's scenario names (case aside). */
export function knownScenario(known: readonly string[], args: Args): string | undefined {
  const name = args.flags.get('scenario');
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name.trim() === '') throw new UsageError('--scenario needs a name');
  // A name another program wrote as a BLOB matches nothing, and is said to be there.
  const said = (k: unknown) => (typeof k === 'string' ? `"${k}"` : 'one named in binary data (a BLOB another program wrote)');
  if (!known.some((k) => typeof k === 'string' && k.toLowerCase() === name.trim().toLowerCase())) {
    throw new UsageError(`--scenario ${name}: no such scenario; this book has ${known.map(said).join(', ')}`);
  }
  return name;
}
