/** WebGPU's buffer usage flags, as numbers: the core reads no browser globals. */
export const BufferUsage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ_MODE = 0x1;

/** A part of a GPU buffer to read back: `bytes` from `offset` (both multiples of 4). */
export interface ReadPart {
  source: GPUBuffer;
  offset: number;
  bytes: number;
}

/**
 * Reads parts of GPU buffers back through one staging buffer kept for the purpose, one read at a time: for reads
 * that are waited on (the best parameters at the end, tests). Training's reads go through `DoubleReadback`.
 */
export class Readback {
  private readonly staging: GPUBuffer;
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: GPUDevice,
    readonly capacity: number,
  ) {
    this.staging = device.createBuffer({
      size: Math.max(4, Math.ceil(capacity / 4) * 4),
      usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
  }

  /** `bytes` of `source` from `offset` (both multiples of 4), after the work submitted before it. */
  read(source: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    if (bytes > this.capacity)
      throw new RangeError(`Readback: ${bytes} bytes asked of a ${this.capacity}-byte staging buffer`);
    const next = this.last.then(async () => {
      if (bytes === 0) return new ArrayBuffer(0);
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(source, offset, this.staging, 0, bytes);
      this.device.queue.submit([encoder.finish()]);
      await this.staging.mapAsync(MAP_READ_MODE, 0, bytes);
      try {
        return this.staging.getMappedRange(0, bytes).slice(0);
      } finally {
        this.staging.unmap();
      }
    });
    this.last = next.catch(() => {});
    return next;
  }

  destroy(): void {
    this.staging.destroy();
  }
}

/**
 * Two staging buffers used in turn, so training never waits for a read: a read copies its parts into a free one
 * after the work submitted so far and maps it while the GPU goes on with the steps submitted after it. While both are
 * in flight a read is refused (null) instead of waiting; the next one covers more. Reads settle in the order made.
 */
export class DoubleReadback {
  private readonly staging: { buffer: GPUBuffer; busy: boolean }[];
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: GPUDevice,
    readonly capacity: number,
  ) {
    const size = Math.max(4, Math.ceil(capacity / 4) * 4);
    this.staging = [0, 1].map(() => ({
      buffer: device.createBuffer({ size, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST }),
      busy: false,
    }));
  }

  /** Whether a staging buffer is free (a read made now is not refused). */
  get free(): boolean {
    return this.staging.some((s) => !s.busy);
  }

  /** The parts' bytes, one ArrayBuffer each, or null where both staging buffers are still in flight. */
  tryRead(parts: readonly ReadPart[]): Promise<ArrayBuffer[]> | null {
    const total = parts.reduce((sum, p) => sum + p.bytes, 0);
    if (total > this.capacity)
      throw new RangeError(`DoubleReadback: ${total} bytes asked of a ${this.capacity}-byte staging buffer`);
    const free = this.staging.find((s) => !s.busy);
    if (!free) return null;
    let mapped: Promise<ArrayBuffer[]>;
    if (total === 0) mapped = Promise.resolve(parts.map(() => new ArrayBuffer(0)));
    else {
      free.busy = true;
      const encoder = this.device.createCommandEncoder();
      let at = 0;
      for (const { source, offset, bytes } of parts) {
        if (bytes > 0) encoder.copyBufferToBuffer(source, offset, free.buffer, at, bytes);
        at += bytes;
      }
      this.device.queue.submit([encoder.finish()]);
      mapped = free.buffer.mapAsync(MAP_READ_MODE, 0, total).then(
        () => {
          const all = free.buffer.getMappedRange(0, total);
          let from = 0;
          const copies = parts.map(({ bytes }) => all.slice(from, (from += bytes)));
          free.buffer.unmap();
          free.busy = false;
          return copies;
        },
        (error: unknown) => {
          free.busy = false;
          throw error;
        },
      );
    }
    const next = Promise.all([this.last, mapped]).then(([, copies]) => copies);
    this.last = next.catch(() => {});
    return next;
  }

  /** Settles once every read made so far has (their staging buffers are free again). */
  settled(): Promise<void> {
    return this.last.then(() => {});
  }

  destroy(): void {
    for (const s of this.staging) s.buffer.destroy();
  }
}
