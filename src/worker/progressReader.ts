import type { Trainer, TrainerProgress } from '../core/trainer.ts';

/**
 * Reads a run's losses and checks without making training wait, and posts them in order: a read that comes at once
 * (the CPU) is posted at once; one that comes later (the GPU, into one of its two staging buffers) when it arrives,
 * while later steps go on. `drain` waits for the reads in flight and reads the rest (a pause, the end). A read's
 * failure (a lost device) is rethrown by `check`.
 */
export class ProgressReader {
  /** Set when a posted read ended the run (a loss that is not finite): nothing more is posted. */
  stopped = false;
  private posts: Promise<void> = Promise.resolve();
  /** The failure of a read made earlier, as it was thrown (boxed: anything may be thrown). */
  private failure: { error: unknown } | null = null;

  /** `post` sends a read's losses and checks; false where it ended the run. */
  constructor(
    private readonly trainer: Pick<Trainer, 'readProgress' | 'drainProgress'>,
    private readonly post: (progress: TrainerProgress) => boolean,
  ) {}

  /** Throws the failure of a read made earlier, if one failed. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Starts a read of what is not read yet; false where no read can start now (try again later). A trainer's reads all
   * come at once or all later, so one that comes at once has none before it to wait for.
   */
  request(): boolean {
    const read = this.trainer.readProgress();
    if (!read) return false;
    if (!(read instanceof Promise)) {
      if (!this.stopped && !this.post(read)) this.stopped = true;
      return true;
    }
    // Handled here too: once the run has ended, a read cut short by the trainer's disposal is of no interest.
    read.catch(() => {});
    this.posts = this.posts.then(async () => {
      if (this.stopped || this.failure) return;
      try {
        if (!this.post(await read)) this.stopped = true;
      } catch (error) {
        this.failure = { error };
      }
    });
    return true;
  }

  /** Waits for the reads in flight, then reads and posts the rest; false where the run has ended. `onRead` runs before posting. */
  async drain(onRead: () => void): Promise<boolean> {
    await this.posts;
    this.check();
    if (this.stopped) return false;
    const progress = await this.trainer.drainProgress();
    onRead();
    if (!this.post(progress)) this.stopped = true;
    return !this.stopped;
  }
}
