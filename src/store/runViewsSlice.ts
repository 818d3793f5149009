import type { StateCreator } from 'zustand';
import type { TileOrder } from '../core/insight/featureTiles.ts';
import type { TrainingRunHandle } from '../worker/trainClient.ts';
import { frameShowing, type FeatureView as WorkerFeatureView, type MaskFrame } from '../worker/trainProtocol.ts';
import type { LabState } from './labState.ts';
import type { RunInsight } from './runInsight.ts';
import { isActive } from './runState.ts';

export const FEATURE_COUNTS = [16, 36, 64, 100, 144, 256] as const;
export type FeatureOrder = TileOrder;
export interface FeatureView extends WorkerFeatureView {
  count: (typeof FEATURE_COUNTS)[number];
}

/** Which example and hidden layer the mask panel shows. */
export interface MaskView {
  example: number;
  layer: number;
}

export interface RunViewsSlice {
  /** The newest dropout mask that arrived (the store takes at most one per update). */
  mask: MaskFrame | null;
  /** The example (row of the minibatch) and hidden layer the mask panel shows. */
  maskView: MaskView;
  inspectMask(view: Partial<MaskView>): void;
  /** Null for a run that was not trained in this session (saved or imported runs keep their numbers, not these figures). */
  insight: RunInsight | null;
  /** How many first-layer units the features cell shows, and in which order. */
  featureView: FeatureView;
  setFeatureView(view: Partial<FeatureView>): void;
}

/**
 * What the mask panel and the "Why it works" cells show of the experiment's run, and what they ask its workers to send
 * (`workers`: the run's, while it has them).
 */
export const createRunViewsSlice =
  (workers: () => TrainingRunHandle | null): StateCreator<LabState, [], [], RunViewsSlice> =>
  (set, get) => ({
    mask: null,
    maskView: { example: 0, layer: 0 },
    insight: null,
    featureView: { count: 64, order: 'norm' },

    setFeatureView(view) {
      const featureView = { ...get().featureView, ...view };
      set({ featureView });
      if (isActive(get().run)) workers()?.showFeatures(featureView);
      get().showPaperFeatures(featureView);
    },

    inspectMask(view) {
      const maskView = { ...get().maskView, ...view };
      // Another example shows at once from the frame's rows, also after the run's workers have ended; another layer
      // comes with the worker's next frame.
      const { mask } = get();
      set({ maskView, mask: mask && maskView.layer === mask.layer ? frameShowing(mask, maskView.example) : mask });
      workers()?.inspect(maskView.example, maskView.layer);
    },
  });
