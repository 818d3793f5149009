import { describe, expect, it } from 'vitest';
import { createLabStore } from './createLabStore.ts';
import { SavedRunStorage } from './savedRuns.ts';
import { memoryBackend, testLabDeps } from './testing/testLabDeps.ts';

describe('asking the browser to keep the saved runs', () => {
  it('asks once, when the runs are first read, and keeps what it said', async () => {
    let asked = 0;
    const store = createLabStore(testLabDeps({ persistStorage: async () => (asked++, 'denied') }));
    expect(store.getState().storagePersistence).toBeNull();
    await store.getState().loadSavedRuns();
    await store.getState().loadSavedRuns();
    expect(store.getState().storagePersistence).toBe('denied');
    expect(asked).toBe(1);
    const granted = createLabStore(
      testLabDeps({
        persistStorage: async () => 'granted',
        savedRunStorage: () => new SavedRunStorage(memoryBackend()),
      }),
    );
    await granted.getState().loadSavedRuns();
    expect(granted.getState().storagePersistence).toBe('granted');
  });

  it('does not ask where the browser stores nothing', async () => {
    let asked = 0;
    const store = createLabStore(
      testLabDeps({
        persistStorage: async () => (asked++, 'granted'),
        savedRunStorage: () => new SavedRunStorage(null),
      }),
    );
    await store.getState().loadSavedRuns();
    expect(store.getState().storagePersistence).toBeNull();
    expect(asked).toBe(0);
  });
});
