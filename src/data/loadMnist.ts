import { MNIST_FILE_NAME, parseMnistBinary } from './mnist.ts';
import { DatasetError, type RawDataset } from './types.ts';

/** Fetches and parses the built-in MNIST file; network and HTTP failures become DatasetErrors. */
export async function fetchMnist(url: string, fetchImpl: typeof fetch = fetch): Promise<RawDataset> {
  const failure = (why: string): DatasetError =>
    new DatasetError(MNIST_FILE_NAME, `Could not download the built-in MNIST data from ${url}: ${why}.`);
  let bytes: ArrayBuffer;
  try {
    const response = await fetchImpl(url);
    if (!response.ok) throw failure(`the server answered ${`${response.status} ${response.statusText}`.trim()}`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw failure(error instanceof Error ? error.message : String(error));
  }
  return parseMnistBinary(new Uint8Array(bytes));
}
