import { message } from '../core/message.ts';
import { looksLike, looksLikeParams } from './fileSniff.ts';
import { formatCount } from './labeledRecords.ts';
import { DatasetError } from './types.ts';

export const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function hasGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * Passes a gzip stream through unchanged, or fails it with a clear DatasetError when it does not
 * start with gzip's magic number (reading up to 512 bytes first, to say what it looks like).
 */
function requireGzipMagic(fileName: string): TransformStream<Uint8Array, Uint8Array> {
  let head = new Uint8Array(0);
  let state: 'unknown' | 'gzip' | 'other' = 'unknown';
  const refuse = (): never => {
    const guess = looksLike(head);
    throw new DatasetError(
      fileName,
      message(
        'notGzip',
        { name: fileName, ...looksLikeParams(guess) },
        `${fileName} is not gzip-compressed${guess ? `: it looks like ${guess.text}` : ''}. Expected the CIFAR-10 binary archive, cifar-10-binary.tar.gz.`,
      ),
    );
  };
  return new TransformStream({
    transform(chunk, controller) {
      if (state === 'gzip') {
        controller.enqueue(chunk);
        return;
      }
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < 2) return;
      if (hasGzipMagic(head)) {
        state = 'gzip';
        controller.enqueue(head);
        return;
      }
      state = 'other';
      if (head.length >= 512) refuse();
    },
    flush() {
      if (state !== 'gzip') refuse();
    },
  });
}

/**
 * Decompresses a gzip stream with the platform's DecompressionStream. Any failure (not gzip,
 * corrupted, truncated) surfaces as a DatasetError from the returned stream's reads, never as
 * an unhandled rejection.
 */
export function gunzip(stream: ReadableStream<Uint8Array>, fileName: string): ReadableStream<Uint8Array> {
  // `as` because TS's DOM typings don't yet let BufferSource-typed streams carry Uint8Array<ArrayBufferLike>.
  const decompressed = stream
    .pipeThrough(requireGzipMagic(fileName))
    .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = decompressed.getReader();
  let bytesOut = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        bytesOut += value.length;
        controller.enqueue(value);
      } catch (error) {
        controller.error(asGzipError(error, fileName, bytesOut));
      }
    },
    cancel: (reason) => reader.cancel(reason).catch(() => undefined),
  });
}

function asGzipError(error: unknown, fileName: string, bytesOut: number): DatasetError {
  if (error instanceof DatasetError) return error;
  const reason = error instanceof Error && error.message ? error.message : '';
  const detail = reason ? ` (${reason})` : '';
  return new DatasetError(
    fileName,
    message(
      'gzipCorrupt',
      {
        name: fileName,
        after: bytesOut > 0 ? 'yes' : 'no',
        bytes: formatCount(bytesOut),
        engine: reason ? 'yes' : 'no',
        reason,
      },
      `${fileName} could not be decompressed${bytesOut > 0 ? ` after ${formatCount(bytesOut)} bytes` : ''}: the gzip data is corrupted or ` +
        `incomplete${detail}. The download may have been cut short; try downloading it again.`,
    ),
  );
}
