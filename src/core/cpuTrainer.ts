import type { FullyConnectedNet } from './net.ts';
import type { AccuracyCheck, Solver } from './solver.ts';
import type { StepMasks, Trainer, TrainerProgress, TrainerStep } from './trainer.ts';

/**
 * A Trainer on the CPU: the assignment's Solver stepping the net (the classifier, or the paper's autoencoder with
 * checks 'none'). Its losses and checks are known at once: a read hands over those not read yet.
 */
export class CpuTrainer implements Trainer {
  readonly timing = 'steps';
  private pendingLosses: number[] = [];
  private pendingChecks: AccuracyCheck[] = [];

  constructor(private readonly solver: Solver, private readonly net: FullyConnectedNet) {}

  get iterationsPerEpoch(): number {
    return this.solver.iterationsPerEpoch;
  }

  get numIterations(): number {
    return this.solver.numIterations;
  }

  get batchSize(): number {
    return this.solver.batchSize;
  }

  get iteration(): number {
    return this.solver.iteration;
  }

  get epoch(): number {
    return this.solver.epoch;
  }

  get done(): boolean {
    return this.solver.done;
  }

  get checks(): readonly AccuracyCheck[] {
    return this.solver.checks;
  }

  get bestValAcc(): number {
    return this.solver.bestValAcc;
  }

  get bestEpoch(): number {
    return this.solver.bestEpoch;
  }

  step(): TrainerStep {
    const result = this.solver.step();
    this.pendingLosses.push(result.loss);
    if (result.check) this.pendingChecks.push(result.check);
    return result;
  }

  readProgress(): TrainerProgress {
    const progress = { from: this.solver.iteration - this.pendingLosses.length, losses: Float64Array.from(this.pendingLosses), checks: this.pendingChecks };
    this.pendingLosses = [];
    this.pendingChecks = [];
    return progress;
  }

  drainProgress(): TrainerProgress {
    return this.readProgress();
  }

  /** Nothing is read ahead here: the session reads at the diverging step itself. */
  forgetChecksFrom(): void {}

  lastMasks(): StepMasks | null {
    const acts = this.net.lastTrainActivations();
    return acts && { rows: acts.n, masks: acts.masks, hidden: acts.hidden };
  }

  liveNet(): FullyConnectedNet {
    return this.net;
  }

  async trainedNet(): Promise<FullyConnectedNet> {
    this.solver.restoreBestParams();
    return this.net;
  }

  dispose(): void {}
}
