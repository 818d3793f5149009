import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CROSS_ORIGIN_ISOLATION } from './build/contentSecurityPolicy.ts';

/**
 * The app's service worker (Workbox precaching, built by vite-plugin-pwa: src/build/pwa.ts). Everything it serves
 * carries the cross-origin isolation headers (the coi-serviceworker pattern), so on a static host that cannot send
 * headers the page is isolated from its second load on (and offline), and the training workers use WebAssembly threads.
 */
interface ServiceWorkerScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ type?: string } | null>) => void): void;
}
declare const self: ServiceWorkerScope;

/** The response with COOP and COEP set (an opaque response cannot be copied and is left as it is). */
export function withCrossOriginIsolation(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

addPlugins([{ handlerWillRespond: ({ response }) => Promise.resolve(withCrossOriginIsolation(response)) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The update prompt's Reload (AppUpdateNotice) asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
