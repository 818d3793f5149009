/**
 * A tiny WebAssembly binary emitter: just enough of the format (one memory,
 * functions over i32 / f32 / v128, structured control flow, SIMD and relaxed
 * SIMD opcodes) to build the matrix-product kernels at run time. No build step,
 * no generated binaries: the same bytes are produced in Node, Vite dev, a Vite
 * build and Web Workers. (f64 and f64x2 serve the optimizer update, which must
 * round exactly as the plain TypeScript does.)
 */

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128 of a 32-bit value. */
export function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Signed LEB128 of a 32-bit value. */
export function sleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  uleb(out, bytes.length);
  for (const b of bytes) out.push(b);
}

function vec(out: number[], items: number[][]): void {
  uleb(out, items.length);
  for (const it of items) out.push(...it);
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  out.push(...body);
}

/** A function's parameters, in order, each with the name profiles and the name section show. */
export type ParamSpec = readonly (readonly [name: string, type: ValType])[];

/** One exported function's type: the single source of its export, its WebAssembly type and its TypeScript type. */
export interface Signature {
  readonly params: ParamSpec;
  readonly results: readonly ValType[];
}

/** The parameters as locals, by name. */
export type ParamLocals<P extends ParamSpec> = { [E in P[number] as E[0]]: Local };

/** How JavaScript sees an exported function of this signature (every wasm number is a JS number here). */
export type ExportedFunction<S extends Signature> = (
  ...args: NumberArgs<S['params']>
) => S['results'] extends readonly [] ? void : number;

/** One number per parameter (a homomorphic mapping, so a tuple stays a tuple of the same length). */
type NumberArgs<P extends readonly unknown[]> = { -readonly [I in keyof P]: number };

/** The exports of a module built from a table of signatures, typed from that table. */
export type ModuleExports<T extends Record<string, Signature>> = { memory: WebAssembly.Memory } & {
  [K in keyof T]: ExportedFunction<T[K]>;
};

/** A local variable (parameters included) of the function being built. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/** A label of an enclosing block / loop / if, for `br` and `brIf`. */
export interface Label {
  readonly depth: number;
}

/**
 * Builds one function body. Methods push instructions; structured control flow
 * takes callbacks, and branches name their target by the `Label` the callback
 * received, so depths are computed for you.
 */
export class FunctionBuilder {
  readonly code: number[] = [];
  readonly params: Local[];
  /** Names of the locals, parameters first, for the name section. */
  readonly localNames: string[];
  private readonly extraLocals: ValType[] = [];
  private depth = 0;

  constructor(
    readonly exportName: string,
    readonly sig: Signature,
  ) {
    this.params = sig.params.map(([, type], index) => ({ index, type }));
    this.localNames = sig.params.map(([paramName]) => paramName);
  }

  /** A new local; `name` shows in profiles and disassembly (default: its type and number). */
  local(type: ValType, localName?: string): Local {
    const index = this.params.length + this.extraLocals.length;
    this.extraLocals.push(type);
    this.localNames.push(localName ?? `${type}_${index}`);
    return { index, type };
  }

  // ------------------------------------------------------------ control flow

  private structured(op: number, body: (label: Label) => void): void {
    this.code.push(op, 0x40);
    this.depth++;
    body({ depth: this.depth });
    this.depth--;
    this.code.push(0x0b);
  }

  block(body: (label: Label) => void): this {
    this.structured(0x02, body);
    return this;
  }

  loop(body: (label: Label) => void): this {
    this.structured(0x03, body);
    return this;
  }

  /** Pops an i32 condition. */
  if(then: (label: Label) => void, otherwise?: (label: Label) => void): this {
    this.code.push(0x04, 0x40);
    this.depth++;
    const label = { depth: this.depth };
    then(label);
    if (otherwise) {
      this.code.push(0x05);
      otherwise(label);
    }
    this.depth--;
    this.code.push(0x0b);
    return this;
  }

  private relative(label: Label): number {
    const rel = this.depth - label.depth;
    if (rel < 0) throw new Error('wasm-emit: branch to a label that is not in scope');
    return rel;
  }

  br(label: Label): this {
    this.code.push(0x0c);
    uleb(this.code, this.relative(label));
    return this;
  }

  /** Pops an i32 condition. */
  brIf(label: Label): this {
    this.code.push(0x0d);
    uleb(this.code, this.relative(label));
    return this;
  }

  return(): this {
    this.code.push(0x0f);
    return this;
  }

  /**
   * for (i = start; i < end; i += step) body()  (signed compare; `end` is read
   * every iteration). `start`, `end` and `step` are emitters of one i32 each.
   */
  for(i: Local, start: () => void, end: () => void, step: number, body: (brk: Label) => void): this {
    start();
    this.set(i);
    return this.block((brk) => {
      this.loop((cont) => {
        this.get(i);
        end();
        this.geS();
        this.brIf(brk);
        body(brk);
        this.get(i).i32(step).add().set(i);
        this.br(cont);
      });
    });
  }

  // ------------------------------------------------------------ variables

  get(l: Local): this {
    this.code.push(0x20);
    uleb(this.code, l.index);
    return this;
  }

