/** Test helpers: gzip, chunked streams, file sources and CIFAR-style records in memory (tar archives: ../tarWriter.ts). */
import type { CifarFileSource } from '../loadCifar.ts';

export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A stream yielding `bytes` in chunks of the given sizes, cycling through them. */
export function chunkedStream(
  bytes: Uint8Array,
  chunkSizes: number[] = [65536],
  onCancel?: () => void,
): ReadableStream<Uint8Array> {
  let at = 0;
  let turn = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const size = Math.max(1, chunkSizes[turn++ % chunkSizes.length]);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
    cancel: () => onCancel?.(),
  });
}

/** Something loadCifarFiles accepts, like a browser File. */
export function fileSource(name: string, bytes: Uint8Array, chunkSizes?: number[]): CifarFileSource {
  return { name, size: bytes.length, stream: () => chunkedStream(bytes, chunkSizes) };
}

/** CIFAR-10-format records (or any pixel count): pixel j of record i is `pixel(i, j)`. */
export function makeRecords(
  labels: number[],
  pixelsPerImage = 3072,
  pixel = (i: number, j: number) => (i * 31 + j * 7) % 256,
): Uint8Array {
  const record = pixelsPerImage + 1;
  const out = new Uint8Array(labels.length * record);
  labels.forEach((label, i) => {
    out[i * record] = label;
    for (let j = 0; j < pixelsPerImage; j++) out[i * record + 1 + j] = pixel(i, j);
  });
  return out;
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream as ReadableStream<Uint8Array<ArrayBuffer>>).arrayBuffer());
}
