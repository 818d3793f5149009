import type { StateCreator } from 'zustand';
import type { Message } from '../core/message.ts';
import type { FromTrainWorker } from '../worker/trainProtocol.ts';
import type { TrainingRunHandle } from '../worker/trainClient.ts';
import type { FeatureView, RunInsight } from './experimentSlice.ts';
import { missingDatasetMessage } from './experimentSlice.ts';
import { createFrameQueue } from './frameQueue.ts';
import type { LabDeps } from './labDeps.ts';
import type { LabState } from './labState.ts';
import { applyInsightMessages } from './runInsight.ts';
import { applyTrainMessages, isActive, newRun, runConfigs, stopRun, trainConfig, type RunState } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';

/**
 * The dropout paper's setting for its Figures 7 and 8 (section 7.1-7.2), as `../shared/bench/paper_autoencoder.py`
 * re-runs it: an MNIST autoencoder 784-256-784 with ReLU hidden units and a sigmoid output, dropout p = 0.5 on the
 * hidden units against p = 1, 9,000 training digits, Adam 1e-3 in batches of 100. Its effects need the epochs: at 5
 * the activations are already sparser with dropout, the tiles do not differ yet.
 */
export const PAPER_SETTING = {
  model: 'autoencoder', dataset: 'mnist', hiddenSize: 256, hiddenLayers: 1, numTrain: 9000, epochs: 20, batchSize: 100,
  learningRate: 1e-3, keepProb: 0.5, scaling: 'inverted', updateRule: 'adam',
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

const STORE_UPDATE_INTERVAL_MS = 200;

/** "Why it works" turns to the paper's figures, unless the link fixes which model it shows. */
function showingPaper(get: () => LabState): Partial<LabState> {
  return get().view.fixed.includes('model') ? {} : { settings: { ...get().settings, model: 'autoencoder' } };
}

export const createPaperSlice = (deps: Pick<LabDeps, 'startTrainingRun' | 'now'>): StateCreator<LabState, [], [], PaperSlice> => (set, get) => {
  let handle: TrainingRunHandle | null = null;
  let startToken = 0;
  let runCounter = 0;

  const queue = createFrameQueue<FromTrainWorker>((messages) => {
    const run = get().paperRun;
    if (!run) return;
    set({ paperRun: applyTrainMessages(run, messages, deps.now()), paperInsight: applyInsightMessages(get().paperInsight, messages) });
  }, STORE_UPDATE_INTERVAL_MS);

  return {
    paperRun: null,
    paperInsight: null,
    paperError: null,

    async startPaperRun() {
      const settings = paperSettings(get().settings);
      const token = ++startToken;
      await get().loadBuiltIn('mnist');
      if (token !== startToken) return;
      const dataset = get().dataset.loaded.mnist;
      if (!dataset) {
        set({ paperError: [missingDatasetMessage('mnist')] });
        return;
      }
      get().stopPaperRun();
      const runId = `paper-${deps.now().toString(36)}-${++runCounter}`;
      queue.clear();
      // The figures come from this run from now on.
      set({
        paperRun: newRun(runId, settings, dataset.name, deps.now()), paperInsight: { runId, features: {}, configs: {}, problems: {} },
        paperError: null, ...showingPaper(get),
      });
      handle = deps.startTrainingRun({
        runId,
        dataset,
        configs: runConfigs(settings).map((plan) => ({
          configId: plan.configId, config: trainConfig(settings, plan, { streamMasks: false, insight: true }),
        })),
        featureView: get().featureView,
        onMessage: (m) => queue.push(m),
      });
    },

    stopPaperRun() {
      startToken++;
      handle?.stop();
      handle = null;
      const run = get().paperRun;
      if (!run || !isActive(run)) return;
      queue.flushNow();
      set({ paperRun: stopRun(get().paperRun!, deps.now()) });
    },

    showPaperFeatures(view) {
      if (isActive(get().paperRun)) handle?.showFeatures(view);
    },

    showPaperRun(run) {
      if (isActive(get().paperRun)) return;
      const insight = get().paperInsight?.runId === run.runId ? get().paperInsight : null;
      set({ paperRun: run, paperInsight: insight, paperError: null, ...showingPaper(get) });
    },
  };
};