  set(l: Local): this {
    this.code.push(0x21);
    uleb(this.code, l.index);
    return this;
  }

  tee(l: Local): this {
    this.code.push(0x22);
    uleb(this.code, l.index);
    return this;
  }

  /** local += delta (i32). */
  inc(l: Local, delta: number): this {
    return this.get(l).i32(delta).add().set(l);
  }

  /**
   * Pushes the byte address of f32 element `index` of the array at byte offset `base`:
   * base + index * 4. `index` is a local, or an emitter that pushes one i32.
   */
  addr(base: Local, index: Local | (() => void)): this {
    this.get(base);
    if (typeof index === 'function') index();
    else this.get(index);
    return this.i32(2).shl().add();
  }

  // ------------------------------------------------------------ constants & raw ops

  i32(value: number): this {
    this.code.push(0x41);
    sleb(this.code, value);
    return this;
  }

  f32(value: number): this {
    this.code.push(0x43);
    const b = new Uint8Array(new Float32Array([value]).buffer);
    this.code.push(...b);
    return this;
  }

  /** A core (single-byte) opcode; the named methods below are the vocabulary kernels use. */
  private op(opcode: number): this {
    this.code.push(opcode);
    return this;
  }

  /** A SIMD-prefixed opcode (0xfd, LEB index). */
  simd(opcode: number): this {
    this.code.push(0xfd);
    uleb(this.code, opcode);
    return this;
  }

  private memarg(alignLog2: number, offset: number): this {
    uleb(this.code, alignLog2);
    uleb(this.code, offset);
    return this;
  }

  // i32 arithmetic and comparisons
  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  divS(): this {
    return this.op(0x6d);
  }
  remS(): this {
    return this.op(0x6f);
  }
  shl(): this {
    return this.op(0x74);
  }
  shrS(): this {
    return this.op(0x75);
  }
  and(): this {
    return this.op(0x71);
  }
  eqz(): this {
    return this.op(0x45);
  }
  eq(): this {
    return this.op(0x46);
  }
  ltS(): this {
    return this.op(0x48);
  }
  geS(): this {
    return this.op(0x4e);
  }
  gtS(): this {
    return this.op(0x4a);
  }
  leS(): this {
    return this.op(0x4c);
  }
  ne(): this {
    return this.op(0x47);
  }
  select(): this {
    return this.op(0x1b);
  }
  drop(): this {
    return this.op(0x1a);
  }

  // memory
  i32Load(offset = 0): this {
    return this.op(0x28).memarg(2, offset);
  }
  i32Store(offset = 0): this {
    return this.op(0x36).memarg(2, offset);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(2, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(2, offset);
  }
  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(4, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(4, offset);
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09).memarg(2, offset);
  }
  /** memory.copy (bulk memory): dst, src, len on the stack. */
  memoryCopy(): this {
    this.code.push(0xfc, 0x0a, 0x00, 0x00);
    return this;
  }
  /** memory.fill: dst, byte value, len on the stack. */
  memoryFill(): this {
    this.code.push(0xfc, 0x0b, 0x00);
    return this;
  }

