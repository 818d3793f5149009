import type { Trainer } from '../core/trainer.ts';

/**
 * A configuration's training time, in ms, as its trainer's `timing` says: 'steps' sums the steps' own time; 'wall'
 * counts the time while not paused (a GPU works while the thread records steps or waits for a read: counting the
 * recording alone overstated the speed 50 times on SwiftShader).
 */
export class TrainingClock {
  ms = 0;
  private since = 0;

  constructor(private readonly timing: Trainer['timing']) {}

  /** Training starts or resumes: wall time counts from now. */
  start(): void {
    this.since = performance.now();
  }

  /** After a step that began at `stepStart`. */
  stepped(stepStart: number): void {
    if (this.timing === 'steps') this.ms += performance.now() - stepStart;
    else this.tick();
  }

  /** Wall time up to now (a read has arrived); nothing on 'steps'. */
  tick(): void {
    if (this.timing !== 'wall') return;
    const now = performance.now();
    this.ms += now - this.since;
    this.since = now;
  }
}
