import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Which Chromium the end-to-end tests and the benchmark drive: Playwright's own
 * when it is installed (`npx playwright install chromium`), otherwise a system
 * Chromium (Debian's `chromium` package at /usr/bin/chromium, or the path in
 * CHROMIUM_PATH). Returns the system Chromium's path, or undefined to use
 * Playwright's own.
 */
export function systemChromium(): string | undefined {
  const bundled = (() => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  })();
  if (bundled && existsSync(bundled)) return undefined;
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** Launch arguments for a system Chromium: root in a container needs --no-sandbox; the rest keep it off the network. */
export function systemChromiumArgs(executablePath: string | undefined): string[] {
  return executablePath
    ? [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ]
    : [];
}

/**
 * Launch arguments that give headless Chromium a WebGPU adapter without a GPU: SwiftShader's Vulkan driver (shipped
 * with Chromium), correct and slow. For the GPU path's end-to-end tests and the benchmark's --gpu run.
 */
export function webgpuChromiumArgs(executablePath: string | undefined): string[] {
  const base = systemChromiumArgs(executablePath).filter((a) => a !== '--disable-gpu');
  return [
    ...base,
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan',
    '--use-vulkan=swiftshader',
    '--use-webgpu-adapter=swiftshader',
    '--enable-unsafe-swiftshader',
  ];
}
