import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, type-only imports included. */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

type Rule = { room: string; allowed: (spec: string, file: string) => boolean; why: string };

const isNode = (s: string) => s.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url'].includes(s);
const reaches = (file: string, spec: string, room: string) =>
  spec.startsWith('.') && relative(ROOT, join(ROOT, file, '..', spec)).startsWith(room + '/');

const RULES: Rule[] = [
  {
    room: 'shared',
    why: 'shared/ imports only shared/ and zod',
    allowed: (s, f) => s === 'zod' || (s.startsWith('.') && reaches(f, s, 'shared')),
  },
  {
    room: 'renderer',
    why: 'renderer/ never imports electron, node:* or electron/',
    allowed: (s, f) => !isNode(s) && s !== 'electron' && s !== 'better-sqlite3' && !reaches(f, s, 'electron'),
  },
  {
    room: 'electron',
    why: 'electron/ never imports renderer/',
    allowed: (s, f) => !reaches(f, s, 'renderer'),
  },
];

/**
 * Inside shared/, one folder per concern (issue 18): the model, the analytics, CSV and the protocol. Each folder
 * must exist, so a rename cannot quietly turn its rule into a check of nothing.
 */
const SHARED_RULES: Rule[] = [
  {
    room: 'shared/model',
    why: 'shared/model/ imports nothing else from shared/: the model knows neither the protocol, the analytics nor CSV',
    allowed: (s, f) => s === 'zod' || reaches(f, s, 'shared/model'),
  },
  {
    room: 'shared/analytics',
    why: 'shared/analytics/ imports only the model',
    allowed: (s, f) => reaches(f, s, 'shared/model') || reaches(f, s, 'shared/analytics'),
  },
];

/** Each import in the rule's room that the rule does not allow, as `file: specifier`. */
function breaches(rule: Rule): string[] {
  return sources(rule.room).flatMap((file) =>
    importsOf(readFileSync(join(ROOT, file), 'utf8'))
      .filter((spec) => !rule.allowed(spec, file))
      .map((spec) => `${file}: ${spec}`),
  );
}

// The rules are written down in docs/ARCHITECTURE.md ("Rules the tests enforce").
describe('import rules (docs/ARCHITECTURE.md)', () => {
  it('finds imports of every form', () => {
    expect(importsOf(`import a from 'x';\nimport type { B } from "./y";\nexport { c } from '../z';\nconst d = await import('node:fs');\nimport 'side';`)).toEqual(
      ['x', './y', '../z', 'node:fs', 'side'],
    );
  });

  for (const rule of RULES) {
    it(rule.why, () => expect(breaches(rule)).toEqual([]));
  }

  for (const rule of SHARED_RULES) {
    it(rule.why, () => {
      expect(existsSync(join(ROOT, rule.room)), `${rule.room} exists`).toBe(true);
      expect(breaches(rule)).toEqual([]);
    });
  }

  it('the preload imports only electron and shared/ (bundled into it) at runtime', () => {
    const bad = sources('electron/preload').flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // `import type` is erased at build time; anything else is loaded in the preload at runtime.
      const runtime = text.split('\n').filter((l) => /^\s*import\s(?!type\b)/.test(l));
      return runtime
        .flatMap((l) => importsOf(l))
        .filter((s) => s !== 'electron' && !reaches(file, s, 'shared'))
        .map((s) => `${file}: ${s}`);
    });
    expect(bad).toEqual([]);
  });

  it('only the connection module imports better-sqlite3', () => {
    const importers = ['electron', 'shared', 'renderer'].flatMap(sources).filter((f) => importsOf(readFileSync(join(ROOT, f), 'utf8')).includes('better-sqlite3'));
    expect(importers).toEqual(['electron/db/connection.ts']);
  });
});