  // f32 scalar
  f32Eq(): this {
    return this.op(0x5b);
  }
  f32Ne(): this {
    return this.op(0x5c);
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Gt(): this {
    return this.op(0x5e);
  }
  f32Mul(): this {
    return this.op(0x94);
  }

  // v128 / f32x4
  v128Zero(): this {
    this.simd(0x0c);
    for (let i = 0; i < 16; i++) this.code.push(0);
    return this;
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: number): this {
    this.simd(0x1f);
    this.code.push(lane);
    return this;
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f32x4Ne(): this {
    return this.simd(0x42);
  }
  f32x4Gt(): this {
    return this.simd(0x44);
  }
  v128And(): this {
    return this.simd(0x4e);
  }
  i32x4Add(): this {
    return this.simd(0xae);
  }
  i32x4Sub(): this {
    return this.simd(0xb1);
  }
  i32x4ExtractLane(lane: number): this {
    this.simd(0x1b);
    this.code.push(lane);
    return this;
  }
  /** i8x16.shuffle with 16 lane indices. */
  shuffle(lanes: number[]): this {
    this.simd(0x0d);
    this.code.push(...lanes);
    return this;
  }
  /** f32x4.relaxed_madd: a * b + c (fused or not, engine's choice). */
  f32x4RelaxedMadd(): this {
    return this.simd(0x105);
  }

  // f64x2 (strict IEEE arithmetic: never fused)
  /** v128.load64_zero: two f32 (8 bytes) into the low half, zeros above. */
  v128Load64Zero(offset = 0): this {
    return this.simd(0x5d).memarg(3, offset);
  }
  /** v128.store64_lane: stores 8 bytes of the given 64-bit lane. */
  v128Store64Lane(lane: number, offset = 0): this {
    this.simd(0x5b).memarg(3, offset);
    this.code.push(lane);
    return this;
  }
  f64x2Splat(): this {
    return this.simd(0x14);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Sub(): this {
    return this.simd(0xf1);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }
  f64x2Div(): this {
    return this.simd(0xf3);
  }
  f64x2Sqrt(): this {
    return this.simd(0xef);
  }
  /** f64x2.promote_low_f32x4: lanes 0 and 1 of an f32x4, exactly. */
  f64x2PromoteLowF32x4(): this {
    return this.simd(0x5f);
  }
  /** f32x4.demote_f64x2_zero: both lanes rounded to nearest f32 (as a Float32Array store does), zeros above. */
  f32x4DemoteF64x2Zero(): this {
    return this.simd(0x5e);
  }

  /** Encoded body: locals then code. */
  encode(): number[] {
    const body: number[] = [];
    // Run-length groups of local types.
    const groups: [number, ValType][] = [];
    for (const t of this.extraLocals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(body, groups.length);
    for (const [count, t] of groups) {
      uleb(body, count);
      body.push(VALTYPE[t]);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(out, body.length);
    out.push(...body);
    return out;
  }

  signature(): number[] {
    const out = [0x60];
    uleb(out, this.params.length);
    for (const p of this.params) out.push(VALTYPE[p.type]);
    uleb(out, this.sig.results.length);
    for (const r of this.sig.results) out.push(VALTYPE[r]);
    return out;
  }
}

export interface EncodeOptions {
  /** Add the name section (module, function and local names, for profiles and disassembly). Default true. */
  names?: boolean;
  /**
   * Import the memory as env.memory, shared (WebAssembly threads), with this maximum in pages, instead of defining
   * one: every thread's instance then works on the same memory. It is exported as "memory" either way.
   */
  sharedMaxPages?: number;
}

/** A module with one exported memory ("memory") and exported functions. */
export class ModuleBuilder {
  private readonly functions: FunctionBuilder[] = [];

  /** `moduleName` names the module in profiles (e.g. "dropout-lab-kernels"). */
  constructor(
    private readonly initialPages = 1,
    private readonly moduleName = 'dropout-lab',
  ) {}

  /** Adds an exported function of this signature; `body` gets the builder and the parameters by name. */
  func<S extends Signature>(
    exportName: string,
    sig: S,
    body: (f: FunctionBuilder, params: ParamLocals<S['params']>) => void,
  ): this {
    const f = new FunctionBuilder(exportName, sig);
    const params = Object.fromEntries(sig.params.map(([paramName], i) => [paramName, f.params[i]])) as ParamLocals<
      S['params']
    >;
    body(f, params);
    this.functions.push(f);
    return this;
  }

  /**
   * The name section: a custom section that engines use for stack traces and profiles (wasm-function[n] otherwise).
   * Its subsections (0 module, 1 functions, 2 locals) are framed like sections: an id, then the size of the body.
   */
  private nameSection(): number[] {
    const body: number[] = [];
    name(body, 'name');
    const moduleName: number[] = [];
    name(moduleName, this.moduleName);
    section(body, 0, moduleName);
    const functionNames: number[] = [];
    uleb(functionNames, this.functions.length);
    this.functions.forEach((f, i) => {
      uleb(functionNames, i);
      name(functionNames, f.exportName);
    });
    section(body, 1, functionNames);
    const localNames: number[] = [];
    uleb(localNames, this.functions.length);
    this.functions.forEach((f, i) => {
      uleb(localNames, i);
      uleb(localNames, f.localNames.length);
      f.localNames.forEach((localName, j) => {
        uleb(localNames, j);
        name(localNames, localName);
      });
    });
    section(body, 2, localNames);
    return body;
  }

  encode(options: EncodeOptions = {}): Uint8Array<ArrayBuffer> {
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    // Types: one per function (duplicates are harmless).
    const types = this.functions.map((f) => f.signature());
    const typeSec: number[] = [];
    vec(typeSec, types);
    section(out, 1, typeSec);
    if (options.sharedMaxPages !== undefined) {
      // Limits flag 3: shared, with a maximum (a shared memory needs one).
      const importSec: number[] = [1];
      name(importSec, 'env');
      name(importSec, 'memory');
      importSec.push(0x02, 0x03);
      uleb(importSec, this.initialPages);
      uleb(importSec, options.sharedMaxPages);
      section(out, 2, importSec);
    }
    const funcSec: number[] = [];
    uleb(funcSec, this.functions.length);
    this.functions.forEach((_, i) => uleb(funcSec, i));
    section(out, 3, funcSec);
    if (options.sharedMaxPages === undefined) {
      const memSec: number[] = [1, 0x00];
      uleb(memSec, this.initialPages);
      section(out, 5, memSec);
    }
    const exportSec: number[] = [];
    uleb(exportSec, this.functions.length + 1);
    name(exportSec, 'memory');
    exportSec.push(0x02, 0x00);
    this.functions.forEach((f, i) => {
      name(exportSec, f.exportName);
      exportSec.push(0x00);
      uleb(exportSec, i);
    });
    section(out, 7, exportSec);
    const codeSec: number[] = [];
    uleb(codeSec, this.functions.length);
    for (const f of this.functions) codeSec.push(...f.encode());
    section(out, 10, codeSec);
    if (options.names ?? true) section(out, 0, this.nameSection());
    return new Uint8Array(out);
  }
}
