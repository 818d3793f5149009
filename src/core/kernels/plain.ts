import type { MatmulKernels } from './types.ts';

/**
 * The reference matrix products in plain TypeScript (row-major, i-k-j order so
 * the inner loop streams through memory). Zero entries of the left operand are
 * skipped: after ReLU and dropout most hidden activations are zero.
 */
export const plainKernels: MatmulKernels = {
  name: 'plain',
  matmulNN(a, b, c, m, k, n) {
    c.fill(0, 0, m * n);
    for (let i = 0; i < m; i++) {
      const cRow = i * n;
      const aRow = i * k;
      for (let p = 0; p < k; p++) {
        const aip = a[aRow + p];
        if (aip === 0) continue;
        const bRow = p * n;
        for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
      }
    }
  },
  matmulNT(a, b, c, m, k, n) {
    for (let i = 0; i < m; i++) {
      const aRow = i * k;
      for (let j = 0; j < n; j++) {
        const bRow = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[aRow + p] * b[bRow + p];
        c[i * n + j] = s;
      }
    }
  },
  matmulTN(a, b, c, m, k, n) {
    c.fill(0, 0, m * n);
    for (let p = 0; p < k; p++) {
      const aRow = p * m;
      const bRow = p * n;
      for (let i = 0; i < m; i++) {
        const api = a[aRow + i];
        if (api === 0) continue;
        const cRow = i * n;
        for (let j = 0; j < n; j++) c[cRow + j] += api * b[bRow + j];
      }
    }
  },
};
