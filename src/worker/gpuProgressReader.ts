import type { GpuProgress, GpuTrainer } from '../core/gpu/gpuTrainer.ts';

/**
 * Reads a GPU run's losses and checks without making training wait: `request` starts a read (into one of the trainer's
 * two staging buffers) whose result is posted when it arrives, in order, while later steps go on; `drain` waits for
 * the reads in flight and reads the rest (a pause, the end). A read's failure (a lost device) is rethrown by `check`.
 */
export class GpuProgressReader {
  /** Set when a posted read ended the run (a loss that is not finite): nothing more is posted. */
  stopped = false;
  private posts: Promise<void> = Promise.resolve();
  /** The failure of a read made earlier, as it was thrown (boxed: anything may be thrown). */
  private failure: { error: unknown } | null = null;

  /** `post` sends a read's losses and checks; false where it ended the run. */
  constructor(private readonly trainer: GpuTrainer, private readonly post: (progress: GpuProgress) => boolean) {}

  /** Throws the failure of a read made earlier, if one failed. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Starts a read of what is not read yet; false where both staging buffers are still in flight (try again later). */
  request(): boolean {
    const read = this.trainer.readProgress();
    if (!read) return false;
    // Handled here too: once the run has ended, a read cut short by the trainer's destruction is of no interest.
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
