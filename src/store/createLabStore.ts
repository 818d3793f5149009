import { createStore } from 'zustand/vanilla';
import { createChecksSlice } from './checksSlice.ts';
import { createExperimentSlice } from './experimentSlice.ts';
import { browserLabDeps, type LabDeps } from './labDeps.ts';
import { createLanguageSlice } from './languageSlice.ts';
import type { LabState } from './labState.ts';
import { createSavedRunsSlice } from './savedRunsSlice.ts';
import { createSweepSlice } from './sweepSlice.ts';
import { createThemeSlice } from './themeSlice.ts';
import { createLinkSlice } from './urlState.ts';
import { createPaperSlice } from './paperSlice.ts';
import { createViewSlice } from './viewSlice.ts';

/**
 * The one place the store is put together: its slices, the services they use (`deps`), and the
 * reactions between slices. The app makes one in main.tsx and hands it to the UI through
 * LabStoreProvider; each test makes its own with fakes.
 */
export function createLabStore(deps: LabDeps = browserLabDeps()) {
  const store = createStore<LabState>()((...a) => ({
    ...createChecksSlice(deps)(...a),
    ...createExperimentSlice(deps)(...a),
    ...createSavedRunsSlice(deps)(...a),
    ...createLinkSlice(...a),
    ...createSweepSlice(deps)(...a),
    ...createLanguageSlice(...a),
    ...createThemeSlice(...a),
    ...createPaperSlice(deps)(...a),
    ...createViewSlice(...a),
  }));
  // A run that ends (done, stopped or failed) is saved with the saved runs; one that goes, as a stopped copy now and then.
  store.subscribe((state, previous) => {
    if (state.run !== previous.run && state.run) {
      state.saveActiveRun(state.run);
      state.saveEndedRun(state.run);
    }
    // The paper's run is saved when it ends, like any run.
    if (state.paperRun !== previous.paperRun && state.paperRun) state.saveEndedRun(state.paperRun);
  });
  return store;
}

export type LabStore = ReturnType<typeof createLabStore>;
