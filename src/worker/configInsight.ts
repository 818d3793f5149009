import { activationStats } from '../core/insight/activationStats.ts';
import { featureTiles } from '../core/insight/featureTiles.ts';
import { reconstructions } from '../core/insight/reconstructions.ts';
import { MC_SAMPLE_COUNTS, mcDropoutEvaluate, mostUncertainRows } from '../core/insight/mcDropout.ts';
import type { FullyConnectedNet } from '../core/net.ts';
import { createRng, deriveSeed, type Seed } from '../core/random.ts';
import type { DataSplit } from '../data/split.ts';
import type { RawDataset } from '../data/types.ts';
import type { ConfigInsight, FeatureFrame, FeatureView } from './trainProtocol.ts';

/** How many of the ensemble's least certain validation images the MC cell shows. */
export const UNCERTAIN_EXAMPLES = 8;
/** How many validation digits an autoencoder's reconstructions figure shows. */
export const RECONSTRUCTED_EXAMPLES = 8;

/** A live frame (only the tiles of `view`) or the final one (every order, with the roughness). */
export function featureFrame(
  model: FullyConnectedNet,
  imageShape: RawDataset['imageShape'],
  iteration: number,
  view: FeatureView | 'final',
): FeatureFrame {
  const W1 = model.params.W1;
  const final = view === 'final';
  const tiles = featureTiles(
    W1.data,
    W1.shape[1],
    imageShape,
    final ? {} : { withRoughness: false, maxTiles: view.count, order: view.order },
  );
  return { ...tiles, iteration, final };
}

/**
 * The "Why it works" figures of a trained net (call after the solver restored its best parameters): its first layer's
 * weights, the first hidden layer's activations in test mode on the validation set, and Monte-Carlo dropout against
 * the test-mode pass with masks from their own stream (`deriveSeed(seed, 'mc-masks')`).
 */
export function configInsight(
  model: FullyConnectedNet,
  split: DataSplit,
  dataset: RawDataset,
  seed: Seed,
  iteration: number,
): ConfigInsight {
  const { XVal, yVal } = split.data;
  const n = XVal.shape[0];
  const features = featureFrame(model, dataset.imageShape, iteration, 'final');
  const hiddenUnits = model.dims[1];
  const hidden = model.runStages(XVal.data, { n, train: false, maskRng: createRng(0) }, 0, 1);
  const activations = activationStats(hidden, n, hiddenUnits);
  const { imageShape, classNames } = dataset;
  // The paper's autoencoder: its figures are the tiles, the activations and what it makes of validation digits.
  if (model.model === 'autoencoder') {
    return {
      imageShape,
      classNames,
      features,
      activations,
      mc: null,
      uncertain: [],
      reconstructions: reconstructions(model, XVal, RECONSTRUCTED_EXAMPLES),
    };
  }
  if (!model.useDropout)
    return { imageShape, classNames, features, activations, mc: null, uncertain: [], reconstructions: null };
  const mc = mcDropoutEvaluate(model, XVal, yVal, MC_SAMPLE_COUNTS, deriveSeed(seed, 'mc-masks'));
  const c = dataset.classNames.length;
  const records = split.valSource === 'test' && dataset.test ? dataset.test : dataset.train;
  const [channels, height, width] = dataset.imageShape;
  const size = channels * height * width;
  const uncertain = mostUncertainRows(mc.entropy, UNCERTAIN_EXAMPLES).map((row) => {
    const source = split.valIndices[row];
    return {
      row,
      pixels: records.images.slice(source * size, (source + 1) * size),
      trueLabel: yVal[row],
      predicted: mc.predicted[row],
      entropy: mc.entropy[row],
      confidence: mc.meanProbs[row * c + mc.predicted[row]],
    };
  });
  return {
    imageShape: dataset.imageShape,
    classNames: dataset.classNames,
    features,
    activations,
    mc: { sampleCounts: mc.sampleCounts, mcAcc: mc.mcAcc, deterministicAcc: mc.deterministicAcc },
    uncertain,
    reconstructions: null,
  };
}

/** The buffers a posted insight transfers rather than copies. */
export function insightTransfers(insight: ConfigInsight): Transferable[] {
  const { features, uncertain, reconstructions: made } = insight;
  return [
    features.rgba.buffer as ArrayBuffer,
    ...uncertain.map((u) => u.pixels.buffer as ArrayBuffer),
    ...(made ? [made.originals.buffer as ArrayBuffer, made.reconstructed.buffer as ArrayBuffer] : []),
  ];
}
