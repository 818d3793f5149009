import type { BuiltInDatasetId } from '../data/builtInDatasets.ts';
import type { CifarLoadLimits } from '../data/loadCifar.ts';
import type { Message } from '../core/message.ts';
import type { RawDataset } from '../data/types.ts';

/** Bytes read so far of one file (a user's file, or a built-in dataset being downloaded). */
export interface DataProgress {
  fileName: string;
  bytesRead: number;
  /** null while unknown (a download without Content-Length). */
  totalBytes: number | null;
}

/** Main thread → data worker. */
export type DataRequest =
  | { type: 'loadCifar'; requestId: number; files: File[]; limits?: Partial<CifarLoadLimits> }
  /** One URL per file of the dataset, absolute (a worker resolves relative ones against its script): see dataClient.loadBuiltIn. */
  | { type: 'loadBuiltIn'; requestId: number; dataset: BuiltInDatasetId; urls: string[] };

/** Data worker → main thread. A request gets any number of 'progress' answers, then 'loaded' or 'error'. */
export type DataResponse =
  /** The dataset's image and label buffers are transferred, not copied. */
  | { type: 'loaded'; requestId: number; dataset: RawDataset }
  | { type: 'progress'; requestId: number; progress: DataProgress }
  /** fileName and detail are set for a DatasetError (the file at fault, and why as a message the UI words), null for anything else. */
  | { type: 'error'; requestId: number; message: string; fileName: string | null; detail: Message | null };
