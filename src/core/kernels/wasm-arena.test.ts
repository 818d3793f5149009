import { describe, expect, it } from 'vitest';
import { sharedMemorySupported } from './wasm.ts';
import { WasmArena } from './wasm-arena.ts';

const shared = () => new WebAssembly.Memory({ initial: 1, maximum: 256, shared: true });

describe.skipIf(!sharedMemorySupported())('WasmArena', () => {
  it('lasting arrays are zeroed, apart, and scratch starts after them', () => {
    const arena = new WasmArena(shared(), 256 * 65536, true);
    const a = arena.lasting(10)!;
    const b = arena.lasting(1000)!;
    expect(a.every((v) => v === 0) && b.every((v) => v === 0)).toBe(true);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + (10 + 4) * 4);
    expect(arena.isResident(a) && arena.isResident(b)).toBe(true);
    arena.resetScratch();
    expect(arena.alloc(5)).toBeGreaterThanOrEqual(b.byteOffset + (1000 + 4) * 4);
    // An operand that does not live here is copied into scratch, padded with zeros.
    const outside = Float32Array.from({ length: 6 }, (_, i) => i + 1);
    expect(arena.isResident(outside)).toBe(false);
    const off = arena.place(outside, 6);
    expect(Array.from(arena.f32.subarray(off >> 2, (off >> 2) + 10))).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0, 0]);
    expect(arena.place(b, b.length)).toBe(b.byteOffset);
  });

  it('an unshared memory has no lasting arrays (growing it would detach them)', () => {
    const arena = new WasmArena(new WebAssembly.Memory({ initial: 1 }), 2 ** 30, false);
    expect(arena.lasting(4)).toBeNull();
  });

  it('a freed block is used again, and a freed end gives its room back to scratch', () => {
    const arena = new WasmArena(shared(), 256 * 65536, true);
    const first = arena.lasting(100)!;
    const second = arena.lasting(100)!;
    expect(second.byteOffset).toBeGreaterThan(first.byteOffset);
    arena.freeLasting(second);
    arena.freeLasting(first);
    arena.resetScratch();
    expect(arena.scratchRange()[0]).toBe(0);
    const third = arena.lasting(50)!;
    expect(third.byteOffset).toBe(0);
    // Memory used before is zeroed when a lasting array takes it again.
    arena.f32.fill(7, 0, 200);
    arena.freeLasting(third);
    const again = arena.lasting(120)!;
    expect(again.byteOffset).toBe(0);
    expect(again.every((v) => v === 0)).toBe(true);
  });
});
