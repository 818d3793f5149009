import type { Plugin } from 'vite';

/**
 * The app's Content-Security-Policy: everything from its own origin, no eval
 * (WebAssembly compilation is allowed: the matrix kernels are built at run
 * time), inline style attributes for the charts, images from data/blob URLs
 * for exported PNGs. Applied to the built page (meta tag) and to every
 * response of `vite preview` (header), which also covers the workers' scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation: the page and its workers may use SharedArrayBuffer (WebAssembly threads). The app loads
 * nothing from another origin, so requiring CORP of embedded resources costs nothing.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** Adds the policy as a meta tag to the built index.html (the dev server's inline HMR scripts would break under it). */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'dropout-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
