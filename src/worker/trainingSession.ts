import { errorMessage } from '../core/errorMessage.ts';
import type { Trainer, TrainerProgress } from '../core/trainer.ts';
import { DEFAULT_NUM_VAL, makeSplit, validationCount, type DataSplit } from '../data/split.ts';
import type { RawDataset } from '../data/types.ts';
import { configInsight, featureFrame, insightTransfers } from './configInsight.ts';
import { createTrainer } from './createTrainer.ts';
import { MaskStream } from './maskStream.ts';
import { ProgressReader } from './progressReader.ts';
import { TrainingClock } from './trainingClock.ts';
import type {
  ConfigInsight,
  ConfigSummary,
  FeatureView,
  FromTrainWorker,
  TrainConfig,
  TrainStart,
} from './trainProtocol.ts';
import { yieldToEvents } from './yieldToEvents.ts';

export type Post = (message: FromTrainWorker, transfer?: Transferable[]) => void;

/** Posts batched losses and masks at most this often (the store applies them at most five times a second). */
const PROGRESS_INTERVAL_MS = 200;
const MASK_INTERVAL_MS = 200;
/** Drawing 500 units' tiles takes about 15-25 ms: once a second keeps it near 2% of the training time. */
const FEATURES_INTERVAL_MS = 1000;
/** What the features cell shows on first open. */
export const DEFAULT_FEATURE_VIEW: FeatureView = { count: 64, order: 'norm' };
/** Longest stretch of steps between looks at the message queue. */
const SLICE_MS = 12;

export const VALIDATION_SIZE = DEFAULT_NUM_VAL;

/** Trains one configuration of a run, step by step, streaming what it measures; the trainer may be any (trainer.ts). */
export class TrainingSession {
  /** The CPU's Solver and net, or the GPU trainer (createTrainer.ts). */
  readonly trainer: Trainer;
  private readonly runId: string;
  private readonly configId: TrainStart['configId'];
  private readonly config: TrainConfig;
  private readonly split: DataSplit;
  private readonly dataset: RawDataset;
  private featureView: FeatureView;
  private paused: boolean;
  private stepsRequested = 0;
  private wake: (() => void) | null = null;
  private readonly reader: ProgressReader;
  private readonly masks: MaskStream;
  private lastProgressAt = 0;
  private lastMaskAt = -Infinity;
  private lastFeaturesAt = 0;
  private readonly clock: TrainingClock;
  /** With figuresWhenAsked: resolved by computeFigures(); the figures wait for it. */
  private figuresAsked: Promise<void> | null = null;
  computeFigures: () => void = () => {};

