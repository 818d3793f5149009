import { createLabStore } from './createLabStore.ts';

export type { LabState } from './labState.ts';
export { createLabStore, type LabStore } from './createLabStore.ts';

/** The app's store, the single source of truth: settings, checks, runs and streamed metrics. */
export const useLab = createLabStore();
