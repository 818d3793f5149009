import type { MatmulKernels } from './types.ts';
import { PAGE, WasmArena } from './wasm-arena.ts';
import { makeAdam } from './wasm-adam-update.ts';
import { buildGemmModule, relaxedSimdProbe, simdProbe } from './wasm-gemm.ts';
import { resolveOptions, type ResolvedOptions, type WasmKernelOptions, type WasmKernelStats } from './wasm-options.ts';
import type { KernelContext } from './wasm-context.ts';
import { makeProducts } from './wasm-products.ts';
import type { GemmExports } from './wasm-signatures.ts';
import { SplitGate } from './wasm-split-gate.ts';
import { KernelTeam } from './wasm-team.ts';

export type { WasmKernelOptions, WasmKernelStats } from './wasm-options.ts';

/**
 * Matrix products in WebAssembly SIMD (wasm-products.ts; Adam's update: wasm-adam-update.ts), for Float32Array operands (anything
 * else goes to the plain kernels). Operands are copied into the module's linear
 * memory (unless they live there: see WasmArena's lasting arrays, used for a
 * network's parameters), packed into cache-friendly panels and multiplied by an MR x NR
 * register tile of f32x4 accumulators (k-blocked by KC, rows by MC, columns by
 * NC). Operands that are mostly zero (after ReLU + dropout) take a sparse path
 * instead: their non-zeros are compressed per row and each output row is a
 * sum of scaled rows of the dense operand.
 *
 * The module is generated at run time by a tiny binary emitter (wasm-emit.ts),
 * so there is no build step: it needs only WebAssembly SIMD (and, for the
 * relaxed path, relaxed SIMD), and under a CSP only 'wasm-unsafe-eval'.
 */

export type WasmPath = 'wasm-simd' | 'wasm-relaxed-simd';

export interface WasmKernels extends MatmulKernels {
  readonly name: WasmPath;
  /** The helper threads' team (threads > 1), or null. */
  readonly team: KernelTeam | null;
  /** Whether the split products matched one thread's bit for bit (checked when helpers first can work); null: not yet. */
  readonly threadsChecked: boolean | null;
  /** Ends the helper threads (the kernels go on, on one thread). */
  dispose(): void;
  readonly memory: WebAssembly.Memory;
  readonly options: Readonly<ResolvedOptions>;
  readonly stats: WasmKernelStats;
  /** See MatmulKernels.lasting: non-null only on a shared memory. */
  lasting(length: number): Float32Array | null;
  /** Gives a lasting array's memory back at once (else when it is garbage collected); it must not be used after. */
  freeLasting(array: Float32Array): void;
}

type Exports = GemmExports;

/** wasm32 addresses: V8 allows up to 4 GiB; stay below 2 GiB so i32 byte offsets stay positive. */
const MAX_BYTES = 2 ** 31 - PAGE;
/** A shared memory reserves its maximum up front: 1 GiB (products are chunked to 32 MB operands, see maxRowsFloats). */
const SHARED_MAX_PAGES = 2 ** 14;

/** Whether WebAssembly threads can work here: SharedArrayBuffer exists (in a browser only when cross-origin isolated). */
export function sharedMemorySupported(): boolean {
  try {
    if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

let simdCache: boolean | undefined;
let relaxedCache: boolean | undefined;

/** Whether this engine validates fixed-width (128-bit) SIMD. */
export function wasmSimdSupported(): boolean {
  if (simdCache === undefined) simdCache = validate(simdProbe());
  return simdCache;
}

/**
 * Whether this engine validates relaxed SIMD (f32x4.relaxed_madd). Not cached:
 * a Node test may switch the V8 flag on after start-up.
 */
export function relaxedSimdSupported(): boolean {
  if (relaxedCache) return true;
  relaxedCache = wasmSimdSupported() && validate(relaxedSimdProbe());
  return relaxedCache;
}

function validate(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

function moduleBytes(o: ResolvedOptions, shared: boolean): Uint8Array<ArrayBuffer> {
  return buildGemmModule(
    { relaxed: o.relaxed, mr: o.mr, nr: o.nr, sparseVectors: o.sparseVectors, unroll: o.unroll },
    { sharedMaxPages: shared ? SHARED_MAX_PAGES : undefined },
  );
}

/** Whether these options ask for threads that can run here. */
function threaded(o: ResolvedOptions): boolean {
  return o.threads > 1 && o.spawnHelper !== null && sharedMemorySupported();
}

/**
 * The instance, on a shared memory wherever one can exist (so that arrays can live in it for a run: see WasmArena),
 * and its helpers started when asked for (they say ready on their own; see KernelTeam).
 */
function instantiate(module: WebAssembly.Module, o: ResolvedOptions, shared: boolean): WasmKernels {
  if (!shared) return makeKernels(new WebAssembly.Instance(module).exports as unknown as Exports, o, null, false);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
  const team = threaded(o) ? new KernelTeam(exports, o.threads - 1) : null;
  for (let index = 0; index < (team?.helpers ?? 0); index++) {
    o.spawnHelper!({ module, memory, control: team!.control.buffer as SharedArrayBuffer, index });
  }
  return makeKernels(exports, o, team, true);
}

function checkSupport(o: ResolvedOptions): void {
  if (!wasmSimdSupported()) throw new Error('WebAssembly SIMD is not supported by this engine');
  if (o.relaxed && !relaxedSimdSupported()) throw new Error('WebAssembly relaxed SIMD is not supported by this engine');
}

/** Compiles the kernels asynchronously (fine on a browser's main thread). Throws when unsupported. */
export async function createWasmKernels(options: WasmKernelOptions = {}): Promise<WasmKernels> {
  const o = resolveOptions(options);
  checkSupport(o);
  const shared = sharedMemorySupported();
  return instantiate(await WebAssembly.compile(moduleBytes(o, shared)), o, shared);
}

/** Synchronous variant, for Node and workers (browsers refuse big synchronous compiles on the main thread). */
export function createWasmKernelsSync(options: WasmKernelOptions = {}): WasmKernels {
  const o = resolveOptions(options);
  checkSupport(o);
  const shared = sharedMemorySupported();
  return instantiate(new WebAssembly.Module(moduleBytes(o, shared)), o, shared);
}

function makeKernels(w: Exports, o: ResolvedOptions, team: KernelTeam | null, shared: boolean): WasmKernels {
  const arena = new WasmArena(w.memory, shared ? SHARED_MAX_PAGES * PAGE : MAX_BYTES, shared);
  const stats: WasmKernelStats = { calls: 0, sparseCalls: 0, splitCalls: 0, copyMs: 0, computeMs: 0 };
  const gate = new SplitGate(team, o, arena, stats);
  const context: KernelContext = { w, o, arena, stats, team, gate, now: o.profile ? () => performance.now() : () => 0 };
  const adam = makeAdam(context);
  const { run, affine, matmul } = makeProducts(context, () => gate.checkWhenReady(run, adam));
  const memory = w.memory;

  return {
    name: o.relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    team,
    get threadsChecked() {
      return gate.checked;
    },
    dispose: () => team?.quit(),
    adam,
    affine,
    memory,
    options: o,
    stats,
    matmulNN: (a, b, c, m, k, n) => matmul('NN', a, b, c, m, k, n),
    matmulNT: (a, b, c, m, k, n) => matmul('NT', a, b, c, m, k, n),
    matmulTN: (a, b, c, m, k, n) => matmul('TN', a, b, c, m, k, n),
    lasting: (length: number) => arena.lasting(length),
    freeLasting: (array: Float32Array) => arena.freeLasting(array),
  };
}
