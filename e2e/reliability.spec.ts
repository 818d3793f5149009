import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const trainingWorkers = (page: Page) => page.workers().filter((w) => /trainWorker/.test(w.url()));

async function shortRunSucceeds(page: Page) {
  const cell = experiment(page);
  await cell.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.0005');
  await cell.getByRole('combobox', { name: 'Update rule' }).selectOption({ label: 'Adam' });
  await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
  await cell.getByRole('button', { name: 'Train' }).click();
  await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
  const results = cell.getByRole('table', { name: 'Results' });
  await expect(results.getByRole('cell', { name: 'finished' })).toHaveCount(2);
  const epochs = await cell.getByRole('table', { name: 'Validation accuracy data' }).locator('tbody tr th').allTextContents();
  expect(epochs).toEqual(['0', '1']);
}

test.describe('reliability', () => {
  test('a diverging learning rate stops that configuration with "diverged at iteration k"; then a normal run works', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    await cell.getByRole('combobox', { name: 'Update rule' }).selectOption({ label: 'SGD' });
    await cell.getByRole('spinbutton', { name: 'Learning rate' }).fill('10');
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('5');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('alert')).toContainText(/diverged at iteration \d+/, { timeout: 60_000 });
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    const rows = cell.getByRole('table', { name: 'Results' }).getByRole('row').filter({ hasText: /^p = / });
    const statuses = await Promise.all((await rows.all()).map((r) => r.getByRole('cell').first().textContent()));
    expect(statuses).toHaveLength(2);
    for (const s of statuses as string[]) expect(s).toMatch(/^(finished|diverged: diverged at iteration \d+)/);
    expect(statuses.some((s) => s!.startsWith('diverged'))).toBe(true);
    await shortRunSucceeds(page);
  });

  test('an exception inside a training worker ends the run as failed with its message; the next Train works', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('300');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await expect.poll(() => trainingWorkers(page).length).toBe(2);
    // Provoke a fault in the training loop of one worker: its next call to performance.now() throws.
    await trainingWorkers(page)[0].evaluate(() => {
      performance.now = () => {
        throw new Error('injected fault');
      };
    });
    await expect(cell.getByRole('alert')).toContainText('failed: injected fault', { timeout: 30_000 });
    // And an uncaught error in the other worker (an error event, not a message).
    await trainingWorkers(page).at(-1)!.evaluate(() => {
      setTimeout(() => {
        throw new Error('injected crash');
      });
    });
    await expect(cell.getByRole('status')).toContainText('Failed', { timeout: 30_000 });
    await expect(cell.getByRole('alert')).toContainText('The training worker failed');
    await expect.poll(() => trainingWorkers(page).length).toBe(0);
    await shortRunSucceeds(page);
  });

  test('Train and Stop clicked 50 times quickly: one run at most, no worker left behind, histories never mix', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByText(/Active dataset: MNIST/)).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('100');
    const train = cell.getByRole('button', { name: 'Train' });
    const stop = cell.getByRole('button', { name: 'Stop' });
    let maxWorkers = 0;
    for (let i = 0; i < 50; i++) {
      await train.click();
      maxWorkers = Math.max(maxWorkers, trainingWorkers(page).length);
      if (await stop.isEnabled()) await stop.click({ timeout: 2000 });
      maxWorkers = Math.max(maxWorkers, trainingWorkers(page).length);
    }
    console.log(`most training workers listed at once during 50 Train/Stop clicks: ${maxWorkers}`);
    // One run has two workers; Playwright lists a terminated worker until its close event, so a just-stopped run may still show.
    expect(maxWorkers).toBeLessThanOrEqual(4);
    await expect.poll(() => trainingWorkers(page).length, { timeout: 10_000 }).toBe(0);
    await expect(cell.getByRole('status')).not.toContainText('Training');
    await shortRunSucceeds(page);
    await expect.poll(() => trainingWorkers(page).length, { timeout: 10_000 }).toBe(0);
  });

  test('no request leaves the page origin, and the page runs under a CSP without unsafe-eval', async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const requests: string[] = [];
    const violations: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    await page.getByRole('region', { name: 'Dropout forward pass' }).getByRole('button', { name: 'Run' }).click();
    await shortRunSucceeds(page);
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });
});
