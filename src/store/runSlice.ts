import type { StateCreator, StoreApi } from 'zustand';
import type { Message } from '../core/message.ts';
import { frameShowing, type MaskFrame } from '../worker/trainProtocol.ts';
import { gpuUnavailableMessage } from './computeSlice.ts';
import { currentSettingsProblems, loadedActiveDataset, missingDatasetMessage } from './datasetSlice.ts';
import type { LabState } from './labState.ts';
import { applyInsightMessages, noInsightYet } from './runInsight.ts';
import { applyTrainMessages, isActive, newRun, runTrainConfigs, type RunState } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import type { SlotBinding, TrainingSlot } from './trainingSlot.ts';

export interface RunSlice {
  run: RunState | null;
  /** A message about the last Train click that could not start a run. */
  runError: readonly Message[] | null;
  startRun(): Promise<void>;
  stopRun(): void;
  pauseRun(): void;
  resumeRun(): void;
  stepRun(): void;
  /** Shows a run that is not training (a saved or imported one): its charts, results and settings. */
  showRun(run: RunState): void;
}

/** Where the experiment's run lives in the store: its workers' messages update the run, the newest mask and the figures. */
export function experimentRunBinding(
  set: StoreApi<LabState>['setState'],
  get: () => LabState,
  now: () => number,
): SlotBinding {
  return {
    prefix: 'run',
    current: () => get().run,
    setStopped: (run) => set({ run }),
    apply(messages) {
      const { run } = get();
      if (!run) return;
      let mask: MaskFrame | null = null;
      for (const m of messages) {
        // The example the panel asks for, also where the worker has not had that request yet.
        if (m.runId === run.runId && m.type === 'mask') mask = frameShowing(m.frame, get().maskView.example);
      }
      const insight = applyInsightMessages(get().insight, messages);
      const next = applyTrainMessages(run, messages, now());
      set(mask ? { run: next, mask, insight } : { run: next, insight });
      // An ended run's workers end themselves (after their figures); the next Train or Stop ends any still at it.
    },
  };
}

/** The experiment's run: Train, Stop, Pause / Step / Resume, and showing a run that is not training. */
export const createRunSlice =
  (slot: TrainingSlot, deps: { now(): number }): StateCreator<LabState, [], [], RunSlice> =>
  (set, get) => ({
    run: null,
    runError: null,

    startRun() {
      const { settings } = get();
      const gpuProblem = settings.kernels === 'gpu' ? gpuUnavailableMessage(get().gpu) : null;
      return slot.start(
        {
          problems: [...Object.values(currentSettingsProblems(get())), ...(gpuProblem ? [gpuProblem] : [])],
          dataset: () => loadedActiveDataset(get),
          missing: missingDatasetMessage(settings.dataset),
          refuse: (problems) => set({ runError: problems }),
          // A run still going is thrown away (the UI asks first): it is saved as stopped, marked as replaced.
          stopPrevious: () => slot.stop({ replaced: true }),
        },
        ({ id: runId, dataset }) => {
          // The experiment trains the assignment's classifier; the model setting says what "Why it works" shows.
          const runSettings: RunSettings = { ...settings, model: 'classifier' };
          set({
            run: newRun(runId, runSettings, dataset.name, deps.now()),
            mask: null,
            maskView: { example: 0, layer: 0 },
            runError: null,
            insight: noInsightYet(runId),
          });
          return { configs: runTrainConfigs(runSettings), featureView: get().featureView };
        },
      );
    },

    stopRun() {
      slot.stop();
    },

    pauseRun() {
      const { run } = get();
      const handle = slot.handle();
      if (!handle || run?.status !== 'training') return;
      handle.pause();
      set({ run: { ...run, status: 'paused' } });
    },

    resumeRun() {
      const { run } = get();
      const handle = slot.handle();
      if (!handle || run?.status !== 'paused') return;
      handle.resume();
      set({ run: { ...run, status: 'training' } });
    },

    stepRun() {
      if (get().run?.status !== 'paused') return;
      slot.handle()?.step();
    },

    showRun(run) {
      if (isActive(get().run)) return;
      // A run trained in this session keeps its figures when it is opened again from the Runs panel.
      const insight = get().insight?.runId === run.runId ? get().insight : null;
      // Settings the link fixes stay as it says; the others show the run's, but not its model: the experiment's runs are
      // classifiers, and which model "Why it works" shows stays.
      const fixed = Object.fromEntries(get().view.fixed.map((k) => [k, get().settings[k]]));
      set({
        run,
        mask: null,
        insight,
        settings: { ...run.settings, model: get().settings.model, ...fixed },
        runError: null,
      });
    },
  });
