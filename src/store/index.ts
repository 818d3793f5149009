export type { LabState } from './labState.ts';
export { createLabStore, type LabStore } from './createLabStore.ts';
export { LabStoreProvider, useLab, useLabStore } from './labStoreContext.tsx';
