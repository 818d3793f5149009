import { CpuTrainer } from '../core/cpuTrainer.ts';
import { GpuTrainer } from '../core/gpu/gpuTrainer.ts';
import { FullyConnectedNet } from '../core/net.ts';
import { deriveSeed } from '../core/random.ts';
import type { SolverData } from '../core/solver.ts';
import type { Trainer } from '../core/trainer.ts';
import type { TrainConfig } from './trainProtocol.ts';

/**
 * The trainer of one configuration: on kernels 'gpu' the GPU trainer (the classifier, with Adam; no CPU Solver), else
 * the CPU's Solver and net (the classifier, or the paper's autoencoder: trained to its end, never checked).
 */
export function createTrainer(
  config: TrainConfig,
  data: SolverData,
  numClasses: number,
  device: GPUDevice | null,
): Trainer {
  const hiddenDims = Array.from({ length: config.hiddenLayers }, () => config.hiddenSize);
  // One mask stream for every configuration that drops units, so two runs with the same p differ only in scaling.
  const maskSeed = deriveSeed(config.seed, 'masks');
  const autoencoder = config.model === 'autoencoder';
  if (config.kernels === 'gpu') {
    if (autoencoder) throw new Error('the GPU path trains the classifier only; the autoencoder trains on the CPU');
    if (!device) throw new Error('the GPU path needs a WebGPU device');
    if (config.updateRule !== 'adam') throw new Error(`the GPU path trains with Adam, not ${config.updateRule}`);
    return new GpuTrainer(device, data, {
      hiddenDims,
      numClasses,
      keepProb: config.keepProb,
      scaling: config.scaling,
      weightScale: config.weightScale,
      seed: config.seed,
      maskSeed,
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      numEpochs: config.epochs,
    });
  }
  const inputDim = data.XTrain.data.length / data.XTrain.shape[0];
  const net = new FullyConnectedNet({
    hiddenDims,
    inputDim,
    numClasses: autoencoder ? inputDim : numClasses,
    model: config.model,
    init: autoencoder ? 'fanIn' : 'weightScale',
    dropout: config.keepProb,
    weightScale: config.weightScale,
    dtype: 'float32',
    seed: config.seed,
    maskSeed,
    dropoutScaling: config.scaling,
  });
  return new CpuTrainer(net, data, {
    updateRule: config.updateRule,
    optimConfig: { learningRate: config.learningRate },
    batchSize: config.batchSize,
    numEpochs: config.epochs,
    seed: config.seed,
    checks: autoencoder ? 'none' : 'accuracy',
  });
}
