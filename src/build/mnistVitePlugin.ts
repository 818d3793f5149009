import type { Plugin } from 'vite';
import { buildMnistBinaryFromPackage } from './mnistBuild.ts';
import { MNIST_URL } from '../data/mnist.ts';

/**
 * Serves the built-in MNIST file at `<base>data/mnist-10k.bin`: generated from the `mnist`
 * package on first request in dev, emitted as an asset of that exact name by `vite build`
 * (so `vite preview` serves it from dist/). Nothing generated is committed.
 */
export function mnistDataset(): Plugin {
  let root = process.cwd();
  let cached: Uint8Array | null = null;
  const binary = (): Uint8Array => (cached ??= buildMnistBinaryFromPackage(root));

  return {
    name: 'dropout-lab:mnist-dataset',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? '').split('?')[0];
        if (pathname !== `/${MNIST_URL}` && pathname !== `${server.config.base}${MNIST_URL}`) return next();
        try {
          const bytes = binary();
          res.setHeader('Content-Type', 'application/octet-stream');
          res.setHeader('Content-Length', String(bytes.length));
          res.end(bytes);
        } catch (error) {
          next(error);
        }
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_URL, source: binary() });
    },
  };
}
