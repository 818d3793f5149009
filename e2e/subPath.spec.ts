import { expect, test } from '@playwright/test';
import { SUB_PATH } from '../playwright.config.ts';

test.describe('served from a sub-path of a static host (BASE_PATH)', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the page, its workers, datasets, manifest and service worker all live under the sub-path; a run finishes', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('./?epochs=1&train=200');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', `${SUB_PATH}manifest.webmanifest`);
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible({
      timeout: 60_000,
    });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe(SUB_PATH);

    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    expect(requested.some((path) => path.endsWith('/data/cifar-10-sample-train.tgz'))).toBe(true);
    expect(requested.filter((path) => !path.startsWith(SUB_PATH))).toEqual([]);
  });

  test('a static host sends no isolation headers: the page is cross-origin isolated through the service worker, and says so', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.goto('./?epochs=1&train=200');
    const compute = page
      .getByRole('region', { name: 'Regularization experiment' })
      .getByRole('combobox', { name: 'Compute' });
    // First visit: served by the host alone, not isolated: one thread per configuration, and the Compute field says why.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(compute).toHaveAccessibleDescription(
      /one thread per configuration \(this page is not cross-origin isolated/,
    );
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible({
      timeout: 60_000,
    });
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller && crossOriginIsolated)).toBe(true);
    await expect(compute).toHaveAccessibleDescription(
      /CPU: one thread per configuration \(2 cores, 2 configurations\)|CPU: \d+ threads per configuration/,
    );
  });
});
