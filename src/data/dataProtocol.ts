import type { CifarLoadLimits, LoadProgress } from './loadCifar.ts';
import type { RawDataset } from './types.ts';

/** Main thread → data worker. */
export type DataRequest =
  | { type: 'loadCifar'; requestId: number; files: File[]; limits?: Partial<CifarLoadLimits> }
  /** `url` must be absolute (or relative to the worker script): see dataClient.loadMnist. */
  | { type: 'loadMnist'; requestId: number; url: string };

/** Data worker → main thread. A request gets any number of 'progress' answers, then 'loaded' or 'error'. */
export type DataResponse =
  /** The dataset's image and label buffers are transferred, not copied. */
  | { type: 'loaded'; requestId: number; dataset: RawDataset }
  | { type: 'progress'; requestId: number; progress: LoadProgress }
  /** fileName is set for a DatasetError (the file at fault), null for anything else. */
  | { type: 'error'; requestId: number; message: string; fileName: string | null };
