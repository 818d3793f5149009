import { render, type RenderOptions } from '@testing-library/react';
import type { ComponentType, ReactElement, ReactNode } from 'react';
import { createLabStore, type LabStore } from '../createLabStore.ts';
import { LabStoreProvider } from '../labStoreContext.tsx';
import { testLabDeps } from './testLabDeps.ts';

export interface RenderWithStoreOptions extends Omit<RenderOptions, 'wrapper' | 'queries'> {
  /** The test's store; a new one on testLabDeps() when not given. */
  store?: LabStore;
  /** Wraps the component inside the store's provider (the language, say). */
  wrapper?: ComponentType<{ children: ReactNode }>;
}

/** Renders a component with its own store (never the app's), as main.tsx does; returns the store with the render's result. */
export function renderWithStore(
  ui: ReactElement,
  { store = createLabStore(testLabDeps()), wrapper: Inner, ...options }: RenderWithStoreOptions = {},
) {
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <LabStoreProvider store={store}>{Inner ? <Inner>{children}</Inner> : children}</LabStoreProvider>
  );
  return { store, ...render(ui, { ...options, wrapper: Wrapper }) };
}
