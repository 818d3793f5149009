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
  // The chart follows the store a moment later (it redraws a few times a second).
  const epochs = cell.getByRole('table', { name: 'Validation accuracy data' }).getByRole('rowheader');
  await expect.poll(() => epochs.allTextContents()).toEqual(['0', '1']);
}

test.describe('reliability', () => {
  test('a diverging learning rate stops that configuration with "diverged at iteration k"; then a normal run works', async ({
    page,
  }) => {
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

  test('an exception inside a training worker ends the run as failed with its message; the next Train works', async ({
    page,
  }) => {
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
    await trainingWorkers(page)
      .at(-1)!
      .evaluate(() => {
        setTimeout(() => {
          throw new Error('injected crash');
        });
      });
    await expect(cell.getByRole('status')).toContainText('Failed', { timeout: 30_000 });
    await expect(cell.getByRole('alert')).toContainText('The training worker failed');
    await expect.poll(() => trainingWorkers(page).length).toBe(0);
    await shortRunSucceeds(page);
  });

  test('Train and Stop clicked 50 times quickly: one run at most, no worker left behind, histories never mix', async ({
    page,
  }) => {
    // Count the page's live training workers: created minus terminated (Playwright's own list lags behind terminate()).
    await page.addInitScript(() => {
      const w = window as unknown as { liveTrainWorkers: number; mostTrainWorkers: number };
      w.liveTrainWorkers = 0;
      w.mostTrainWorkers = 0;
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        private counted = false;
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name?.startsWith('train-')) {
            this.counted = true;
            w.liveTrainWorkers++;
            w.mostTrainWorkers = Math.max(w.mostTrainWorkers, w.liveTrainWorkers);
          }
        }
        terminate() {
          if (this.counted) w.liveTrainWorkers--;
          this.counted = false;
          super.terminate();
        }
      };
    });
    const counts = () =>
      page.evaluate(() => {
        const w = window as unknown as { liveTrainWorkers: number; mostTrainWorkers: number };
        return { live: w.liveTrainWorkers, most: w.mostTrainWorkers };
      });
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByText(/Active dataset: CIFAR-10 sample \(built-in\)/)).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('100');
    // Train becomes Restart while a run goes (a click that lands after the run started asks first: confirmed here).
    const train = cell.getByRole('button', { name: /^(Train|Restart)$/ });
    const confirm = cell.getByRole('button', { name: 'Restart: replace this run' });
    const stop = cell.getByRole('button', { name: 'Stop' });
    for (let i = 0; i < 50; i++) {
      await train.click();
      if (await confirm.isVisible()) await confirm.click({ timeout: 2000 });
      if (await stop.isEnabled()) await stop.click({ timeout: 2000 });
    }
    const afterClicks = await counts();
    console.log(
      `training workers during 50 Train/Stop clicks: at most ${afterClicks.most} alive at once, ${afterClicks.live} alive after`,
    );
    expect(afterClicks.most).toBe(2);
    await expect.poll(async () => (await counts()).live).toBe(0);
    await expect(cell.getByRole('status')).not.toContainText('Training');
    await shortRunSucceeds(page);
    await expect.poll(async () => (await counts()).live).toBe(0);
    expect((await counts()).most).toBe(2);
  });

  test('no request leaves the page origin, and the page runs under a CSP without unsafe-eval', async ({
    page,
    baseURL,
  }) => {
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
