import { defineConfig, devices } from '@playwright/test';
import { systemChromium, systemChromiumArgs, webgpuChromiumArgs } from './src/bench/chromiumPath.ts';

// Playwright's own Chromium when installed, else a system Chromium (shared with the benchmark).
const executablePath = systemChromium();
const port = Number(process.env.E2E_PORT ?? 4173);
/** The same app built for a sub-path of a static host (BASE_PATH), served beside the first. */
const subPathPort = port + 1;
export const SUB_PATH = '/dropout-lab/';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    // The page follows the browser's language on a first visit; the tests speak English unless they choose 中文.
    locale: 'en-US',
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    // The built app registers a service worker (offline); tests that fake the network with page.route need it out of
    // the way. e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: systemChromiumArgs(executablePath),
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /(webgpu|subPath)\.spec\.ts$/ },
    {
      name: 'sub-path',
      testMatch: /subPath\.spec\.ts$/,
      use: { baseURL: `http://localhost:${subPathPort}${SUB_PATH}` },
    },
    {
      // The GPU path, in a Chromium whose WebGPU adapter is SwiftShader (no GPU needed).
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: webgpuChromiumArgs(executablePath) } },
    },
  ],
  webServer: [
    {
      command: `npm run build && npm run preview -- --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: `vite build --outDir dist-sub-path --logLevel warn && vite preview --outDir dist-sub-path --port ${subPathPort} --strictPort`,
      // Served without the cross-origin isolation headers, as a static host would: the service worker adds them.
      env: { BASE_PATH: SUB_PATH, STATIC_HOST: '1' },
      url: `http://localhost:${subPathPort}${SUB_PATH}`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
