import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { mnistDataset } from './mnistVitePlugin.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

function devServer(base: string): { handle(url: string): Promise<{ body?: Uint8Array; passed: boolean }> } {
  const plugin = mnistDataset();
  let middleware: Middleware | undefined;
  const server = { config: { base }, middlewares: { use: (fn: Middleware) => (middleware = fn) } };
  (plugin.configureServer as unknown as (s: typeof server) => void)(server);
  return {
    handle: (url) =>
      new Promise((resolve) => {
        const res = { setHeader: () => undefined, end: (body: Uint8Array) => resolve({ body, passed: false }) };
        middleware!({ url } as IncomingMessage, res as unknown as ServerResponse, () => resolve({ passed: true }));
      }),
  };
}

describe('mnistDataset (Vite plugin)', () => {
  it('serves data/mnist-10k.bin in dev, under the base path too, and passes other requests on', async () => {
    const server = devServer('/lab/');
    const served = await server.handle('/lab/data/mnist-10k.bin?import');
    expect(served.body?.length).toBe(10_000 * 785);
    expect((await server.handle('/data/mnist-10k.bin')).body?.length).toBe(10_000 * 785);
    expect((await server.handle('/index.html')).passed).toBe(true);
  });

  it('emits the file as an asset named data/mnist-10k.bin in a build', () => {
    const plugin = mnistDataset();
    const emitted: { type: string; fileName: string; source: Uint8Array }[] = [];
    const context = { emitFile: (file: (typeof emitted)[number]) => emitted.push(file) };
    (plugin.generateBundle as unknown as (this: typeof context) => void).call(context);
    expect(emitted).toHaveLength(1);
    expect(emitted[0].fileName).toBe('data/mnist-10k.bin');
    expect(emitted[0].type).toBe('asset');
    expect(emitted[0].source.length).toBe(10_000 * 785);
  });
});
