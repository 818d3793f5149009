/** Small helpers for reading byte streams without buffering them whole. */

const EMPTY = new Uint8Array(0);

/** Reads a byte stream in pieces of the sizes the caller asks for. */
export class ByteReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private chunk: Uint8Array = EMPTY;
  private offset = 0;
  private ended = false;
  /** Bytes handed out (or skipped) so far. */
  position = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** Between 1 and `n` bytes as a view into the stream's own chunk (no copy), or null at the end. */
  async readUpTo(n: number): Promise<Uint8Array | null> {
    if (!(await this.fill())) return null;
    const take = Math.min(n, this.chunk.length - this.offset);
    const out = this.chunk.subarray(this.offset, this.offset + take);
    this.offset += take;
    this.position += take;
    return out;
  }

  /** Exactly `n` bytes, or fewer only when the stream ends first. Copies when a read spans chunks. */
  async readExactly(n: number): Promise<Uint8Array> {
    const first = await this.readUpTo(n);
    if (first === null) return EMPTY;
    if (first.length === n) return first;
    const out = new Uint8Array(n);
    out.set(first);
    let filled = first.length;
    while (filled < n) {
      const more = await this.readUpTo(n - filled);
      if (more === null) return out.subarray(0, filled);
      out.set(more, filled);
      filled += more.length;
    }
    return out;
  }

  /** Skips up to `n` bytes; returns how many were skipped (fewer only at the end). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      const piece = await this.readUpTo(n - skipped);
      if (piece === null) break;
      skipped += piece.length;
    }
    return skipped;
  }

  /** Stops reading and releases the source; never throws (the stream may already have failed). */
  async cancel(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private async fill(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      if (this.ended) return false;
      const { done, value } = await this.reader.read();
      if (done) {
        this.ended = true;
        return false;
      }
      this.chunk = value;
      this.offset = 0;
    }
    return true;
  }
}

/** Iterates a stream's chunks; stopping early (break/throw) cancels the stream. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(stream);
  try {
    for (;;) {
      const chunk = await reader.readUpTo(Infinity);
      if (chunk === null) return;
      yield chunk;
    }
  } finally {
    await reader.cancel();
  }
}

/** Reads the first `n` bytes (fewer if the stream is shorter) and returns a stream that still yields everything. */
export async function peekStream(
  stream: ReadableStream<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = new ByteReader(stream);
  let head: Uint8Array;
  try {
    head = await reader.readExactly(n);
  } catch (error) {
    await reader.cancel();
    throw error;
  }
  let replayed = false;
  const replay = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!replayed) {
        replayed = true;
        if (head.length > 0) {
          controller.enqueue(head.slice());
          return;
        }
      }
      try {
        const chunk = await reader.readUpTo(Infinity);
        if (chunk === null) controller.close();
        else controller.enqueue(chunk);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: () => reader.cancel(),
  });
  return { head, stream: replay };
}

/** Passes bytes through unchanged, reporting the running total (e.g. for progress). */
export function countingStream(onBytes: (total: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.length;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
}