  constructor(
    start: TrainStart,
    private readonly post: Post,
    kernel = 'plain',
    device: GPUDevice | null = null,
  ) {
    const { config, dataset } = start;
    this.runId = start.runId;
    this.configId = start.configId;
    this.config = config;
    this.featureView = start.featureView ?? DEFAULT_FEATURE_VIEW;
    this.dataset = dataset;
    this.paused = start.paused ?? false;
    if (start.figuresWhenAsked) this.figuresAsked = new Promise<void>((resolve) => (this.computeFigures = resolve));
    const scale = config.model === 'autoencoder' ? 'unit' : 'meanSubtracted';
    this.split = makeSplit(dataset, {
      numTrain: config.numTrain,
      numVal: validationCount(dataset),
      seed: config.seed,
      scale,
    });
    const { data } = this.split;
    this.trainer = createTrainer(config, data, dataset.classNames.length, device);
    this.reader = new ProgressReader(this.trainer, (progress) => this.postProgress(progress));
    this.masks = new MaskStream(config.hiddenLayers, config.hiddenSize);
    this.clock = new TrainingClock(this.trainer.timing);
    this.send({
      type: 'ready',
      runId: this.runId,
      configId: this.configId,
      numIterations: this.trainer.numIterations,
      iterationsPerEpoch: this.trainer.iterationsPerEpoch,
      numTrain: data.XTrain.shape[0],
      numVal: data.XVal.shape[0],
      kernel,
    });
    this.postFeatures();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  step(): void {
    this.stepsRequested++;
    this.wakeUp();
  }

  /** Which tiles live frames carry; a frame with them follows at once. */
  showFeatures(view: FeatureView): void {
    this.featureView = view;
    if (!this.trainer.done) this.postFeatures();
  }

  inspect(example: number, layer?: number): void {
    this.masks.inspect(example, layer);
    this.lastMaskAt = -Infinity;
    this.postMask();
  }

  /**
   * Steps the trainer to the end (one step per step() while paused). Its losses and checks are read at a check, a loss
   * that is not finite, a single step and at most every PROGRESS_INTERVAL_MS: at once on the CPU; on the GPU into a
   * staging buffer, posted when the read arrives while later steps go on (only a pause and the end wait for reads).
   */
  async run(): Promise<void> {
    const { trainer, reader, clock } = this;
    try {
      clock.start();
      let sliceStart = performance.now();
      while (!trainer.done) {
        reader.check();
        if (reader.stopped) return;
        if (this.paused && this.stepsRequested === 0) {
          if (!(await this.settle())) return;
          // A step or resume may have come while the reads settled.
          if (this.paused && this.stepsRequested === 0) await new Promise<void>((resolve) => (this.wake = resolve));
          clock.start();
          sliceStart = performance.now();
          continue;
        }
        const single = this.paused;
        if (single) this.stepsRequested--;
        if (!(await this.stepAndPost(single))) return;
        if (single || performance.now() - sliceStart >= SLICE_MS) {
          await yieldToEvents();
          sliceStart = performance.now();
        }
      }
      if (!(await this.settle())) return;
      // The results first: the figures below take about a second more and follow on their own.
      this.finish('finished', null);
      if (this.config.insight) await this.figuresAsked;
      await this.postInsight();
    } finally {
      trainer.dispose();
    }
  }

  /** One step and what follows it: a read where one is due (at once for a single step), the mask, the live tiles; false where the run ended. */
  private async stepAndPost(single: boolean): Promise<boolean> {
    const { trainer, reader } = this;
    const stepStart = performance.now();
    const stepping = trainer.step();
    const result = stepping instanceof Promise ? await stepping : stepping;
    this.clock.stepped(stepStart);
    // A read that arrived meanwhile may have ended the run (diverged): nothing more is posted.
    if (reader.stopped) return false;
    const stepMasks = this.config.streamMasks ? trainer.lastMasks() : null;
    if (stepMasks) this.masks.track(stepMasks);
    const now = performance.now();
    const diverging = result.loss !== null && !Number.isFinite(result.loss);
    if (single) await this.drain();
    else if ((result.check || diverging || now - this.lastProgressAt >= PROGRESS_INTERVAL_MS) && reader.request())
      this.lastProgressAt = now;
    if (reader.stopped) return false;
    if (single || now - this.lastMaskAt >= MASK_INTERVAL_MS) this.postMask();
    if (single || now - this.lastFeaturesAt >= FEATURES_INTERVAL_MS) this.postFeatures();
    return true;
  }

  /** What stays on screen while paused and at the end: every loss and check read and posted, and the last mask. */
  private async settle(): Promise<boolean> {
    if (!(await this.drain())) return false;
    this.postMask();
    return true;
  }

  private drain(): Promise<boolean> {
    this.lastProgressAt = performance.now();
    return this.reader.drain(() => this.clock.tick());
  }

  /**
   * Posts a read's losses and checks; false (after ending the run as diverged) when a loss is not finite: nothing after
   * the diverging iteration is reported.
   */
  private postProgress({ from, losses, checks }: TrainerProgress): boolean {
    if (losses.length === 0) return true;
    const bad = losses.findIndex((l) => !Number.isFinite(l));
    const kept = bad >= 0 ? losses.slice(0, bad + 1) : losses;
    const sent = kept instanceof Float32Array ? kept : Float32Array.from(kept);
    const badIteration = bad >= 0 ? from + bad + 1 : Infinity;
    this.send(
      {
        type: 'progress',
        runId: this.runId,
        configId: this.configId,
        firstIteration: from + 1,
        // The epoch of the read's last iteration: the trainer may be a few steps further on.
        losses: sent,
        epoch: Math.floor((from + kept.length) / this.trainer.iterationsPerEpoch),
        elapsedMs: this.clock.ms,
        paused: this.paused,
      },
      [sent.buffer],
    );
    for (const check of checks) {
      if (check.iteration < badIteration)
        this.send({ type: 'check', runId: this.runId, configId: this.configId, check });
    }
    if (bad < 0) return true;
    this.trainer.forgetChecksFrom(badIteration);
    this.finish('diverged', `diverged at iteration ${badIteration} (the loss became ${losses[bad]})`, badIteration);
    return false;
  }

  /** The last step's mask frame (after a step: the masks the trainer drew or uploaded). */
  private postMask(): void {
    const stepMasks = this.config.streamMasks ? this.trainer.lastMasks() : null;
    if (!stepMasks) return;
    this.lastMaskAt = performance.now();
    const { frame, transfer } = this.masks.frame(this.trainer.iteration, stepMasks);
    this.send({ type: 'mask', runId: this.runId, configId: this.configId, frame }, transfer);
  }

  /** The first layer's tiles while training; where the parameters stay on a device (GPU), the final tiles only. */
  private postFeatures(): void {
    const net = this.config.insight ? this.trainer.liveNet() : null;
    if (!net) return;
    this.lastFeaturesAt = performance.now();
    const frame = featureFrame(net, this.dataset.imageShape, this.trainer.iteration, this.featureView);
    this.send({ type: 'features', runId: this.runId, configId: this.configId, frame }, [
      frame.rgba.buffer as ArrayBuffer,
    ]);
  }

  /** The figures of the trained net (best parameters, as the assignment's train() leaves them). A failure loses the figures, not the run. */
  private async postInsight(): Promise<void> {
    if (!this.config.insight) return;
    let insight: ConfigInsight;
    try {
      insight = configInsight(
        await this.trainer.trainedNet(),
        this.split,
        this.dataset,
        this.config.seed,
        this.trainer.iteration,
      );
    } catch (error) {
      this.send({
        type: 'insight',
        runId: this.runId,
        configId: this.configId,
        insight: null,
        problem: errorMessage(error),
      });
      return;
    }
    this.send(
      { type: 'insight', runId: this.runId, configId: this.configId, insight, problem: null },
      insightTransfers(insight),
    );
  }

  private finish(outcome: ConfigSummary['outcome'], message: string | null, iterations = this.trainer.iteration): void {
    const { checks, bestValAcc, bestEpoch } = this.trainer;
    const last = checks.at(-1);
    const summary: ConfigSummary = {
      outcome,
      iterations,
      finalTrainAcc: last?.trainAcc ?? NaN,
      finalValAcc: last?.valAcc ?? NaN,
      bestValAcc: checks.length ? bestValAcc : NaN,
      bestEpoch,
      elapsedMs: this.clock.ms,
      message,
    };
    this.send({ type: 'done', runId: this.runId, configId: this.configId, summary });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private send(message: FromTrainWorker, transfer: Transferable[] = []): void {
    this.post(message, transfer);
  }
}
