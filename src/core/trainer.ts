import type { FullyConnectedNet } from './net.ts';
import type { TrainingSchedule } from './schedule.ts';
import type { AccuracyCheck } from './solver.ts';
import type { FloatArray } from './tensor.ts';

/** One step as a trainer reports it at once. */
export interface TrainerStep {
  /** Iterations done, counting this one. */
  iteration: number;
  epoch: number;
  /** The step's loss where it is known at once (the CPU); null where it comes with a later read (the GPU). */
  loss: number | null;
  /** The check run after this step where its figures are known at once; null where none ran or they come later. */
  check: AccuracyCheck | null;
  done: boolean;
}

/** What one read of a trainer brings: the losses of iterations from+1..from+losses.length, and the checks run since the last read. */
export interface TrainerProgress {
  from: number;
  /** In the trainer's own precision: whether a loss is finite is decided on these (they are posted as float32). */
  losses: Float32Array | Float64Array;
  checks: AccuracyCheck[];
}

/** The dropout masks of the last step, one [rows, units] array per hidden layer, and (where at hand) each layer's ReLU output. */
export interface StepMasks {
  rows: number;
  masks: readonly FloatArray[];
  hidden: readonly FloatArray[] | null;
}

/**
 * One configuration's training, whatever computes it: the CPU (cpuTrainer.ts: the Solver and the net, the classifier
 * or the autoencoder) or a GPU (gpu/gpuTrainer.ts). The training session runs one loop over it: steps, reads of the
 * losses and checks, masks, the figures' net, the end.
 */
export interface Trainer extends TrainingSchedule {
  readonly batchSize: number;
  readonly iteration: number;
  readonly epoch: number;
  readonly done: boolean;
  /** The checks read so far (the summary's), and the best of them as the Solver keeps it. */
  readonly checks: readonly AccuracyCheck[];
  readonly bestValAcc: number;
  readonly bestEpoch: number;
  /**
   * How a session counts training time: 'steps' sums the steps' own time (a step does its work), 'wall' the time while
   * not paused (a step only records work that a device does meanwhile).
   */
  readonly timing: 'steps' | 'wall';
  /** One iteration, and the check after it when one is due; a GPU's waits for nothing but the first submission. */
  step(): TrainerStep | Promise<TrainerStep>;
  /**
   * Reads the losses and checks not read yet: at once (the CPU), or later while steps go on, in order (the GPU); null
   * where no read can start now (try again later).
   */
  readProgress(): TrainerProgress | Promise<TrainerProgress> | null;
  /** Waits for the reads in flight, then reads the rest (a pause, the end). */
  drainProgress(): TrainerProgress | Promise<TrainerProgress>;
  /**
   * The run diverged at `iteration`: the checks read past what was posted are dropped (a GPU reads ahead of the
   * posts). The Solver stops at that step: it keeps the check it ran there, as it always has.
   */
  forgetChecksFrom(iteration: number): void;
  /** The last step's masks (none where nothing drops units); null before the first step. */
  lastMasks(): StepMasks | null;
  /** The net holding the current parameters, for live figures; null where they stay on a device while training. */
  liveNet(): FullyConnectedNet | null;
  /** The net with the parameters the figures show, as the assignment's train() leaves them: the best kept, else the last. */
  trainedNet(): Promise<FullyConnectedNet>;
  dispose(): void;
}
