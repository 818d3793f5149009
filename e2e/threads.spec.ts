import { expect, test, type Page } from '@playwright/test';
import { browserHistories } from './histories.ts';

/**
 * WebAssembly threads: `npm run preview` sends COOP and COEP, so the page is cross-origin isolated; where cores
 * outnumber configurations each configuration's products use several threads, with the same histories digit for digit.
 */
const LINK = '/?epochs=2&seed=11&p=0.4&hidden=200&kernels=exact';

/** The page as a machine with `cores` cores sees it (the client shares the cores out among the configurations). */
async function withCores(page: Page, cores: number): Promise<void> {
  await page.addInitScript(
    (n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }),
    cores,
  );
}

test('the preview server isolates the page; with more cores than configurations each trains on several threads, with the same histories', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const threaded = await browser.newPage();
  await withCores(threaded, 4);
  await threaded.goto(LINK);
  expect(await threaded.evaluate(() => crossOriginIsolated)).toBe(true);
  const compute = threaded
    .getByRole('region', { name: 'Regularization experiment' })
    .getByRole('combobox', { name: 'Compute' });
  await expect(compute).toHaveAccessibleDescription(/CPU: 2 threads per configuration \(4 cores, 2 configurations\)/);
  const helpers: string[] = [];
  threaded.on('worker', (worker) => helpers.push(worker.url()));
  const withThreads = await browserHistories(threaded, LINK);
  // Each configuration starts a helper per core beyond its own and uses its share (all of them once the other ends).
  expect(helpers.filter((url) => url.includes('kernelHelperWorker')).length).toBe(6);

  const single = await browser.newPage();
  await withCores(single, 2);
  const oneThread = await browserHistories(single, LINK);
  expect(withThreads).toEqual(oneThread);
});
