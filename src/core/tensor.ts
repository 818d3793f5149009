export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export interface Tensor {
  data: FloatArray;
  shape: number[];
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

/** Builds a tensor from plain numbers or a typed array (copied), checking the shape. */
export function tensor(values: ArrayLike<number>, shape: number[], dtype: DType = 'float32'): Tensor {
  const length = sizeOf(shape);
  if (values.length !== length) {
    throw new Error(`tensor: ${values.length} values do not fill shape [${shape.join(', ')}] (${length})`);
  }
  const data = allocate(dtype, length);
  data.set(values);
  return { data, shape: [...shape] };
}

export function zeros(shape: number[], dtype: DType = 'float32'): Tensor {
  return { data: allocate(dtype, sizeOf(shape)), shape: [...shape] };
}

export function zerosLike(t: Tensor): Tensor {
  return zeros(t.shape, dtypeOf(t.data));
}

export function clone(t: Tensor): Tensor {
  return { data: t.data.slice(), shape: [...t.shape] };
}

export function mean(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return data.length ? s / data.length : NaN;
}

/** Rows [start, start + count) of a row-major [N, ...] tensor, as a view (no copy). */
export function rowsView(t: Tensor, start: number, count: number): Tensor {
  const rowSize = t.data.length / t.shape[0];
  return {
    data: t.data.subarray(start * rowSize, (start + count) * rowSize),
    shape: [count, ...t.shape.slice(1)],
  };
}
