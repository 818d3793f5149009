import { message } from '../core/message.ts';
import { DatasetError } from './types.ts';
import { errorMessage } from '../core/errorMessage.ts';

export interface FetchProgress {
  bytesRead: number;
  /** From Content-Length, else the size we expect; null when neither is known. */
  totalBytes: number | null;
}

export interface FetchAssetOptions {
  fetchImpl?: typeof fetch;
  /** Shown while Content-Length is missing. */
  expectedBytes?: number;
  onProgress?: (progress: FetchProgress) => void;
}

const PROGRESS_STEP = 256 * 1024;

/** Downloads one of the app's own files; network and HTTP failures become a DatasetError naming it. */
export async function fetchAssetBytes(
  url: string,
  fileName: string,
  options: FetchAssetOptions = {},
): Promise<Uint8Array> {
  const { fetchImpl = fetch, expectedBytes, onProgress } = options;
  /** `reason`: the network's words; or the HTTP status the server answered with. */
  const failure = (reason: string, status?: string): DatasetError =>
    new DatasetError(
      fileName,
      status === undefined
        ? message(
            'downloadFailed',
            { name: fileName, url, reason },
            `Could not download ${fileName} from ${url}: ${reason}.`,
          )
        : message(
            'downloadStatus',
            { name: fileName, url, status },
            `Could not download ${fileName} from ${url}: the server answered ${status}.`,
          ),
    );
  try {
    const response = await fetchImpl(url);
    const status = `${response.status} ${response.statusText}`.trim();
    if (!response.ok) throw failure('', status);
    if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
    const announced = Number(response.headers.get('Content-Length'));
    let totalBytes: number | null = Number.isInteger(announced) && announced > 0 ? announced : (expectedBytes ?? null);
    const chunks: Uint8Array[] = [];
    let bytesRead = 0;
    let reported = 0;
    const reader = response.body.getReader();
    onProgress({ bytesRead, totalBytes });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytesRead += value.length;
      // A server that compresses on the way announces fewer bytes than arrive.
      if (totalBytes !== null && bytesRead > totalBytes) totalBytes = null;
      if (bytesRead - reported >= PROGRESS_STEP) {
        reported = bytesRead;
        onProgress({ bytesRead, totalBytes });
      }
    }
    onProgress({ bytesRead, totalBytes: bytesRead });
    const bytes = new Uint8Array(bytesRead);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw failure(errorMessage(error));
  }
}
