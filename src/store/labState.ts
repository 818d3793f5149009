import type { ChecksSlice } from './checksSlice.ts';
import type { ExperimentSlice } from './experimentSlice.ts';

export type LabState = ChecksSlice & ExperimentSlice;
