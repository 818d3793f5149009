import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { mnistDataset } from './src/data/mnistVitePlugin.ts';

export default defineConfig({
  plugins: [react(), mnistDataset()],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
