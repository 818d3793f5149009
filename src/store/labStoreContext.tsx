import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LabStore } from './createLabStore.ts';
import type { LabState } from './labState.ts';

/** The store the components read: the app's (made in main.tsx), or a test's own. */
const LabStoreContext = createContext<LabStore | null>(null);

export function LabStoreProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabStoreContext value={store}>{children}</LabStoreContext>;
}

/** The store itself, for what a component does rather than shows (handlers, effects). */
export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab and useLabStore need a LabStoreProvider above the component.');
  return store;
}

/** The part of the store's state that `selector` picks; the component re-renders when it changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
