import type { StateCreator } from 'zustand';
import type { Message } from '../core/message.ts';
import { missingDatasetMessage } from './datasetSlice.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { applyInsightMessages, noInsightYet, type RunInsight } from './runInsight.ts';
import { applyTrainMessages, isActive, newRun, runConfigs, trainConfig, type RunState } from './runState.ts';
import type { FeatureView } from './runViewsSlice.ts';
import type { RunSettings } from './settingsSchema.ts';
import { createTrainingSlot } from './trainingSlot.ts';

/**
 * The dropout paper's setting for its Figures 7 and 8 (section 7.1-7.2), as `../shared/bench/paper_autoencoder.py`
 * re-runs it: an MNIST autoencoder 784-256-784 with ReLU hidden units and a sigmoid output, dropout p = 0.5 on the
 * hidden units against p = 1, 9,000 training digits, Adam 1e-3 in batches of 100. Its effects need the epochs: at 5
 * the activations are already sparser with dropout, the tiles do not differ yet.
 */
export const PAPER_SETTING = {
  model: 'autoencoder',
  dataset: 'mnist',
  hiddenSize: 256,
  hiddenLayers: 1,
  numTrain: 9000,
  epochs: 20,
  batchSize: 100,
  learningRate: 1e-3,
  keepProb: 0.5,
  scaling: 'inverted',
  updateRule: 'adam',
} as const satisfies Partial<RunSettings>;

/**
 * The paper's run for these settings: the preset, with the page's seed (every stream derives from it) and its compute
 * choice where that is the CPU's (the GPU path trains the classifier only; the autoencoder then computes with Fast).
 */
export function paperSettings(settings: RunSettings): RunSettings {
  return { ...settings, ...PAPER_SETTING, kernels: settings.kernels === 'gpu' ? 'fast' : settings.kernels };
}

export interface PaperSlice {
  /** The paper's autoencoder pair, training or ended (or a saved one, opened); its own workers, beside the experiment's. */
  paperRun: RunState | null;
  /** Its figures, for "Why it works" when the model setting is 'autoencoder'; null for a saved run. */
  paperInsight: RunInsight | null;
  /** Why the last click could not start it. */
  paperError: readonly Message[] | null;
  startPaperRun(): Promise<void>;
  stopPaperRun(): void;
  /** Shows a saved or imported autoencoder run (its numbers; the figures are not kept). */
  showPaperRun(run: RunState): void;
  /** Which tiles the paper run's live frames carry (the features cell's view). */
  showPaperFeatures(view: FeatureView): void;
}

/** "Why it works" turns to the paper's figures, unless the link fixes which model it shows. */
function showingPaper(get: () => LabState): Partial<LabState> {
  return get().view.fixed.includes('model') ? {} : { settings: { ...get().settings, model: 'autoencoder' } };
}

export const createPaperSlice =
  (deps: Pick<LabDeps, 'startTrainingRun' | 'now'>): StateCreator<LabState, [], [], PaperSlice> =>
  (set, get) => {
    const slot = createTrainingSlot(deps, {
      prefix: 'paper',
      current: () => get().paperRun,
      setStopped: (paperRun) => set({ paperRun }),
      apply(messages) {
        const run = get().paperRun;
        if (!run) return;
        set({
          paperRun: applyTrainMessages(run, messages, deps.now()),
          paperInsight: applyInsightMessages(get().paperInsight, messages),
        });
      },
    });

    return {
      paperRun: null,
      paperInsight: null,
      paperError: null,

      startPaperRun() {
        const settings = paperSettings(get().settings);
        return slot.start(
          {
            problems: [],
            dataset: async () => {
              await get().loadBuiltIn('mnist');
              return get().dataset.loaded.mnist ?? null;
            },
            missing: missingDatasetMessage('mnist'),
            refuse: (problems) => set({ paperError: problems }),
            stopPrevious: () => get().stopPaperRun(),
          },
          ({ id: runId, dataset }) => {
            // The figures come from this run from now on.
            set({
              paperRun: newRun(runId, settings, dataset.name, deps.now()),
              paperInsight: noInsightYet(runId),
              paperError: null,
              ...showingPaper(get),
            });
            return {
              configs: runConfigs(settings).map((plan) => ({
                configId: plan.configId,
                config: trainConfig(settings, plan, { streamMasks: false, insight: true }),
              })),
              featureView: get().featureView,
            };
          },
        );
      },

      stopPaperRun() {
        slot.stop();
      },

      showPaperFeatures(view) {
        if (isActive(get().paperRun)) slot.handle()?.showFeatures(view);
      },

      showPaperRun(run) {
        if (isActive(get().paperRun)) return;
        const insight = get().paperInsight?.runId === run.runId ? get().paperInsight : null;
        set({ paperRun: run, paperInsight: insight, paperError: null, ...showingPaper(get) });
      },
    };
  };
