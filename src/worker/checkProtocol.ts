import type { BackwardCheckResult, ForwardCheckRow, NetCheckRow } from '../core/notebookChecks.ts';
import type { DropoutScaling } from '../core/layers.ts';

/** Messages between the page and the worker that runs the notebook's checks (cells 1-3). */
export type CheckRequest =
  | { type: 'forward'; requestId: number; scaling: DropoutScaling }
  | { type: 'backward'; requestId: number }
  | { type: 'net'; requestId: number };

export type CheckResponse =
  | { type: 'forward'; requestId: number; rows: ForwardCheckRow[]; scaling: DropoutScaling }
  | { type: 'backward'; requestId: number; result: BackwardCheckResult }
  | { type: 'net'; requestId: number; rows: NetCheckRow[] }
  | { type: 'error'; requestId: number; message: string };

/** A request as the page writes it; the client adds the id. */
export type CheckRequestBody = CheckRequest extends infer R
  ? R extends CheckRequest
    ? Omit<R, 'requestId'>
    : never
  : never;
