/**
 * The kernels' linear memory: [lasting arrays | per-call scratch]. Scratch offsets restart at the end of the lasting
 * arrays every call; operands are copied into scratch unless they already live in the lasting part.
 *
 * Lasting arrays (`lasting`) exist only on a shared memory: its views are never detached when it grows, so a network's
 * parameters, gradients and Adam's moments can live here for a whole run and be used by the products and Adam in place,
 * with no copy in or out. Each is freed when its array is garbage collected (a subarray does not keep it).
 */
export class WasmArena {
  /** The whole memory as floats (re-made when the memory grows). */
  f32: Float32Array;
  /** End of the lasting part: scratch starts here. */
  private residentTop = 0;
  private top = 0;
  /** Bytes ever handed out: past this the memory is still as grown, all zeros. */
  private touched = 0;
  /** Every buffer this memory has had (a grown shared memory gives a new buffer object over the same bytes). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  /** Free blocks of the lasting part, [byte offset, bytes], sorted by offset. */
  private free: [number, number][] = [];
  private readonly registry: FinalizationRegistry<[number, number]> | null;
  /** Each lasting array's block, for `free`. */
  private readonly blocks = new WeakMap<Float32Array, [number, number]>();

  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly maxBytes: number,
    readonly shared: boolean,
  ) {
    this.f32 = new Float32Array(memory.buffer);
    this.buffers.add(memory.buffer);
    this.registry =
      shared && typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry(([off, bytes]) => this.release(off, bytes))
        : null;
  }

  /** Starts a call: scratch from the end of the lasting part. */
  resetScratch(): void {
    this.top = this.residentTop;
  }

  /** Scratch in use: [start, end) in bytes (the split products' self-check poisons it). */
  scratchRange(): [number, number] {
    return [this.residentTop, this.top];
  }

  /** Grows the memory to at least `bytes`; false when it cannot. */
  ensure(bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        return false;
      }
    }
    if (this.f32.buffer !== this.memory.buffer) {
      this.f32 = new Float32Array(this.memory.buffer);
      this.buffers.add(this.memory.buffer);
    }
    return true;
  }

  /** Reserves `floats` (+ 4 of padding) of scratch; returns a byte offset, or -1 when memory is exhausted. */
  alloc(floats: number): number {
    const off = this.top;
    const next = roundUp(this.top + (floats + 4) * 4, 64);
    if (!this.ensure(next)) return -1;
    this.top = next;
    this.touched = Math.max(this.touched, next);
    return off;
  }

  /** Whether the first `length` floats of `x` (and 4 of padding) lie in the lasting part: usable in place. */
  isResident(x: Float32Array, length = x.length): boolean {
    return this.buffers.has(x.buffer) && x.byteOffset + (length + 4) * 4 <= this.residentTop;
  }

  /** Places an operand in memory (no copy when it lives here already); returns its byte offset, or -1. */
  place(x: Float32Array, length: number): number {
    if (this.isResident(x, length)) return x.byteOffset;
    const off = this.alloc(length);
    if (off < 0) return -1;
    const f32 = this.f32;
    f32.set(x.length === length ? x : x.subarray(0, length), off >> 2);
    // zero the padding floats that vector code may read past the end
    f32.fill(0, (off >> 2) + length, (off >> 2) + length + 4);
    return off;
  }

  /** The m x n result at `off`, rows `ld` floats apart (a padded dense result: dropped while copying, no extra pass). */
  copyOut(off: number, c: Float32Array, m: number, n: number, ld: number): void {
    const base = off >> 2;
    const f32 = this.f32;
    if (ld === n) {
      c.set(f32.subarray(base, base + m * n));
      return;
    }
    for (let i = 0; i < m; i++) c.set(f32.subarray(base + i * ld, base + i * ld + n), i * n);
  }

  /**
   * A zeroed Float32Array of `length` floats that lives in this memory for as long as it is referenced, or null where
   * the memory is not shared (a grown unshared memory would detach it) or has no room.
   */
  lasting(length: number): Float32Array | null {
    if (!this.registry) return null;
    const touched = this.touched;
    const block = this.reserve(length);
    if (!block) return null;
    const [off, bytes] = block;
    const array = new Float32Array(this.memory.buffer, off, length);
    if (off < touched) this.f32.fill(0, off >> 2, Math.min(off + bytes, touched) >> 2);
    this.registry.register(array, block, array);
    this.blocks.set(array, block);
    return array;
  }

  /** Gives a lasting array's block back now, before it is garbage collected (it must not be used after). */
  freeLasting(array: Float32Array): void {
    const block = this.blocks.get(array);
    if (!block || !this.registry) return;
    this.blocks.delete(array);
    this.registry.unregister(array);
    this.release(...block);
  }

  /** First fit among the free blocks, else at the end of the lasting part (which pushes scratch up). */
  private reserve(length: number): [number, number] | null {
    const bytes = roundUp((length + 4) * 4, 64);
    const i = this.free.findIndex(([, size]) => size >= bytes);
    if (i >= 0) {
      const [off, size] = this.free[i];
      if (size === bytes) this.free.splice(i, 1);
      else this.free[i] = [off + bytes, size - bytes];
      return [off, bytes];
    }
    const off = this.residentTop;
    if (!this.ensure(off + bytes)) return null;
    this.residentTop = off + bytes;
    this.top = Math.max(this.top, this.residentTop);
    this.touched = Math.max(this.touched, this.residentTop);
    return [off, bytes];
  }

  private release(off: number, bytes: number): void {
    const free = this.free;
    let i = 0;
    while (i < free.length && free[i][0] < off) i++;
    free.splice(i, 0, [off, bytes]);
    // Merge with the neighbours; a free block at the end gives its room back to scratch.
    if (i + 1 < free.length && free[i][0] + free[i][1] === free[i + 1][0])
      free.splice(i, 2, [off, free[i][1] + free[i + 1][1]]);
    if (i > 0 && free[i - 1][0] + free[i - 1][1] === free[i][0])
      free.splice(i - 1, 2, [free[i - 1][0], free[i - 1][1] + free[i][1]]);
    const last = free[free.length - 1];
    if (last && last[0] + last[1] === this.residentTop) {
      this.residentTop = last[0];
      free.pop();
    }
  }
}

export const PAGE = 65536;

export const roundUp = (x: number, m: number) => Math.ceil(x / m) * m;
