import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const savedRuns = (page: Page) => page.getByRole('table', { name: 'Saved runs' });
/** The saved runs' names (their row headers) and statuses, newest first. */
async function runRows(page: Page): Promise<[string, string][]> {
  const rows = savedRuns(page).locator('tbody tr');
  const out: [string, string][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([
      (await row.getByRole('rowheader').innerText()).trim(),
      (await row.getByRole('cell').nth(3).innerText()).trim(),
    ]);
  }
  return out;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(experiment(page).getByText(/Active dataset: CIFAR-10 sample/)).toBeVisible({ timeout: 30_000 });
});

test.describe('Train during a run, and the names of runs (issue 27, points 5 and 6)', () => {
  test('Train becomes Restart while a run goes and asks first; the run thrown away is listed as replaced, under another name', async ({
    page,
  }, testInfo) => {
    const cell = experiment(page);
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('50');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });

    // Asked first; Keep training leaves the run alone.
    await cell.getByRole('button', { name: 'Restart', exact: true }).click();
    const question = cell.getByRole('group', { name: 'Restart' });
    await expect(question).toContainText('Restart? The run going now stops here and stays in Runs, marked as replaced');
    await expect(question.getByRole('button', { name: 'Restart: replace this run' })).toBeFocused();
    await testInfo.attach('restart question', {
      body: await cell.locator('.run-bar').screenshot(),
      contentType: 'image/png',
    });
    await question.getByRole('button', { name: 'Keep training' }).click();
    await expect(question).toHaveCount(0);
    await expect(cell.getByRole('button', { name: 'Stop' })).toBeEnabled();
    const epochBefore = Number((await cell.getByRole('status').innerText()).match(/Epoch (\d+)/)![1]);
    await expect
      .poll(async () => Number((await cell.getByRole('status').innerText()).match(/Epoch (\d+)/)?.[1] ?? 0), {
        timeout: 60_000,
      })
      .toBeGreaterThan(epochBefore);

    // Confirmed: a new run starts, and the old one is kept, marked as replaced.
    await cell.getByRole('button', { name: 'Restart', exact: true }).click();
    await cell.getByRole('button', { name: 'Restart: replace this run' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch 0|Epoch 1 /, { timeout: 30_000 });
    await expect
      .poll(() => runRows(page))
      .toEqual([['p = 0.25 vs 1 · 50 epochs · seed 231 · CIFAR-10 sample', 'stopped: replaced by a new run']]);
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect(cell.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await expect
      .poll(() => runRows(page))
      .toEqual([
        ['p = 0.25 vs 1 · 50 epochs · seed 231 · CIFAR-10 sample · run 2 (shown above)', 'stopped'],
        ['p = 0.25 vs 1 · 50 epochs · seed 231 · CIFAR-10 sample', 'stopped: replaced by a new run'],
      ]);
    await testInfo.attach('runs panel: the replaced run and the new one', {
      body: await savedRuns(page).screenshot(),
      contentType: 'image/png',
    });

    // The made names follow the page's language.
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    await expect
      .poll(async () =>
        (await page.getByRole('table', { name: '已保存的训练' }).getByRole('rowheader').allInnerTexts()).map((t) =>
          t.trim(),
        ),
      )
      .toEqual([
        'p = 0.25 对比 1 · 50 轮 · 随机种子 231 · CIFAR-10 样本 · 第 2 次（显示在上方）',
        'p = 0.25 对比 1 · 50 轮 · 随机种子 231 · CIFAR-10 样本',
      ]);
  });

  test('two runs that differ in epochs differ in name, also overlaid', async ({ page }) => {
    const cell = experiment(page);
    for (const epochs of ['1', '2']) {
      await cell.getByRole('spinbutton', { name: 'Epochs' }).fill(epochs);
      await cell.getByRole('button', { name: 'Train' }).click();
      await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    }
    await expect
      .poll(async () => (await runRows(page)).map(([name]) => name))
      .toEqual([
        'p = 0.25 vs 1 · 2 epochs · seed 231 · CIFAR-10 sample (shown above)',
        'p = 0.25 vs 1 · 1 epoch · seed 231 · CIFAR-10 sample',
      ]);
    for (const box of await savedRuns(page).getByRole('checkbox').all()) await box.check();
    const legend = page.getByRole('figure', { name: 'Validation accuracy of the compared runs' }).getByRole('listitem');
    const names = (await legend.allInnerTexts()).map((t) => t.trim());
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
  });
});
