import type { VitePWAOptions } from 'vite-plugin-pwa';

/**
 * Offline and installable (vite-plugin-pwa, Workbox): a service worker precaches everything the built app uses (the
 * page, its scripts and workers, the WebAssembly kernels, the built-in datasets, the icons), so after one visit the
 * app loads and trains with no network. A new deployment is downloaded in the background and offered in the page
 * (`AppUpdateNotice`), never applied by itself: reloading would end a running experiment. Paths are relative, so the
 * worker's scope and the manifest follow Vite's `base` on a sub-path host. The worker is the app's own (src/sw.ts,
 * Workbox's precaching): it also sends the cross-origin isolation headers, which static hosts cannot.
 */
const PRECACHE = {
  // woff2: KaTeX's fonts for the formulas (its style sheet also names .woff and .ttf fallbacks, which no browser that
  // runs this app asks for).
  globPatterns: ['**/*.{html,js,css,svg,png,wasm,tgz,bin,woff2}'],
  // The README's screenshot is not part of the app.
  globIgnores: ['screenshot.png'],
  // The built-in CIFAR-10 sample is two archives of about 2.9 MB each.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
};

export const PWA_OPTIONS: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  injectManifest: PRECACHE,
  // Registered from the app's code (virtual:pwa-register): no inline script, so the CSP stays without 'unsafe-inline'.
  injectRegister: false,
  // The glob below lists the favicon and the icons, and the plugin adds the manifest: nothing is precached twice.
  includeManifestIcons: false,
  manifest: {
    name: 'Dropout Lab',
    short_name: 'Dropout Lab',
    description: "See inverted dropout work: CS231n's dropout assignment as an interactive notebook.",
    start_url: '.',
    scope: '.',
    display: 'standalone',
    theme_color: '#1d3557',
    background_color: '#fbfaf7',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
};
