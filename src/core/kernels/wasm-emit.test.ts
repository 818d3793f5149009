import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModuleBuilder, sleb, uleb } from './wasm-emit.ts';
import { buildGemmModule, DEFAULT_GEMM_OPTIONS } from './wasm-gemm.ts';
import { GEMM_SIGNATURES } from './wasm-signatures.ts';

const bytes = (write: (out: number[]) => void) => {
  const out: number[] = [];
  write(out);
  return out;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Reads a name section back: module name, function names and each function's local names. */
function readNameSection(section: ArrayBuffer) {
  const b = new Uint8Array(section);
  let at = 0;
  const u = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = b[at++];
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result >>> 0;
      shift += 7;
    }
  };
  const str = () => {
    const n = u();
    const s = new TextDecoder().decode(b.subarray(at, at + n));
    at += n;
    return s;
  };
  const out = { module: '', functions: [] as string[], locals: [] as string[][] };
  while (at < b.length) {
    const id = b[at++];
    const end = u() + at;
    if (id === 0) out.module = str();
    if (id === 1) for (let n = u(); n > 0; n--) out.functions[u()] = str();
    if (id === 2) {
      for (let n = u(); n > 0; n--) {
        const f = u();
        out.locals[f] = [];
        for (let m = u(); m > 0; m--) out.locals[f][u()] = str();
      }
    }
    at = end;
  }
  return out;
}

describe('the WebAssembly emitter', () => {
  it('encodes unsigned LEB128 at the byte boundaries', () => {
    expect(bytes((o) => uleb(o, 0))).toEqual([0x00]);
    expect(bytes((o) => uleb(o, 127))).toEqual([0x7f]);
    expect(bytes((o) => uleb(o, 128))).toEqual([0x80, 0x01]);
    expect(bytes((o) => uleb(o, 624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytes((o) => uleb(o, 2 ** 32 - 1))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('encodes signed LEB128 at the sign boundaries', () => {
    expect(bytes((o) => sleb(o, 0))).toEqual([0x00]);
    expect(bytes((o) => sleb(o, 63))).toEqual([0x3f]);
    expect(bytes((o) => sleb(o, 64))).toEqual([0xc0, 0x00]);
    expect(bytes((o) => sleb(o, -1))).toEqual([0x7f]);
    expect(bytes((o) => sleb(o, -64))).toEqual([0x40]);
    expect(bytes((o) => sleb(o, -65))).toEqual([0xbf, 0x7f]);
    expect(bytes((o) => sleb(o, -123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytes((o) => sleb(o, 2 ** 31 - 1))).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect(bytes((o) => sleb(o, -(2 ** 31)))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('constants round-trip through a real engine (i32 edges, an f32)', () => {
    for (const value of [0, 63, 64, -64, -65, 2 ** 31 - 1, -(2 ** 31)]) {
      const wasm = new ModuleBuilder().func('k', { params: [], results: ['i32'] }, (f) => void f.i32(value)).encode();
      const { k } = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports as { k(): number };
      expect(k()).toBe(value);
    }
  });

  it('computes branch depths from labels, and refuses a branch to a label out of scope', () => {
    // sum of 0..n-1 with a for loop: the loop's br and the block's brIf at different depths
    const wasm = new ModuleBuilder()
      .func('sum', { params: [['n', 'i32']], results: ['i32'] }, (f, { n }) => {
        const i = f.local('i32', 'i'),
          total = f.local('i32', 'total');
        f.for(
          i,
          () => f.i32(0),
          () => f.get(n),
          1,
          () => f.get(total).get(i).add().set(total),
        );
        f.get(total);
      })
      .encode();
    const { sum } = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports as { sum(n: number): number };
    expect(sum(10)).toBe(45);
    expect(sum(0)).toBe(0);
    expect(() =>
      new ModuleBuilder().func('bad', { params: [], results: [] }, (f) => {
        let inner: { depth: number } | null = null;
        f.block((label) => (inner = label));
        f.br(inner!);
      }),
    ).toThrow('wasm-emit: branch to a label that is not in scope');
  });

  it('names the module, every function and every local in a name section (profiles show names, not wasm-function[n])', () => {
    const wasm = buildGemmModule({ ...DEFAULT_GEMM_OPTIONS, relaxed: false });
    const module = new WebAssembly.Module(wasm);
    const [section] = WebAssembly.Module.customSections(module, 'name');
    const names = readNameSection(section);
    expect(names.module).toBe('dropout-lab-kernels');
    expect(names.functions).toEqual(Object.keys(GEMM_SIGNATURES));
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(['memory', ...Object.keys(GEMM_SIGNATURES)]);
    const gemm = Object.keys(GEMM_SIGNATURES).indexOf('gemm');
    expect(names.locals[gemm].slice(0, 10)).toEqual(['ap', 'bp', 'c', 'ldc', 'mc', 'nc', 'kc', 'first', 'jr', 'ir']);
    expect(names.locals[gemm]).toContain('acc3_1');
    // Without the name section the code is the same.
    expect(buildGemmModule({ ...DEFAULT_GEMM_OPTIONS, relaxed: false }, { names: false }).length).toBeLessThan(
      wasm.length,
    );
  });

  it('every export has the arity its signature says', () => {
    const module = new WebAssembly.Module(buildGemmModule({ ...DEFAULT_GEMM_OPTIONS, relaxed: false }));
    const exports = new WebAssembly.Instance(module).exports as Record<string, (...args: number[]) => unknown>;
    for (const [exportName, sig] of Object.entries(GEMM_SIGNATURES))
      expect(exports[exportName].length).toBe(sig.params.length);
  });

  /**
   * Golden: the kernels' module, byte for byte. A change of these hashes means the generated code changed: when
   * that is meant, check the kernels' tests still pass and update the hashes (and say why in the commit).
   */
  it('the default modules are unchanged (golden SHA-256)', () => {
    expect(sha256(buildGemmModule({ ...DEFAULT_GEMM_OPTIONS, relaxed: false }))).toBe(
      'bd9ea1a83d809f98d9772cd8f1899dcdd05828b5ea6b82d69f14df3d429dd473',
    );
    expect(sha256(buildGemmModule({ ...DEFAULT_GEMM_OPTIONS, relaxed: true }))).toBe(
      '578eaa513f4230162c37323e4221686eaab291e16f58242e46ffa78ac2813ce1',
    );
  });
});
