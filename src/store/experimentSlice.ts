import type { StateCreator } from 'zustand';
import { message, type Message } from '../core/message.ts';
import { createComputeSlice, gpuUnavailableMessage, type ComputeSlice } from './computeSlice.ts';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { createRunSlice, experimentRunBinding, type RunSlice } from './runSlice.ts';
import { createRunViewsSlice, type RunViewsSlice } from './runViewsSlice.ts';
import { defaultSettings, SETTINGS_SCHEMA, settingProblem, type RunSettings } from './settingsSchema.ts';
import { createTrainingSlot } from './trainingSlot.ts';

// Where the UI reads them since the experiment was one slice.
export { FEATURE_COUNTS, type FeatureOrder, type FeatureView } from './runViewsSlice.ts';
export { activeDataset, activeDatasetLoad, currentSettingsProblems, type DatasetLoad } from './datasetSlice.ts';

export interface SettingsSlice {
  settings: RunSettings;
  /** Sets one setting; returns a message (and changes nothing) when the value is not allowed. */
  setSetting<K extends keyof RunSettings>(key: K, value: RunSettings[K]): Message | null;
}

/** The experiment cell: its settings, and its parts with one job each (data, compute choice, run, what its panels show). */
export type ExperimentSlice = SettingsSlice & DatasetSlice & ComputeSlice & RunSlice & RunViewsSlice;

export const createExperimentSlice =
  (
    deps: Pick<LabDeps, 'dataClient' | 'startTrainingRun' | 'now' | 'probeGpu'>,
  ): StateCreator<LabState, [], [], ExperimentSlice> =>
  (set, get, store) => {
    // Per store, not per module: the run's workers and the bookkeeping around starting one.
    const slot = createTrainingSlot(deps, experimentRunBinding(set, get, deps.now));
    return {
      settings: defaultSettings(),

      setSetting(key, value) {
        if (get().view.fixed.includes(key))
          return message('settingFixed', { setting: key }, `${SETTINGS_SCHEMA[key].label} is fixed by the link`);
        const problem =
          settingProblem(key, value) ??
          (key === 'kernels' && value === 'gpu' ? gpuUnavailableMessage(get().gpu) : null);
        if (problem) return problem;
        set({
          settings: { ...get().settings, [key]: value },
          runError: null,
          ...(key === 'kernels' ? { kernelsChosen: true } : {}),
        });
        return null;
      },

      ...createDatasetSlice(deps)(set, get, store),
      ...createComputeSlice(deps)(set, get, store),
      ...createRunSlice(slot, deps)(set, get, store),
      ...createRunViewsSlice(slot.handle)(set, get, store),
    };
  };
