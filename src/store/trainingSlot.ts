import type { StartTrainingRun, TrainingRunHandle } from '../worker/trainClient.ts';
import type { FromTrainWorker } from '../worker/trainProtocol.ts';
import { createFrameQueue } from './frameQueue.ts';
import type { LabDeps } from './labDeps.ts';
import { isActive, stopRun, type RunState } from './runState.ts';
import { createStartUp, type StartRequest, type Started } from './startUp.ts';

/** Streamed metrics reach the store (and the screen) at most this often. */
const STORE_UPDATE_INTERVAL_MS = 200;

/** Where a slot's run lives in the store, and what its workers' messages change there. */
export interface SlotBinding {
  /** The start of its run ids: `run`, `paper`. */
  prefix: string;
  current(): RunState | null;
  /** Puts the run, stopped, in the store. */
  setStopped(run: RunState): void;
  /** Applies a batch of the workers' messages (at most one batch per STORE_UPDATE_INTERVAL_MS). */
  apply(messages: FromTrainWorker[]): void;
}

/** What a started run's workers train; the slot adds the id, the data and where their messages go. */
export type RunLaunch = Pick<StartTrainingRun, 'configs' | 'featureView'>;

/**
 * One place a run trains (the experiment's, the paper's), per store: its workers' handle, the queue their messages
 * wait in, and the start-up before them.
 */
export function createTrainingSlot(deps: Pick<LabDeps, 'startTrainingRun' | 'now'>, binding: SlotBinding) {
  let handle: TrainingRunHandle | null = null;
  const startUp = createStartUp(binding.prefix, deps.now);
  const queue = createFrameQueue<FromTrainWorker>(binding.apply, STORE_UPDATE_INTERVAL_MS);

  return {
    /** The workers of the run, while it has them. */
    handle: () => handle,

    /** Starts a run: the start-up, then `launch` puts the new run in the store and says what its workers train. */
    async start(request: StartRequest, launch: (started: Started) => RunLaunch): Promise<void> {
      const started = await startUp.begin(request);
      if (!started) return;
      queue.clear();
      const { id: runId, dataset } = started;
      handle = deps.startTrainingRun({ runId, dataset, ...launch(started), onMessage: (m) => queue.push(m) });
    },

    /**
     * Ends the workers (an ended run's workers end themselves, after their figures); a run still going gets its last
     * messages and is kept as stopped, with `mark` (replaced: a new run takes its place).
     */
    stop(mark: Pick<RunState, 'replaced'> = {}): void {
      startUp.cancel();
      handle?.stop();
      handle = null;
      if (!isActive(binding.current())) return;
      queue.flushNow();
      binding.setStopped({ ...stopRun(binding.current()!, deps.now()), ...mark });
    },
  };
}

export type TrainingSlot = ReturnType<typeof createTrainingSlot>;
