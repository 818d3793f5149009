import type { FullyConnectedNet } from './net.ts';
import { Solver, type AccuracyCheck, type SolverData, type SolverOptions, type StepResult } from './solver.ts';
import type { StepMasks, Trainer, TrainerProgress } from './trainer.ts';

/**
 * A Trainer on the CPU: the assignment's Solver stepping the net (the classifier, or the paper's autoencoder with
 * checks 'none'). Its losses and checks are known at once: a read hands over those not read yet.
 */
export class CpuTrainer extends Solver implements Trainer {
  readonly timing = 'steps';
  private pendingLosses: number[] = [];
  private pendingChecks: AccuracyCheck[] = [];

  constructor(
    private readonly net: FullyConnectedNet,
    data: SolverData,
    options: SolverOptions,
  ) {
    super(net, data, options);
  }

  override step(): StepResult {
    const result = super.step();
    this.pendingLosses.push(result.loss);
    if (result.check) this.pendingChecks.push(result.check);
    return result;
  }

  readProgress(): TrainerProgress {
    const progress = {
      from: this.iteration - this.pendingLosses.length,
      losses: Float64Array.from(this.pendingLosses),
      checks: this.pendingChecks,
    };
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

  trainedNet(): Promise<FullyConnectedNet> {
    this.restoreBestParams();
    return Promise.resolve(this.net);
  }

  dispose(): void {}
}
