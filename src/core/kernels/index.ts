import { plainKernels } from './plain.ts';
import type { MatmulKernels } from './types.ts';

export type { MatmulKernels } from './types.ts';
export { plainKernels } from './plain.ts';

let active: MatmulKernels = plainKernels;

/** The kernels the layers use; a faster implementation may be installed at start-up. */
export function kernels(): MatmulKernels {
  return active;
}

export function useKernels(k: MatmulKernels): void {
  active = k;
}
