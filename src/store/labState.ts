import type { ChecksSlice } from './checksSlice.ts';

export type LabState = ChecksSlice;
