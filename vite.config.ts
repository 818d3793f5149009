import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  CROSS_ORIGIN_ISOLATION,
} from './src/build/contentSecurityPolicy.ts';
import { katexFormulas } from './src/build/katexFormulas.ts';
import { mnistDataset } from './src/build/mnistVitePlugin.ts';
import { PWA_OPTIONS } from './src/build/pwa.ts';

export default defineConfig({
  // Where the app is served from: '/' by default; a sub-path of a static host with BASE_PATH=/dropout-lab/ (README).
  base: process.env.BASE_PATH ?? '/',
  plugins: [react(), mnistDataset(), katexFormulas(), contentSecurityPolicy(), VitePWA(PWA_OPTIONS)],
  // Cross-origin isolation (COOP + COEP) lets the training workers use WebAssembly threads (SharedArrayBuffer);
  // static hosts that cannot send headers get them from the service worker (src/build/pwa.ts).
  server: { headers: CROSS_ORIGIN_ISOLATION },
  // STATIC_HOST=1 serves the build as a static host that cannot send headers would (the sub-path e2e project): the
  // isolation then comes from the service worker alone.
  preview: {
    headers: {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      ...(process.env.STATIC_HOST ? {} : CROSS_ORIGIN_ISOLATION),
    },
  },
  worker: { format: 'es' },
  // Fonts are never inlined as data: URLs: the CSP's font-src is 'self' (KaTeX's smallest font would be refused, and
  // the browser would fetch its .woff/.ttf fallbacks, which are not precached).
  build: { assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined) },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
