import { create } from 'zustand';
import { createChecksSlice } from './checksSlice.ts';
import { createExperimentSlice } from './experimentSlice.ts';
import type { LabState } from './labState.ts';
import { createSavedRunsSlice } from './savedRunsSlice.ts';
import { createSweepSlice } from './sweepSlice.ts';
import { createLinkSlice } from './urlState.ts';

export type { LabState } from './labState.ts';

/** The single source of truth: settings, checks, runs and streamed metrics. */
export const useLab = create<LabState>()((...a) => ({
  ...createChecksSlice(...a),
  ...createExperimentSlice(...a),
  ...createSavedRunsSlice(...a),
  ...createLinkSlice(...a),
  ...createSweepSlice(...a),
}));
