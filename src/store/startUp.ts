import type { Message } from '../core/message.ts';
import type { RawDataset } from '../data/types.ts';

/** What one start (Train, a sweep's Start, the paper's run) brings to the start-up. */
export interface StartRequest {
  /** The settings' problems: any refuses the start before anything loads. */
  problems: readonly Message[];
  /** The dataset to train on, loaded if it has to be; null when it could not be. */
  dataset(): Promise<RawDataset | null>;
  /** What to say when there is no dataset. */
  missing: Message;
  /** Says why it did not start (the slice's error). */
  refuse(problems: readonly Message[]): void;
  /** Ends what the start replaces (the slice's Stop). */
  stopPrevious(): void;
}

/** A start that went through: its id and its data. */
export interface Started {
  id: string;
  dataset: RawDataset;
}

/**
 * The start-up every run and sweep goes through, one per slot that trains: check the settings, load the data, stop
 * the previous one, make a new id (`<prefix>-<time>-<n>`). A start still waiting for its data gives up when a later
 * start or a Stop (`cancel`) came after it.
 */
export function createStartUp(prefix: string, now: () => number) {
  /** Bumped by every start and Stop. */
  let token = 0;
  let counter = 0;
  return {
    /** The new start's id and data, or null when it was refused (said through `refuse`) or overtaken. */
    async begin(request: StartRequest): Promise<Started | null> {
      if (request.problems.length) {
        request.refuse(request.problems);
        return null;
      }
      const mine = ++token;
      const dataset = await request.dataset();
      if (mine !== token) return null;
      if (!dataset) {
        request.refuse([request.missing]);
        return null;
      }
      request.stopPrevious();
      return { id: `${prefix}-${now().toString(36)}-${++counter}`, dataset };
    },
    /** Stop: a start still waiting for its data gives up. */
    cancel() {
      token++;
    },
  };
}

export type StartUp = ReturnType<typeof createStartUp>;
