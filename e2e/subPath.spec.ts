import { expect, test } from '@playwright/test';
import { SUB_PATH } from '../playwright.config.ts';

test.describe('served from a sub-path of a static host (BASE_PATH)', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the page, its workers, datasets, manifest and service worker all live under the sub-path; a run finishes', async ({ page }) => {
    test.setTimeout(150_000);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('./?epochs=1&train=200');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', `${SUB_PATH}manifest.webmanifest`);
    await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible({ timeout: 60_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe(SUB_PATH);

    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    expect(requested.some((path) => path.endsWith('/data/cifar-10-sample-train.tgz'))).toBe(true);
    expect(requested.filter((path) => !path.startsWith(SUB_PATH))).toEqual([]);
  });
});
