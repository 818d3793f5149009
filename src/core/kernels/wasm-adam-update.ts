import { adam as plainAdam, type OptimConfig } from '../optim.ts';
import type { FloatArray } from '../tensor.ts';
import { isF32, type KernelContext } from './wasm-context.ts';
import { adamConstants as teamAdamConstants, OP_ADAM, splitRange } from './wasm-team.ts';

/**
 * optim.ts's `adam` with its loop in WebAssembly (wasm-adam.ts): in place on arrays that live in wasm memory (its
 * moments made beside them), else a chunk at a time through scratch memory; split over the helper threads.
 */
export function makeAdam({ w, arena, stats, team, gate }: KernelContext) {
  const alloc = (floats: number) => arena.alloc(floats);

  /** Floats of each array per pass of the Adam update: four arrays of it stay in L2 cache. */
  const ADAM_CHUNK = 8192;

  /** optim.ts's defaults filled in, its moments made where missing and its step counted: this step's eight constants. */
  function adamConstants(
    config: OptimConfig,
    n: number,
  ): [number, number, number, number, number, number, number, number] {
    config.learningRate ??= 1e-3;
    config.beta1 ??= 0.9;
    config.beta2 ??= 0.999;
    config.epsilon ??= 1e-8;
    config.m ??= new Float32Array(n);
    config.v ??= new Float32Array(n);
    config.t = (config.t ?? 0) + 1;
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, t } = config;
    return [lr, b1, 1 - b1, b2, 1 - b2, eps, 1 - b1 ** t, 1 - b2 ** t];
  }

  /**
   * optim.ts's `adam` (same defaults, state and results), its loop in WebAssembly:
   * float32 arrays only (else the plain one), a chunk at a time through scratch memory.
   */
  function adam(param: FloatArray, grad: FloatArray, config: OptimConfig): OptimConfig {
    const n = param.length;
    if (!(
      isF32(param) &&
      isF32(grad) &&
      grad.length === n &&
      (!config.m || isF32(config.m)) &&
      (!config.v || isF32(config.v))
    )) {
      return plainAdam(param, grad, config);
    }
    arena.resetScratch();
    // Moments live beside parameters that live here (first step), so the update needs no copy at all.
    if (!config.m && !config.v && arena.isResident(param) && arena.isResident(grad)) {
      const [m, v] = [arena.lasting(n), arena.lasting(n)];
      if (m && v) [config.m, config.v] = [m, v];
    }
    const mm = config.m;
    const vv = config.v;
    const inPlace = !!mm && !!vv && [param, grad, mm, vv].every((x) => arena.isResident(x, n));
    const parts = gate.parts(n * 16);
    // Split over helper threads (checked ones), in bigger chunks so that a wake-up is worth it.
    const chunk = inPlace ? n : Math.max(1, Math.min(parts > 1 ? ADAM_CHUNK * 8 : ADAM_CHUNK, n));
    const buffers = inPlace
      ? [param.byteOffset, grad.byteOffset, mm.byteOffset, vv.byteOffset]
      : [0, 0, 0, 0].map(() => alloc(chunk + 2));
    if (buffers.some((b) => b < 0)) return plainAdam(param, grad, config);
    const [ow, odw, om, ov] = buffers;
    const c = adamConstants(config, n);
    const f32 = arena.f32;
    const moments = [config.m as Float32Array, config.v as Float32Array];
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const len = Math.min(chunk, n - i0);
      if (!inPlace) {
        f32.set(param.subarray(i0, i0 + len), ow >> 2);
        f32.set(grad.subarray(i0, i0 + len), odw >> 2);
        f32.set(moments[0].subarray(i0, i0 + len), om >> 2);
        f32.set(moments[1].subarray(i0, i0 + len), ov >> 2);
      }
      let ok = false;
      if (parts > 1) {
        stats.splitCalls++;
        // Elementwise, in whole groups of 4 (the kernel's f64x2 pairs never cross into another thread's range).
        ok = team!.run(OP_ADAM, parts, (p, args) => {
          const [s0, s1] = splitRange(len, 4, parts, p);
          args.set([ow + s0 * 4, odw + s0 * 4, om + s0 * 4, ov + s0 * 4, s1 - s0]);
          teamAdamConstants(args).set(c);
        });
      }
      if (!ok) w.adam(ow, odw, om, ov, len, ...c);
      if (inPlace) {
        // An odd count writes one float past each array: the padding other kernels read as zero.
        if (len % 2) for (const off of [ow, om, ov]) f32[(off >> 2) + len] = 0;
      } else {
        param.set(f32.subarray(ow >> 2, (ow >> 2) + len), i0);
        moments[0].set(f32.subarray(om >> 2, (om >> 2) + len), i0);
        moments[1].set(f32.subarray(ov >> 2, (ov >> 2) + len), i0);
      }
    }
    return config;
  }

  return adam;
}
