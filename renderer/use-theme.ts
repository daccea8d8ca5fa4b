import { useEffect, useState } from 'react';
import { desktop } from './api/desktop';
import type { ThemeName } from './grid/themes';

const KEY = 'dealbook-theme';
type Source = 'system' | 'light' | 'dark';

function systemTheme(): ThemeName {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedSource(): Source {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/**
 * Light or dark: follows the system until the analyst picks one with the toggle. The desktop app keeps that
 * choice in its own settings (and its View menu); the browser keeps it in localStorage.
 */
export function useTheme(): { theme: ThemeName; toggle: () => void } {
  const [source, setSource] = useState<Source>(storedSource);
  const [system, setSystem] = useState<ThemeName>(systemTheme);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    if (!desktop) return;
    void desktop.getTheme().then((r) => r.ok && setSource(r.value.source));
    return desktop.onThemeChange((state) => setSource(state.source));
  }, []);

  const theme: ThemeName = source === 'system' ? system : source;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const toggle = () => {
    const next: ThemeName = theme === 'dark' ? 'light' : 'dark';
    // Back to following the system when the choice matches it, so a later system switch still applies.
    const nextSource: Source = next === systemTheme() ? 'system' : next;
    setSource(nextSource);
    if (desktop) void desktop.setTheme(nextSource);
    else if (nextSource === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, nextSource);
  };
  return { theme, toggle };
}
