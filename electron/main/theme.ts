import { z } from 'zod';
import type { NativeTheme } from 'electron';
import { THEME_SOURCES, type ThemeSource, type ThemeState } from '../../shared/protocol/desktop-api';
import { readJson, saveState } from './json-file';

const preferencesSchema = z.object({ themeSource: z.enum(THEME_SOURCES) });

/** Dark mode follows the system (nativeTheme) unless the analyst picks light or dark in View > Theme. */
export function createTheme(nativeTheme: NativeTheme, preferencesFile: string, onChange: (state: ThemeState) => void) {
  const state = (): ThemeState => ({ source: nativeTheme.themeSource, dark: nativeTheme.shouldUseDarkColors });
  nativeTheme.themeSource = readJson(preferencesFile, preferencesSchema, { themeSource: 'system' } as const).themeSource;
  // The system switching between light and dark while we follow it.
  nativeTheme.on('updated', () => onChange(state()));
  return {
    get: state,
    set: (source: ThemeSource): ThemeState => {
      nativeTheme.themeSource = source;
      saveState(preferencesFile, { themeSource: source });
      onChange(state());
      return state();
    },
    background: () => (nativeTheme.shouldUseDarkColors ? '#1f2023' : '#ffffff'),
  };
}

export type Theme = ReturnType<typeof createTheme>;
