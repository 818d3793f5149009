import { expect, test } from '@playwright/test';

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after one visit the app loads and trains with no network at all', async ({ page, context }) => {
    test.setTimeout(150_000);
    await page.goto('/?epochs=1&train=200');
    // The service worker has installed and precached the app, its workers and the built-in datasets.
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible({
      timeout: 60_000,
    });

    await context.setOffline(true);
    const reachedNetwork: string[] = [];
    await context.route('**/*', (route) => {
      reachedNetwork.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.reload();
    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await expect(experiment.getByRole('group', { name: 'Example images' })).toBeVisible({ timeout: 30_000 });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    await expect(experiment.getByRole('table', { name: /Results/ })).toContainText('p = 0.25');
    expect(reachedNetwork).toEqual([]);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // Served by the service worker, with its cross-origin isolation headers (WebAssembly threads can be used).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });
});
