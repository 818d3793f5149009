import type { FunctionBuilder, ParamLocals } from './wasm-emit.ts';
import type { GEMM_SIGNATURES } from './wasm-signatures.ts';

/**
 * The body of `adam(w, dw, m, v, n, lr, beta1, 1 - beta1, beta2, 1 - beta2, eps, c1, c2)`:
 * Adam's update of n float32 parameters (pointers are byte offsets), computed in f64x2
 * with the very operations, in the very order, of optim.ts's `adam` (which computes in
 * doubles and rounds on every Float32Array store), so the two agree bit for bit.
 * c1 = 1 - beta1^t and c2 = 1 - beta2^t. Reads and writes 2 floats at a time: an odd n
 * touches one float past the end.
 */
export function emitAdam(
  f: FunctionBuilder,
  {
    w,
    dw,
    m,
    v,
    n,
    lr,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    eps,
    c1,
    c2,
  }: ParamLocals<(typeof GEMM_SIGNATURES)['adam']['params']>,
): void {
  const splat = (scalar: typeof lr, localName: string) => {
    const x = f.local('v128', localName);
    f.get(scalar).f64x2Splat().set(x);
    return x;
  };
  const LR = splat(lr, 'lrs'),
    B1 = splat(beta1, 'beta1s'),
    OMB1 = splat(oneMinusBeta1, 'oneMinusBeta1s'),
    B2 = splat(beta2, 'beta2s');
  const OMB2 = splat(oneMinusBeta2, 'oneMinusBeta2s'),
    EPS = splat(eps, 'epss'),
    C1 = splat(c1, 'c1s'),
    C2 = splat(c2, 'c2s');
  const off = f.local('i32', 'offset'),
    end = f.local('i32', 'end');
  const g = f.local('v128', 'g'),
    mr = f.local('v128', 'mRounded'),
    vr = f.local('v128', 'vRounded'),
    narrow = f.local('v128', 'narrow');
  f.get(n).i32(2).shl().set(end);
  f.for(
    off,
    () => f.i32(0),
    () => f.get(end),
    8,
    () => {
      // g = dw[i]
      f.get(dw).get(off).add().v128Load64Zero().f64x2PromoteLowF32x4().set(g);
      // m[i] = b1 * m[i] + (1 - b1) * g; then read back as stored (rounded to f32)
      f.get(B1).get(m).get(off).add().v128Load64Zero().f64x2PromoteLowF32x4().f64x2Mul();
      f.get(OMB1).get(g).f64x2Mul().f64x2Add().f32x4DemoteF64x2Zero().set(narrow);
      f.get(m).get(off).add().get(narrow).v128Store64Lane(0);
      f.get(narrow).f64x2PromoteLowF32x4().set(mr);
      // v[i] = b2 * v[i] + (1 - b2) * g * g
      f.get(B2).get(v).get(off).add().v128Load64Zero().f64x2PromoteLowF32x4().f64x2Mul();
      f.get(OMB2).get(g).f64x2Mul().get(g).f64x2Mul().f64x2Add().f32x4DemoteF64x2Zero().set(narrow);
      f.get(v).get(off).add().get(narrow).v128Store64Lane(0);
      f.get(narrow).f64x2PromoteLowF32x4().set(vr);
      // w[i] -= (lr * (m[i] / c1)) / (sqrt(v[i] / c2) + eps)
      f.get(w).get(off).add();
      f.get(w).get(off).add().v128Load64Zero().f64x2PromoteLowF32x4();
      f.get(LR).get(mr).get(C1).f64x2Div().f64x2Mul();
      f.get(vr).get(C2).f64x2Div().f64x2Sqrt().get(EPS).f64x2Add();
      f.f64x2Div().f64x2Sub().f32x4DemoteF64x2Zero().v128Store64Lane(0);
    },
  );
}
