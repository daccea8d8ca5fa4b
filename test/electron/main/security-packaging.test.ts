import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The packaging config, read with the YAML parser electron-builder itself uses and checked against its schema:
 * a misspelt fuse would be refused by electron-builder, a missing one would silently leave Electron's default on.
 */
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load: (text: string) => unknown };
const scheme = builderRequire('./scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };

const config = yaml.load(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the packaged app', () => {
  it("flips Electron's fuses: no RunAsNode, NODE_OPTIONS or inspect arguments; code only from a checked app.asar", () => {
    const fuses = config.electronFuses as Record<string, unknown>;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Every key is one electron-builder knows, so none is ignored for a typo.
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(fuses).filter((k) => !known.includes(k))).toEqual([]);
    for (const value of Object.values(fuses)) expect(typeof value).toBe('boolean');
  });

  it('packs the app into an asar, which the fuses then require', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
  });
});
