import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './src/build/contentSecurityPolicy.ts';
import { mnistDataset } from './src/build/mnistVitePlugin.ts';

export default defineConfig({
  plugins: [react(), mnistDataset(), contentSecurityPolicy()],
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
