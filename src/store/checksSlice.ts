import type { StateCreator } from 'zustand';
import type { DropoutScaling } from '../core/layers.ts';
import type { BackwardCheckResult, ForwardCheckRow, NetCheckRow } from '../core/notebookChecks.ts';
import type { CheckRequest, CheckRequestBody, CheckResponse } from '../worker/checkProtocol.ts';
import type { LabState } from './labState.ts';
import type { LabDeps } from './labDeps.ts';
import { errorMessage } from '../core/errorMessage.ts';

export type CellStatus = 'idle' | 'running' | 'done' | 'failed';

export interface CellState<T> {
  status: CellStatus;
  result: T | null;
  error: string | null;
  elapsedMs: number | null;
}

export interface ForwardCellResult {
  scaling: DropoutScaling;
  rows: ForwardCheckRow[];
}

export interface ChecksSlice {
  forwardCell: CellState<ForwardCellResult>;
  backwardCell: CellState<BackwardCheckResult>;
  netCell: CellState<NetCheckRow[]>;
  forwardScaling: DropoutScaling;
  setForwardScaling(scaling: DropoutScaling): void;
  runForwardCheck(): Promise<void>;
  runBackwardCheck(): Promise<void>;
  runNetCheck(): Promise<void>;
  /** Runs the cells in order, as Jupyter's Run all: the three checks, one after another, then the experiment. */
  runAll(): Promise<void>;
}

const idle = <T>(): CellState<T> => ({ status: 'idle', result: null, error: null, elapsedMs: null });

type CellKey = 'forwardCell' | 'backwardCell' | 'netCell';

export const createChecksSlice =
  (deps: Pick<LabDeps, 'checkClient'>): StateCreator<LabState, [], [], ChecksSlice> =>
  (set, get) => {
    /** Runs one check in the worker; a failure is shown in the cell and the last result is kept. */
    async function runCell<K extends CellKey>(key: K, compute: () => Promise<LabState[K]['result']>) {
      const started = performance.now();
      set({ [key]: { ...get()[key], status: 'running', error: null } } as Partial<LabState>);
      try {
        const result = await compute();
        set({
          [key]: { status: 'done', result, error: null, elapsedMs: performance.now() - started },
        } as Partial<LabState>);
      } catch (error) {
        const message = errorMessage(error);
        set({ [key]: { ...get()[key], status: 'failed', error: message } } as Partial<LabState>);
      }
    }

    /** Sends a check to the worker and unwraps its answer (an error answer becomes an exception). */
    async function ask<T extends CheckRequest['type']>(request: Omit<Extract<CheckRequest, { type: T }>, 'requestId'>) {
      const response = await deps.checkClient().run(request as CheckRequestBody);
      if (response.type === 'error') throw new Error(response.message);
      if (response.type !== request.type) throw new Error(`Unexpected answer "${response.type}" from the check worker`);
      return response as Extract<CheckResponse, { type: T }>;
    }

    return {
      forwardCell: idle(),
      backwardCell: idle(),
      netCell: idle(),
      forwardScaling: 'inverted',
      setForwardScaling(scaling) {
        set({ forwardScaling: scaling });
        if (get().forwardCell.status !== 'idle') void get().runForwardCheck();
      },
      runForwardCheck: () =>
        runCell('forwardCell', async () => {
          const { scaling, rows } = await ask<'forward'>({ type: 'forward', scaling: get().forwardScaling });
          return { scaling, rows };
        }),
      runBackwardCheck: () => runCell('backwardCell', async () => (await ask<'backward'>({ type: 'backward' })).result),
      runNetCheck: () => runCell('netCell', async () => (await ask<'net'>({ type: 'net' })).rows),
      async runAll() {
        await get().runForwardCheck();
        await get().runBackwardCheck();
        await get().runNetCheck();
        await get().startRun();
      },
    };
  };
