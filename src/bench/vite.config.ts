import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { BENCH_OUT_DIR } from './outDir.ts';

/**
 * Builds the benchmark for Node (Node 20 cannot run TypeScript): `npm run bench` runs
 * `vite build --config src/bench/vite.config.ts` and then `node` on the bundle. Packages
 * stay external (an SSR build), so it needs only what `npm ci` installs.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: BENCH_OUT_DIR,
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { main: 'src/bench/main.ts', nodeWorker: 'src/bench/nodeWorker.ts', nodeChild: 'src/bench/nodeChild.ts' },
      output: { entryFileNames: '[name].js' },
    },
  },
});
