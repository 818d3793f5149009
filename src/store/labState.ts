import type { ChecksSlice } from './checksSlice.ts';
import type { ExperimentSlice } from './experimentSlice.ts';
import type { SavedRunsSlice } from './savedRunsSlice.ts';
import type { SweepSlice } from './sweepSlice.ts';
import type { LanguageSlice } from './languageSlice.ts';
import type { ThemeSlice } from './themeSlice.ts';
import type { LinkSlice } from './urlState.ts';
import type { PaperSlice } from './paperSlice.ts';
import type { ViewSlice } from './viewSlice.ts';

export type LabState = ChecksSlice &
  ExperimentSlice &
  SavedRunsSlice &
  LinkSlice &
  SweepSlice &
  LanguageSlice &
  ThemeSlice &
  PaperSlice &
  ViewSlice;
