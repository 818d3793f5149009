import { describe, expect, it } from 'vitest';
import { createLabStore } from './createLabStore.ts';
import { testLabDeps } from './testing/testLabDeps.ts';
import { shownTheme, syncTheme, type ThemeHost } from './themeSlice.ts';

/** A page whose system scheme can be flipped, with a storage that can refuse. */
function fakeHost(dark: boolean, stored: Record<string, string> = {}, refuse = false) {
  const listeners = new Set<() => void>();
  const query = {
    matches: dark,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  const host: ThemeHost = {
    localStorage: {
      getItem: (key) => {
        if (refuse) throw new Error('SecurityError');
        return stored[key] ?? null;
      },
      setItem: (key, value) => {
        if (refuse) throw new Error('QuotaExceededError');
        stored[key] = value;
      },
    },
    matchMedia: () => query as unknown as MediaQueryList,
  };
  const flip = (toDark: boolean) => {
    query.matches = toDark;
    for (const l of listeners) l();
  };
  return { host, stored, flip, listeners };
}

describe('the colour theme', () => {
  it('follows the system by default, also when it changes', () => {
    const store = createLabStore(testLabDeps());
    const { host, flip } = fakeHost(true);
    syncTheme(store, host);
    expect(store.getState().themeChoice).toBe('system');
    expect(shownTheme(store.getState())).toBe('dark');
    flip(false);
    expect(shownTheme(store.getState())).toBe('light');
  });

  it('a choice overrides the system and is remembered for the next visit', () => {
    const store = createLabStore(testLabDeps());
    const { host, stored, flip } = fakeHost(false);
    syncTheme(store, host);
    store.getState().setThemeChoice('dark');
    expect(shownTheme(store.getState())).toBe('dark');
    flip(false);
    expect(shownTheme(store.getState())).toBe('dark');
    expect(stored['dropout-lab:theme']).toBe('dark');

    const next = createLabStore(testLabDeps());
    syncTheme(next, fakeHost(false, stored).host);
    expect(next.getState().themeChoice).toBe('dark');
    expect(shownTheme(next.getState())).toBe('dark');
  });

  it('ignores a stored value it does not know and a storage that refuses; unsubscribing stops following', () => {
    const store = createLabStore(testLabDeps());
    const { host, flip, listeners } = fakeHost(true, { 'dropout-lab:theme': 'sepia' });
    const stop = syncTheme(store, host);
    expect(store.getState().themeChoice).toBe('system');
    stop();
    expect(listeners.size).toBe(0);
    flip(false);
    expect(shownTheme(store.getState())).toBe('dark');

    const refused = createLabStore(testLabDeps());
    syncTheme(refused, fakeHost(false, {}, true).host);
    refused.getState().setThemeChoice('light');
    expect(shownTheme(refused.getState())).toBe('light');
    store.getState().setThemeChoice('sepia' as never);
    expect(store.getState().themeChoice).toBe('system');
  });
});
